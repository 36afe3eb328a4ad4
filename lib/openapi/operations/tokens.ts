// API tokens (`/api/v1/tokens`).
import { CreatedTokenSchema, CreateTokenBodySchema, TokenListQuerySchema, TokenListSchema, TokenSchema } from "../../schemas/access";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const TOKENS = {
  listTokens: {
    method: "GET",
    path: "/api/v1/tokens",
    summary: "List your API tokens",
    description:
      "Your tokens (active, expired and revoked), newest first; portal administrators may pass ?all=true for everyone's. Secrets are never returned.",
    tag: "access",
    query: TokenListQuerySchema,
    response: { status: 200, description: "A page of tokens.", schema: TokenListSchema },
    errors: ["forbidden", "invalid_input", "internal"],
  },
  createToken: {
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token",
    description:
      "For a team you belong to, with a role no higher than yours there, expiring after 1–365 days. The secret is in this response only; the portal stores its hash. Tokens cannot create tokens.",
    tag: "access",
    body: CreateTokenBodySchema,
    bodyName: "token",
    response: { status: 201, description: "The token with its secret (shown once).", schema: CreatedTokenSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  revokeToken: {
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke an API token",
    description: "Its creator or a portal administrator; revoking twice is harmless. Another person's token is a 404.",
    tag: "access",
    response: { status: 200, description: "The revoked token.", schema: TokenSchema },
    errors: ["not_found", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
