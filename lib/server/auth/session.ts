// Browser sessions: installs better-auth's session lookup into authenticate(). lib/server/http/route.ts imports
// this module, so every API handler resolves session cookies without importing better-auth itself.
import "server-only";
import { auth } from "./auth";
import { setSessionResolver } from "./authenticate";

setSessionResolver(async (headers) => {
  // No session cookie at all: skip the lookup (and the secret file) for token-only and anonymous calls.
  if (!headers.get("cookie")?.includes("session_token")) return null;
  const session = await auth().api.getSession({ headers });
  return session ? { userId: session.user.id } : null;
});
