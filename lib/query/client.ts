// The browser's client of /api/v1: the typed client (lib/client) on the same origin, with the session cookie and no
// HTTP cache (react-query decides what is fresh). Query and mutation modules call operations by their registry id.
import { createApiClient, type Answer } from "@/lib/client";

export const apiClient = createApiClient({ init: { credentials: "same-origin", cache: "no-store" } });

/** A resource and the ETag its next edit sends back in If-Match: what the query cache holds (server prefetch too). */
export interface WithEtag<T> {
  data: T;
  etag: string | null;
}

export async function withEtag<T>(answer: Promise<Answer<T>>): Promise<WithEtag<T>> {
  const { data, etag } = await answer;
  return { data, etag };
}
