// Teams and their members (`/api/v1/teams`).
import { AddMemberBodySchema, ChangeMemberBodySchema, CreateTeamBodySchema, TeamListSchema, TeamSchema } from "../../schemas/access";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const TEAMS = {
  listTeams: {
    method: "GET",
    path: "/api/v1/teams",
    summary: "List the teams you can see",
    description:
      "Members see their own teams; reviewers and portal administrators see every team. Each team carries your role in it (null when you see it without being in it) and its members.",
    tag: "access",
    response: { status: 200, description: "Teams, by slug.", schema: TeamListSchema },
    errors: ["internal"],
  },
  createTeam: {
    method: "POST",
    path: "/api/v1/teams",
    summary: "Create a team",
    description: "Portal administrators only. The slug is unique (409 when taken).",
    tag: "admin",
    body: CreateTeamBodySchema,
    bodyName: "team",
    response: { status: 201, description: "The new team.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "conflict", "internal"],
  },
  addTeamMember: {
    method: "POST",
    path: "/api/v1/teams/{teamId}/members",
    summary: "Add a person to a team",
    description: "Portal administrators only. Adding someone already in the team sets their role.",
    tag: "admin",
    body: AddMemberBodySchema,
    bodyName: "membership",
    response: { status: 200, description: "The team with its members.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  changeTeamMemberRole: {
    method: "PATCH",
    path: "/api/v1/teams/{teamId}/members/{userId}",
    summary: "Change a member's role",
    description: "Portal administrators only. Tokens the member created keep working, but never above the member's new role.",
    tag: "admin",
    body: ChangeMemberBodySchema,
    bodyName: "membership",
    response: { status: 200, description: "The team with its members.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  removeTeamMember: {
    method: "DELETE",
    path: "/api/v1/teams/{teamId}/members/{userId}",
    summary: "Remove a person from a team",
    description: "Portal administrators only. The tokens they created for the team are revoked with it.",
    tag: "admin",
    response: { status: 200, description: "The team with its remaining members.", schema: TeamSchema },
    errors: ["forbidden", "not_found", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
