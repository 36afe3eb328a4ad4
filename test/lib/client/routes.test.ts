// The typed client's run-time table against the registry it is generated from: every operation, the same method,
// path and headers — and the check `npm run lint` runs, failing on a stale table.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientRouteOf } from "@/lib/client/route";
import { CLIENT_ROUTES } from "@/lib/client/routes.generated";
import { API_OPERATIONS } from "@/lib/openapi/operations";

const ROOT = join(__dirname, "..", "..", "..");
const FILE = join(ROOT, "lib", "client", "routes.generated.ts");

describe("the client's route table", () => {
  it("has every operation of the registry with its method, path, body, Idempotency-Key and media type", () => {
    expect(Object.keys(CLIENT_ROUTES).sort()).toEqual(Object.keys(API_OPERATIONS).sort());
    for (const [id, op] of Object.entries(API_OPERATIONS)) expect(CLIENT_ROUTES[id as keyof typeof CLIENT_ROUTES], id).toEqual(clientRouteOf(op));
    expect(CLIENT_ROUTES.createRequest).toEqual({ method: "POST", path: "/api/v1/requests", body: true, idempotencyKey: true });
    expect(CLIENT_ROUTES.exportDatastoreBackstage.contentType).toBe("application/yaml");
  });

  it("fails the lint check when the generated file no longer matches, naming it", () => {
    const check = (...file: string[]) =>
      execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/client-routes.ts", "--check", ...file], {
        cwd: ROOT,
        stdio: "pipe",
      });
    expect(() => check()).not.toThrow();
    const dir = mkdtempSync(join(tmpdir(), "client-routes-"));
    const stale = join(dir, "routes.generated.ts");
    try {
      writeFileSync(stale, readFileSync(FILE, "utf8").replace('path: "/api/v1/requests/{id}"', 'path: "/api/v1/request/{id}"'));
      let stderr = "";
      try {
        check("--file", stale);
      } catch (error) {
        stderr = String((error as { stderr?: Buffer }).stderr);
      }
      expect(stderr).toContain(`${stale} does not match the route registry`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
