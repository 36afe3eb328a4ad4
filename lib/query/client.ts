// The browser's client of /api/v1: the typed client (lib/client) on the same origin, with the session cookie and no
// HTTP cache (react-query decides what is fresh). Query and mutation modules call operations by their registry id.
import { createApiClient } from "@/lib/client";

export const apiClient = createApiClient({ init: { credentials: "same-origin", cache: "no-store" } });
