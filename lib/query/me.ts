// The signed-in person: who they are, whether they administer the portal, and their teams and roles.
import { queryOptions } from "@tanstack/react-query";
import { api, isApiProblem } from "./api";
import type { Me } from "./types";

export const meKey = ["me"] as const;

/**
 * null when nobody is signed in, so public pages (the planner, sign-in) can ask without failing. better-auth's
 * get-session answers 200 with null for visitors, so an anonymous page never logs a 401 in the console.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      const session = await api<unknown>("/api/auth/get-session", { signal });
      if (!session) return null;
      try {
        return await api<Me>("/api/v1/me", { signal });
      } catch (error) {
        if (isApiProblem(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });

export async function signIn(email: string, password: string): Promise<void> {
  await api("/api/auth/sign-in/email", { method: "POST", body: { email, password } });
}

export async function signOut(): Promise<void> {
  await api("/api/auth/sign-out", { method: "POST", body: {} });
}
