// Administration: users, teams and memberships.
import { queryOptions } from "@tanstack/react-query";
import type { CallInput } from "@/lib/client";
import type { TeamRole } from "@/lib/schemas/access";
import { newIdempotencyKey } from "./api";
import { apiClient } from "./client";

export const adminKeys = { users: ["admin", "users"] as const, teams: ["teams"] as const };

export const usersQuery = () =>
  queryOptions({
    queryKey: adminKeys.users,
    queryFn: async ({ signal }) => (await apiClient.get("listUsers", { query: { limit: 200 }, signal })).items,
  });

export const teamsQuery = () =>
  queryOptions({
    queryKey: adminKeys.teams,
    queryFn: async ({ signal }) => (await apiClient.get("listTeams", { signal })).items,
  });

/** What the create-user form sends (defaults not yet applied). */
export type UserInput = CallInput<"createUser">["body"];
export const createUser = (input: UserInput) => apiClient.get("createUser", { body: input, idempotencyKey: newIdempotencyKey() });
export const setAdmin = (id: string, isAdmin: boolean) => apiClient.get("updateUser", { params: { id }, body: { isAdmin } });
export const setPlatformReviewer = (id: string, platformReviewer: boolean) => apiClient.get("updateUser", { params: { id }, body: { platformReviewer } });

export type TeamInput = CallInput<"createTeam">["body"];
export const createTeam = (input: TeamInput) => apiClient.get("createTeam", { body: input, idempotencyKey: newIdempotencyKey() });

export const addMember = (teamId: string, userId: string, role: TeamRole) => apiClient.get("addTeamMember", { params: { teamId }, body: { userId, role } });
export const changeMemberRole = (teamId: string, userId: string, role: TeamRole) =>
  apiClient.get("changeTeamMemberRole", { params: { teamId, userId }, body: { role } });
export const removeMember = (teamId: string, userId: string) => apiClient.get("removeTeamMember", { params: { teamId, userId } });

/** A team's maintenance policy, warning channel and upgrade opt-in (PATCH /api/v1/teams/{teamId}). */
export const updateTeamPolicy = (teamId: string, body: { autoMaintenance?: boolean; warningTopicArn?: string | null; upgradeEarly?: boolean }) =>
  apiClient.get("updateTeamPolicy", { params: { teamId }, body });
