// Users, for portal administrators (`/api/v1/admin/users`).
import { AdminUserListSchema, AdminUserSchema, CreatedUserSchema, CreateUserBodySchema, UpdateUserBodySchema, UserListQuerySchema } from "../../schemas/access";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const USERS = {
  listUsers: {
    method: "GET",
    path: "/api/v1/admin/users",
    summary: "List users",
    description: "Portal administrators only. Newest first, a page at a time (?cursor= from the previous page's nextCursor).",
    tag: "admin",
    query: UserListQuerySchema,
    response: { status: 200, description: "A page of users with their memberships.", schema: AdminUserListSchema },
    errors: ["forbidden", "invalid_input", "internal"],
  },
  createUser: {
    method: "POST",
    path: "/api/v1/admin/users",
    summary: "Create a local account",
    description: "Portal administrators only (open sign-up is off). Without a password the portal generates one and returns it in this response only.",
    tag: "admin",
    body: CreateUserBodySchema,
    bodyName: "user",
    response: { status: 201, description: "The new user; `password` when it was generated.", schema: CreatedUserSchema },
    errors: [...BODY_ERRORS, "forbidden", "conflict", "internal"],
  },
  updateUser: {
    method: "PATCH",
    path: "/api/v1/admin/users/{id}",
    summary: "Grant or withdraw portal administration and platform review",
    description:
      "Portal administrators only; nobody withdraws their own administrator rights (409). `platformReviewer` lets a person review every team's requests and changes (a reviewer role in a team reviews only that team's).",
    tag: "admin",
    body: UpdateUserBodySchema,
    bodyName: "user",
    response: { status: 200, description: "The user.", schema: AdminUserSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
