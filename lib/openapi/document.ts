// Builds the OpenAPI 3.1 document from the route registry and the shared zod schemas (z.toJSONSchema), never by hand.
import { z } from "zod";
import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from "../errors";
import { REQUEST_COMPONENTS, RESPONSE_COMPONENTS } from "./components";
import type { OpenApiDocument } from "./document-schema";
import { API_OPERATIONS, type ApiOperation } from "./operations";

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";
const ref = (id: string) => ({ $ref: `${REF_PREFIX}${id}` });

/** JSON Schemas of named components, with references between them; $schema/$id dropped (OpenAPI supplies both). */
function renderComponents(components: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, target: "draft-2020-12", unrepresentable: "throw", uri: (id) => `${REF_PREFIX}${id}` });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

/** Request (input) and response (output) components in one namespace; a name in both must render the same. */
function allComponents(): Record<string, JsonSchema> {
  const requests = renderComponents(REQUEST_COMPONENTS, "input");
  const responses = renderComponents(RESPONSE_COMPONENTS, "output");
  for (const [id, schema] of Object.entries(requests)) {
    const other = responses[id];
    if (other && JSON.stringify(other) !== JSON.stringify(schema)) {
      throw new Error(`OpenAPI component ${id} differs between requests and responses; give them different names`);
    }
  }
  return { ...responses, ...requests };
}

function componentName(schema: z.ZodType, components: Record<string, z.ZodType>, where: string): string {
  const hit = Object.entries(components).find(([, s]) => s === schema);
  if (!hit) throw new Error(`${where} uses a schema that is not a named OpenAPI component (lib/openapi/components.ts)`);
  return hit[0];
}

function queryParameters(query: NonNullable<ApiOperation["query"]>): JsonSchema[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const { $schema: _schema, ...schema } = z.toJSONSchema(field, { io: "input", target: "draft-2020-12", unrepresentable: "throw" }) as JsonSchema;
    return { name, in: "query", required: !field.safeParse(undefined).success, schema };
  });
}

/** One response per status; codes sharing a status (invalid_input, no_family_fits) share it. */
function errorResponses(codes: readonly ErrorCode[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const out: Record<string, JsonSchema> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: group.map((c) => `${ERROR_TITLES[c]} (\`${c}\`)`).join("; "),
      content: { "application/problem+json": { schema: ref("Problem") } },
    };
  }
  return out;
}

/** `{id}` segments of a path as required string parameters. */
function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

/** Every operation but the public ones needs a session or a token, and may answer 401 (none or bad) or 429 (too many bad tokens). */
const AUTH_ERRORS: readonly ErrorCode[] = ["unauthenticated", "rate_limited"];

/** How callers authenticate: a bearer API token (automation) or the browser's session cookie. */
export const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    description: "An API token (dsp_…), created in the portal or with POST /api/v1/tokens; scoped to one team and role.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description: "The browser session set by signing in at /api/auth/sign-in/email.",
  },
} as const;

/** What every answer to a deprecated URL form carries (lib/server/http/deprecation.ts). */
const DEPRECATION_HEADERS = {
  Deprecation: { description: "RFC 9745: this form is deprecated, since the date given as `@<Unix seconds>`.", schema: { type: "string" } },
  Link: { description: 'The form that replaces it, as `<url>; rel="successor-version"`.', schema: { type: "string" } },
};

function operationObject(operationId: string, op: ApiOperation): JsonSchema {
  const where = `${op.method} ${op.path}`;
  const headers = (op.headers ?? []).map((h) => ({ name: h.name, in: "header", required: h.required, description: h.description, schema: { type: "string" } }));
  const parameters = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : []), ...headers];
  const errors = op.public ? op.errors : [...new Set([...AUTH_ERRORS, ...op.errors])];
  return {
    operationId,
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op.public ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: !op.bodyOptional, content: { "application/json": { schema: ref(componentName(op.body, REQUEST_COMPONENTS, where)) } } } }
      : {}),
    responses: {
      [String(op.response.status)]: {
        description: op.response.description,
        ...(op.deprecated ? { headers: DEPRECATION_HEADERS } : {}),
        content: { [op.response.contentType ?? "application/json"]: { schema: ref(componentName(op.response.schema, RESPONSE_COMPONENTS, where)) } },
      },
      ...errorResponses(errors),
    },
  };
}

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const operations: [string, ApiOperation][] = Object.entries(API_OPERATIONS);
  for (const [operationId, op] of operations) {
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (item[method]) throw new Error(`Two operations for ${op.method} ${op.path}`);
    item[method] = operationObject(operationId, op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Datastore Portal API",
      version: "1.0.0",
      description:
        "Self-service data stores: recommend a store family, plan capacity, browse the hardware catalogue. Errors are RFC 9457 problem details (application/problem+json); a 422 lists every invalid field by its dotted path. Every operation except this document needs a session cookie (sign in at /api/auth/sign-in/email) or an API token as `Authorization: Bearer dsp_…`: none or a bad one is a 401, a team you are not in a 403.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "planning", description: "Recommendations and capacity plans (what-if; nothing is stored)." },
      { name: "catalog", description: "Instance shapes and prices." },
      { name: "meta", description: "About the API itself." },
      { name: "access", description: "Who you are, your teams, and API tokens." },
      { name: "admin", description: "Users, teams and memberships (portal administrators)." },
      { name: "requests", description: "Requests for data stores, their review, and their comment threads." },
      { name: "datastores", description: "The catalog: approved and provisioned datastores, their SLA thresholds, history and Backstage export." },
      { name: "webhooks", description: "Signed event deliveries (Standard Webhooks) to your endpoints, and their delivery logs." },
      { name: "fleet", description: "The inventory: every datastore's nodes, their scheduled events and status checks, and its refresh." },
      { name: "upgrades", description: "Family releases, what they affect, and upgrade campaigns gated by benchmarks." },
      { name: "health", description: "SLA health of provisioned datastores: metrics against thresholds and plan, alarms, the at-risk list." },
    ],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: { schemas: allComponents(), securitySchemes: SECURITY_SCHEMES },
  };
}

let cached: OpenApiDocument | undefined;

/** The document, built once per process (the schemas do not change at run time). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
