// The production build (made by this project's global setup) traces what the server needs, not the whole project.
// Turbopack falls back to tracing everything when bundled code touches the file system relative to process.cwd(),
// as the prisma-client-js generator's output did; it then warns at every build and ships README, docs and tests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

function traceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return traceFiles(path);
    return entry.name.endsWith(".nft.json") ? [path] : [];
  });
}

describe("the production build", () => {
  it("traces no file that only a whole-project trace would include", () => {
    const traces = traceFiles(join(ROOT, ".next", "server"));
    expect(traces.length).toBeGreaterThan(10);
    const wholeProject = traces.flatMap((trace) => {
      const { files } = JSON.parse(readFileSync(trace, "utf8")) as { files: string[] };
      const traced = files.map((file) => relative(ROOT, resolve(dirname(trace), file)));
      const strays = traced.filter((file) => file === "README.md" || file === "package-lock.json" || file.startsWith("docs/") || file === "vitest.config.ts");
      return strays.length > 0 ? [`${relative(ROOT, trace)}: ${strays.slice(0, 3).join(", ")}`] : [];
    });
    expect(wholeProject).toEqual([]);
  });
});
