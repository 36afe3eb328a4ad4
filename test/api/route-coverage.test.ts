// Every exported handler under app/api/v1 is in the OpenAPI document, and every documented operation has a handler.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { API_OPERATIONS, type OperationId } from "@/lib/openapi/operations";
import { isMethodNotAllowedHandler } from "@/lib/server/http/method-not-allowed";
import { BASE } from "./support";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const API_DIR = join(ROOT, "app", "api", "v1");
const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(e.name) ? [full] : [];
  });
}

/** app/api/v1/catalog/instances/route.ts → /api/v1/catalog/instances; [id] → {id}; (group) segments vanish. */
function urlPathOf(file: string): string {
  const segments = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
  return (
    "/" +
    segments
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"))
      .join("/")
  );
}

/**
 * Custom methods (Google AIP-136) a route serves on its last path segment, by method — the deprecated colon forms of
 * `/operations/{id}/cancel` and `/retry`: Next cannot name a folder `[id]:cancel`, so
 * app/api/v1/operations/[id]/route.ts receives `abc:cancel` as its id and dispatches on the suffix.
 */
const CUSTOM_METHODS: Record<string, Partial<Record<string, readonly string[]>>> = {
  "/api/v1/operations/{id}": { POST: ["cancel", "retry"] },
};

/** The documented paths a route file's handler for `method` serves: its own, or its custom methods'. */
function servedPaths(path: string, method: string): string[] {
  const custom = CUSTOM_METHODS[path]?.[method];
  return custom ? custom.map((m) => `${path}:${m}`) : [path];
}

/** A documented path → the route path whose file serves it (`/api/v1/operations/{id}:cancel` → `/api/v1/operations/{id}`). */
function routePathOf(path: string, method: string): string {
  const m = /^(.*\})(?::([a-z][a-zA-Z-]*))$/.exec(path);
  if (!m?.[1] || !m[2]) return path;
  expect(CUSTOM_METHODS[m[1]]?.[method] ?? [], `${method} ${path} is a custom method the route-file mapping does not know`).toContain(m[2]);
  return m[1];
}

describe("the OpenAPI document covers every API route", () => {
  const files = routeFiles(API_DIR);
  const doc = openApiDocument();

  it("finds the route files", () => {
    expect(files.map(urlPathOf).sort()).toEqual(
      expect.arrayContaining([
        "/api/v1/admin/users",
        "/api/v1/admin/users/{id}",
        "/api/v1/catalog/instances",
        "/api/v1/datastores",
        "/api/v1/datastores/{id}",
        "/api/v1/datastores/{id}/audit",
        "/api/v1/datastores/{id}/catalog-info.yaml",
        "/api/v1/datastores/{id}/changes",
        "/api/v1/datastores/{id}/changes/{changeId}/cancel",
        "/api/v1/datastores/{id}/changes/{changeId}/decisions",
        "/api/v1/datastores/{id}/operations",
        "/api/v1/datastores/{id}/pulumi-project",
        "/api/v1/datastores/{id}/thresholds",
        "/api/v1/me",
        "/api/v1/openapi.json",
        "/api/v1/operations/{id}",
        "/api/v1/operations/{id}/events",
        "/api/v1/operations/{id}/stream",
        "/api/v1/plans",
        "/api/v1/provisioner",
        "/api/v1/recommendations",
        "/api/v1/requests",
        "/api/v1/requests/{id}",
        "/api/v1/requests/{id}/cancel",
        "/api/v1/requests/{id}/comments",
        "/api/v1/requests/{id}/decisions",
        "/api/v1/requests/{id}/submit",
        "/api/v1/teams",
        "/api/v1/teams/{teamId}/members",
        "/api/v1/teams/{teamId}/members/{userId}",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
      ]),
    );
  });

  const isCatchAll = (file: string) => /\[\.\.\./.test(relative(API_DIR, file));

  it("answers every method on a path no route serves with a 404 problem, undocumented", async () => {
    const catchAll = files.filter(isCatchAll);
    expect(catchAll.map(urlPathOf)).toEqual(["/api/v1/{path}"]);
    const mod = (await import(catchAll[0] ?? "")) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler !== "function") throw new Error(`the catch-all route does not answer ${method}`);
      const res = await (handler as (r: Request) => Promise<Response>)(new Request(`${BASE}/api/v1/no/such/thing`, { method }));
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      if (method !== "HEAD") expect(await res.json()).toMatchObject({ status: 404, code: "not_found", instance: "/api/v1/no/such/thing" });
    }
    expect(Object.keys(doc.paths).filter((p) => p.includes("{path}"))).toEqual([]);
  });

  it.each(files.filter((f) => !isCatchAll(f)).map((f) => [urlPathOf(f), f] as const))(
    "%s: every served method is documented, every other one answers 405",
    async (path, file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.keys(mod).filter((k) => METHODS.includes(k));
      // Every method a client may send has an answer of the API's (a 405 problem at the least), not Next's bare 405.
      expect(exported.sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
      for (const method of exported) {
        const handler = mod[method];
        const documented = servedPaths(path, method).map((p) => [p, doc.paths[p]?.[method.toLowerCase()]] as const);
        if (isMethodNotAllowedHandler(handler)) {
          for (const [p, d] of documented) expect(d, `${method} ${p} is a 405 stub but documented`).toBeUndefined();
          const res = await (handler as (r: Request) => Promise<Response>)(new Request(`${BASE}${path}`, { method }));
          expect(res.status).toBe(405);
        } else {
          for (const [p, d] of documented) expect(d, `${method} ${p} is exported but missing from the OpenAPI route registry`).toBeDefined();
          // A handler made by defineRoute() serves the very operation documented at its path and method.
          if (!CUSTOM_METHODS[path]?.[method]) {
            const operationId = (documented[0]?.[1] as { operationId?: string } | undefined)?.operationId ?? "";
            expect((handler as { operation?: unknown }).operation, `${method} ${path} is not defineRoute(API_OPERATIONS.${operationId}, …)`).toBe(
              API_OPERATIONS[operationId as OperationId],
            );
          }
        }
      }
    },
  );

  it("has a handler for every documented operation", async () => {
    const byPath = new Map(files.map((f) => [urlPathOf(f), f]));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const routePath = routePathOf(path, method.toUpperCase());
        const file = byPath.get(routePath);
        expect(file, `${path} is documented but has no route file`).toBeDefined();
        const mod = (await import(file ?? "")) as Record<string, unknown>;
        const handler = mod[method.toUpperCase()];
        expect(typeof handler, `${method} ${path}`).toBe("function");
        expect(isMethodNotAllowedHandler(handler), `${method} ${path} is documented but answers 405`).toBe(false);
      }
    }
  });
});
