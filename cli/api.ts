// The typed client of /api/v1 (lib/client) as dsp makes it: the portal's address, the bearer token, a User-Agent.
import type { ApiClient } from "@/lib/client";

export const USER_AGENT = "dsp (datastore-portal CLI)";

export async function apiClient(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<ApiClient> {
  const { createApiClient } = await import("@/lib/client");
  return createApiClient({ baseUrl, token, headers: { "user-agent": USER_AGENT, ...headers } });
}
