// npm run bench (second part) — the provisioning path without a cloud, per canonical use case in two regions: how
// many resources the Pulumi program declares, how long evaluating it takes (the simulated engine's preview with no
// step delay: program evaluation under Pulumi's mocks plus the diff against state), and the same for an up that
// writes the simulated state. Figures to watch, not targets: a preview the portal queues on approval should stay
// well under a second of CPU on the 2-core build machine.
// Runs with the react-server condition (package.json), as the worker does: the engine contract it implements lives
// in lib/server, whose modules import "server-only".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createEngine } from "../infra/engine";
import type { EngineRun } from "../lib/server/provisioning/engine-contract";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";
import { ORG, specFor } from "../test/infra/fixtures";

const dataDir = mkdtempSync(join(tmpdir(), "portal-bench-"));
const engine = createEngine("simulated", { dataDir, stepMs: 0 });
const fmt = (ms: number) => ms.toFixed(1);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main() {
  const rows: string[][] = [];
  for (const uc of CANONICAL_USE_CASES) {
    const spec = specFor(uc.id, { name: `bench-${uc.id}`, id: `bench-${uc.id}`, regions: ["us-east-1", "eu-west-1"] });
    const run = (kind: EngineRun["kind"], i: number): EngineRun => ({
      operationId: `${uc.id}-${kind}-${i}`,
      kind,
      spec,
      org: ORG,
      backend: { url: `file://${dataDir}/state`, passphrase: null },
      workDir: join(dataDir, "work", `${uc.id}-${kind}-${i}`),
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    const previews: number[] = [];
    let resources = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const result = await engine.run(run("preview", i));
      previews.push(performance.now() - t0);
      resources = result.changes.length;
    }
    const t0 = performance.now();
    await engine.run(run("up", 0));
    const up = performance.now() - t0;
    rows.push([uc.id, String(resources), fmt(median(previews.slice(1))), fmt(up)]);
  }
  const header = ["use case (2 regions)", "resources", "preview ms (median)", "up ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log("\nProvisioning program, simulated engine without step delays");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}

main()
  .finally(() => rmSync(dataDir, { recursive: true, force: true }))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
