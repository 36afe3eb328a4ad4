// `dsp bench run | show | compare` against the portal's real route handlers (served over HTTP on a loopback port,
// the test file's database, a real token) and a real worker: a run by datastore name waits for its result and prints
// the percentiles table, a second is compared with it (exit 0 on pass, 1 on fail), --json prints the DTO, bad flags
// are usage errors and an unknown run exits 3.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDatastores } from "@/app/api/v1/datastores/route";
import { GET as listRuns, POST as startRun } from "@/app/api/v1/datastores/[id]/benchmarks/route";
import { GET as getRun } from "@/app/api/v1/benchmarks/[id]/route";
import { GET as compare } from "@/app/api/v1/benchmarks/compare/route";
import { BenchComparisonSchema, BenchRunSchema } from "@/lib/schemas/bench-run";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { makePerson, makeTeam, type TestPerson } from "../support/actors";
import { provisionableDatastore, simulatedEngine, storeOrgSettings, tempDir } from "../support/provisioning";
import { dsp, serveRoutes, type Handler } from "./support";

const ROUTES: [RegExp, string, Handler][] = [
  [/^\/api\/v1\/datastores$/, "GET", listDatastores as Handler],
  [/^\/api\/v1\/datastores\/(?<id>[^/]+)\/benchmarks$/, "GET", listRuns as Handler],
  [/^\/api\/v1\/datastores\/(?<id>[^/]+)\/benchmarks$/, "POST", startRun as Handler],
  [/^\/api\/v1\/benchmarks\/compare$/, "GET", compare as Handler],
  [/^\/api\/v1\/benchmarks\/(?<id>[^/]+)$/, "GET", getRun as Handler],
];

let server: Server;
let url = "";
let worker: Worker;
let member: TestPerson;
let env: Record<string, string>;
let name = "";

beforeAll(async () => {
  setBenchModeForTests("simulated");
  await storeOrgSettings();
  const teamId = (await makeTeam()).id;
  member = await makePerson(teamId, "member", "Mia Member");
  const ds = await provisionableDatastore({ teamId, family: "evcache", status: "active" });
  name = ds.name;
  const dataDir = tempDir();
  worker = startWorker({
    concurrency: 1,
    leaseMs: 10_000,
    pollMs: 50,
    dataDir,
    engine: await simulatedEngine(dataDir),
    maintenanceEveryMs: 0,
    webhooks: false,
    fleet: false,
  });
  ({ server, url } = await serveRoutes(ROUTES));
  env = { DSP_URL: url, DSP_TOKEN: (member.headers.authorization ?? "").replace(/^Bearer /, ""), HOME: "/nonexistent-home" };
});
afterAll(async () => {
  setBenchModeForTests(null);
  await worker.stop({ graceMs: 0 });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("dsp bench", () => {
  it("runs a benchmark by datastore name, waits for it, shows it, and compares two runs", async () => {
    const first = await dsp(["bench", "run", name, "--duration", "2", "--label", "before", "--wait", "--json"], { env });
    expect(first.code, first.stderr).toBe(0);
    const a = BenchRunSchema.parse(JSON.parse(first.stdout));
    expect(a).toMatchObject({ status: "succeeded", label: "before", target: "local-server", result: { outcome: "completed" } });

    const second = await dsp(["bench", "run", name, "--duration", "2", "--wait"], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Benchmark: +\S+ — manual$/m);
    expect(second.stdout).toMatch(/^Status: +succeeded$/m);
    expect(second.stdout).toMatch(/OP +OK +ERRORS +P50 +P95 +P99 +P99\.9 +SERVICE P99/);
    expect(second.stdout).toMatch(/^writes +\d+ +0 +[\d.]+ ms/m);
    const b = /^Benchmark: +(\S+)/m.exec(second.stdout)?.[1] ?? "";

    const shown = await dsp(["bench", "show", a.id], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Benchmark: ${a.id} — before`);
    expect(shown.stdout).toContain("us-east-1 data (memcached, local-server)");

    const cmp = await dsp(["bench", "compare", a.id, b, "--max-regression", "1000", "--json"], { env });
    const parsed = BenchComparisonSchema.parse(JSON.parse(cmp.stdout));
    expect(parsed.thresholds.maxRegressionPct).toBe(1000);
    expect(cmp.code).toBe(parsed.verdict === "pass" ? 0 : 1);
    const table = await dsp(["bench", "compare", a.id, b], { env });
    expect(table.stdout).toMatch(/^Verdict: +(PASS|FAIL)$/m);
    expect(table.stdout).toMatch(/OP +PCT +BASELINE +CANDIDATE +DELTA/);
    expect(table.stdout).toContain("note: A local server stood in for the cluster");
  }, 120_000);

  it("answers bad flags with a usage error and an unknown run with exit 3", async () => {
    const bad = await dsp(["bench", "run", name, "--duration", "0"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--duration must be a whole number from 1 to 3600");
    const unknown = await dsp(["bench", "show", "nope"], { env });
    expect(unknown.code).toBe(3);
  });
});
