// Browser tests' global setup: build the app if it is missing or stale, start the shared portal (test/e2e/portal-server.ts)
// and hand its URL and the demo passwords to the tests through vitest's provide/inject; stop it afterwards.
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";
import { ADMIN_PASSWORD, DEMO_PASSWORD, startPortal } from "./portal-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The seeded demo people's password (DEMO_SEED=1) and the administrator's. */
    demoPassword: string;
    adminPassword: string;
  }
}

export default async function setup(project: TestProject) {
  await buildIfNeeded({ log: (line) => console.log(line) });
  const portal = await startPortal({
    // Provisioning runs the real Pulumi programs without a cloud (the UI says so); steps fast enough for a test,
    // slow enough that a browser sees the progress bar move.
    PROVISIONER: "simulated",
    SIMULATED_STEP_MS: "120",
    // The maintenance scheduler every 6 s (not 5 min), and a replace-nodes that looks at the simulated cloud often.
    MAINTENANCE_SCHEDULE_MINUTES: "0.1",
    MAINTENANCE_POLL_MS: "200",
  });
  project.provide("baseUrl", portal.baseUrl);
  project.provide("demoPassword", DEMO_PASSWORD);
  project.provide("adminPassword", ADMIN_PASSWORD);
  return () => portal.stop();
}
