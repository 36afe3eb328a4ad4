// The browser's code reaches /api/v1 only through the typed client: `npm run lint` (ESLint, eslint.config.mjs) fails on
// a string or template starting with /api/v1 in lib/query, components or the portal's pages. These tests run that
// configuration on snippets, so the guard cannot be dropped or narrowed without a test failing.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const RULE = "no-restricted-syntax";

async function apiUrlFindings(code: string, filePath: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE && /apiClient/.test(m.message)).map((m) => m.line);
}

const HAND_BUILT = [
  'export const a = "/api/v1/requests";',
  "export const b = (id: string) => `/api/v1/requests/${encodeURIComponent(id)}`;",
  "export const c = '/api/v1';",
].join("\n");
const FINE = ['export const d = "/api/auth/get-session";', "export const e = `see /api/v1/requests`;", 'export const f = "/api/v2/x";'].join("\n");

describe("the /api/v1 URL guard", () => {
  it.each(["lib/query/probe.ts", "components/catalog/probe.tsx", "app/(portal)/(signed-in)/catalog/probe.tsx"])(
    "flags every hand-built /api/v1 URL in %s",
    async (file) => {
      expect(await apiUrlFindings(HAND_BUILT, file)).toEqual([1, 2, 3]);
      expect(await apiUrlFindings(FINE, file)).toEqual([]);
    },
    60_000,
  );

  it("flags a link's href written as a path", async () => {
    expect(await apiUrlFindings('export const L = () => <a href="/api/v1/openapi.json">raw</a>;', "components/api-docs/probe.tsx")).toEqual([1]);
  }, 60_000);

  it("leaves the server side alone: route handlers and lib/server name their own paths", async () => {
    expect(await apiUrlFindings(HAND_BUILT, "app/api/v1/probe/route.ts")).toEqual([]);
    expect(await apiUrlFindings(HAND_BUILT, "lib/server/probe.ts")).toEqual([]);
  }, 60_000);
});
