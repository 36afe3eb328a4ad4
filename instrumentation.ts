// Next's start-up hook: runs once per server process before it serves. Installs the guard that rewrites forwarding
// headers from the connection (X-Forwarded-For only from TRUSTED_PROXIES), says so when DATA_DIR cannot be written,
// and starts the provisioning worker in the portal process (WORKER=inline, the default; WORKER=off leaves operations
// to `npm run worker`).
export async function register(): Promise<void> {
  // Next's documented runtime switch, replaced at build time: the edge runtime has no database or child processes.
  // (lib/env.ts does not know it because Next sets it per bundle, not per process.)
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ env }, { installForwardedHeaderGuard }] = await Promise.all([import("@/lib/env"), import("@/lib/server/http/client-address")]);
  installForwardedHeaderGuard(env.TRUSTED_PROXIES);
  const { logUnwritableDataDir } = await import("@/lib/server/health/check-health");
  logUnwritableDataDir();
  const { startInProcessWorker } = await import("@/lib/server/provisioning/in-process-worker");
  await startInProcessWorker();
}
