// The signed-in person: who they are, whether they administer the portal, and their teams and roles.
import { queryOptions } from "@tanstack/react-query";
import { problemOf } from "@/lib/client/problem";
import { isApiProblem } from "./api";
import { apiClient } from "./client";
import type { Me } from "./types";

export const meKey = ["me"] as const;

/**
 * Sign-in and sessions are better-auth's (/api/auth, not an operation of /api/v1's registry): plain JSON calls whose
 * failures become an ApiProblem like the API's.
 */
async function auth(path: `/api/auth/${string}`, init: { body?: unknown; signal?: AbortSignal } = {}): Promise<unknown> {
  const res = await fetch(path, {
    method: init.body === undefined ? "GET" : "POST",
    headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
    cache: "no-store",
    signal: init.signal,
  });
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * null when nobody is signed in, so public pages (the planner, sign-in) can ask without failing. better-auth's
 * get-session answers 200 with null for visitors, so an anonymous page never logs a 401 in the console.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      const session = await auth("/api/auth/get-session", { signal });
      if (!session) return null;
      try {
        return await apiClient.get("getMe", { signal });
      } catch (error) {
        if (isApiProblem(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });

export async function signIn(email: string, password: string): Promise<void> {
  await auth("/api/auth/sign-in/email", { body: { email, password } });
}

export async function signOut(): Promise<void> {
  await auth("/api/auth/sign-out", { body: {} });
}
