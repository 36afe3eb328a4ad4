// Administration: users, teams and memberships.
import { queryOptions } from "@tanstack/react-query";
import { api, newIdempotencyKey, queryString } from "./api";
import type { AdminUserDto, Page, TeamDto, TeamRole } from "./types";

export const adminKeys = { users: ["admin", "users"] as const, teams: ["teams"] as const };

export const usersQuery = () =>
  queryOptions({
    queryKey: adminKeys.users,
    queryFn: async ({ signal }) => (await api<Page<AdminUserDto>>(`/api/v1/admin/users${queryString({ limit: 200 })}`, { signal })).items,
  });

export const teamsQuery = () =>
  queryOptions({
    queryKey: adminKeys.teams,
    queryFn: async ({ signal }) => (await api<Page<TeamDto>>(`/api/v1/teams${queryString({ limit: 200 })}`, { signal })).items,
  });

export interface UserInput {
  name: string;
  email: string;
  password?: string;
  isAdmin?: boolean;
  platformReviewer?: boolean;
}
export const createUser = (input: UserInput) =>
  api<AdminUserDto & { password?: string }>("/api/v1/admin/users", { method: "POST", body: input, idempotencyKey: newIdempotencyKey() });
export const setAdmin = (id: string, isAdmin: boolean) =>
  api<AdminUserDto>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: { isAdmin } });
export const setPlatformReviewer = (id: string, platformReviewer: boolean) =>
  api<AdminUserDto>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: { platformReviewer } });

export interface TeamInput {
  slug: string;
  name: string;
}
export const createTeam = (input: TeamInput) => api<TeamDto>("/api/v1/teams", { method: "POST", body: input, idempotencyKey: newIdempotencyKey() });

const membershipPath = (teamId: string, userId?: string) =>
  `/api/v1/teams/${encodeURIComponent(teamId)}/members${userId ? `/${encodeURIComponent(userId)}` : ""}`;
export const addMember = (teamId: string, userId: string, role: TeamRole) => api<unknown>(membershipPath(teamId), { method: "POST", body: { userId, role } });
export const changeMemberRole = (teamId: string, userId: string, role: TeamRole) =>
  api<unknown>(membershipPath(teamId, userId), { method: "PATCH", body: { role } });
export const removeMember = (teamId: string, userId: string) => api<unknown>(membershipPath(teamId, userId), { method: "DELETE" });
