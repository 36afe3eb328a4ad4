// The whole lifecycle through the API with the real worker and the simulated engine: approve → preview with a
// structured diff → up → active with outputs → a day-2 change → decommission (a reviewer approves) → decommissioned,
// still in the catalog with its history. And the standalone Pulumi project export.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDatastoresRoute } from "@/app/api/v1/datastores/route";
import { GET as getDatastoreRoute } from "@/app/api/v1/datastores/[id]/route";
import { GET as auditRoute } from "@/app/api/v1/datastores/[id]/audit/route";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { DatastoreChangeListSchema, DatastoreChangeSchema } from "@/lib/schemas/change";
import { AuditEventListSchema, DatastoreDetailSchema, DatastoreListSchema } from "@/lib/schemas/datastore";
import { OperationSchema, type OperationDto } from "@/lib/schemas/operation";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { makeDatastore } from "../support/datastores";
import { storeOrgSettings, waitFor } from "../support/provisioning";
import { api, json, makeWorld, workload } from "../support/requests";
import { parseSse, prov, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";

let w: Awaited<ReturnType<typeof makeWorld>>;
let worker: Worker;

beforeAll(async () => {
  w = await makeWorld();
  await storeOrgSettings();
  const { engine, dataDir } = await useSimulatedEngine(1);
  worker = startWorker({ engine, dataDir, concurrency: 2, leaseMs: 10_000, pollMs: 20 });
});
afterAll(async () => {
  await worker.stop({ graceMs: 0 });
  setEngineForTests(null);
});

const getOp = async (p: TestPerson, id: string) => OperationSchema.parse(await expectJson(await prov.get(p, id)));
const datastoreOf = async (p: TestPerson, id: string) =>
  DatastoreDetailSchema.parse(
    await expectJson(await getDatastoreRoute(jsonRequest("GET", `/api/v1/datastores/${id}`, p), { params: Promise.resolve({ id }) })),
  );
const TERMINAL = ["succeeded", "failed", "cancelled", "interrupted"];
const finished = (p: TestPerson, id: string): Promise<OperationDto> =>
  waitFor(
    `operation ${id} to finish`,
    async () => {
      const op = await getOp(p, id);
      return TERMINAL.includes(op.status) ? op : undefined;
    },
    60_000,
  );

/** The entries of a .tar.gz: ustar headers parsed by hand (name, prefix, size), contents as text. */
function untar(gz: Buffer): Map<string, string> {
  const tar = gunzipSync(gz);
  const entries = new Map<string, string>();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    expect(text(257, 6)).toBe("ustar");
    let sum = 0;
    header.forEach((b, i) => (sum += i >= 148 && i < 156 ? 32 : b));
    expect(parseInt(text(148, 8), 8)).toBe(sum);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const size = parseInt(text(124, 12), 8);
    entries.set(name, tar.subarray(offset + 512, offset + 512 + size).toString("utf8"));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe("the provisioning lifecycle, end to end", () => {
  it("approve → preview diff → up → active with outputs → day-2 change → decommission → decommissioned, listed with its history", async () => {
    const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-lifecycle", { regions: ["us-east-1"] }) }), 201);
    await json(await api.submit(w.member, d.id), 200);
    await json(await api.decide(w.reviewer, d.id, { decision: "approved" }), 200);
    const datastoreId = (await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } })).id;

    // The approval's preview runs on the worker: a structured diff of resources to create in every zone.
    const [first] = (await db().operation.findMany({ where: { datastoreId } })).map((o) => o.id);
    const preview = await finished(w.member, first ?? "");
    expect(preview).toMatchObject({
      kind: "preview",
      purpose: "provision",
      status: "succeeded",
      actions: { confirm: { allowed: true }, retry: { allowed: false }, cancel: { allowed: false } },
    });
    expect(preview.diff?.length).toBeGreaterThan(5);
    expect(preview.diff?.every((c) => c.op === "create" && c.region === "us-east-1")).toBe(true);
    expect(new Set(preview.diff?.filter((c) => c.type === "aws:autoscaling/group:Group").map((c) => c.zone))).toEqual(
      new Set(["us-east-1a", "us-east-1b", "us-east-1c"]),
    );
    expect((await datastoreOf(w.member, datastoreId)).status).toBe("approved");

    // Its log as SSE: every event framed with its seq, ending with the final status.
    const sse = parseSse(await (await prov.stream(w.member, preview.id)).text());
    const ids = sse.filter((e) => e.event === "operation-event").map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: preview.eventCount }, (_, i) => i + 1));
    expect(sse.some((e) => e.data?.includes('"type":"resource-pre"'))).toBe(true);
    expect(sse.at(-1)).toEqual({ event: "end", data: '{"status":"succeeded"}' });

    // Confirm: the up's progress fills to the preview's step count, and the datastore becomes active with outputs.
    const up = OperationSchema.parse(await expectJson(await prov.queue(w.member, datastoreId, { kind: "up", previewId: preview.id }), 202));
    expect(up.progress).toEqual({ planned: preview.diff?.length, done: 0 });
    const applied = await finished(w.member, up.id);
    expect(applied.status).toBe("succeeded");
    expect(applied.progress.done).toBe(applied.progress.planned);
    const active = await datastoreOf(w.member, datastoreId);
    expect(active.status).toBe("active");
    expect(Object.keys(active.outputs?.regions ?? {})).toEqual(["us-east-1"]);
    expect(active.outputs?.regions["us-east-1"]?.groupNames.length).toBeGreaterThan(0);

    // Day-2: a smaller workload applies without approval; its preview runs; the owner confirms it.
    const change = DatastoreChangeSchema.parse(
      await expectJson(
        await prov.createChange(w.member, datastoreId, {
          kind: "update",
          workload: workload("vh-lifecycle", { regions: ["us-east-1"], writesPerSecond: 10_000, datasetGiB: 500 }),
        }),
        201,
      ),
    );
    expect(change.status).toBe("approved");
    const changePreview = await finished(w.member, change.previewId ?? "");
    expect(changePreview).toMatchObject({ status: "succeeded", purpose: "change", actions: { confirm: { allowed: true } } });
    expect(changePreview.diff?.some((c) => c.op !== "same")).toBe(true);
    const changeUp = OperationSchema.parse(await expectJson(await prov.queue(w.member2, datastoreId, { kind: "up", previewId: changePreview.id }), 202));
    expect((await finished(w.member, changeUp.id)).status).toBe("succeeded");
    const changed = await datastoreOf(w.member, datastoreId);
    expect(changed).toMatchObject({ status: "active", topology: change.after?.topology, annualCost: change.after?.annualCost });
    const listedChange = DatastoreChangeListSchema.parse(await expectJson(await prov.changes(w.member, datastoreId))).items[0];
    expect(listedChange).toMatchObject({ id: change.id, status: "applied", applyOperationId: changeUp.id, before: change.before, after: change.after });

    // Decommission a tier-1 datastore: typed name, another reviewer approves, the destroy runs.
    const decommission = DatastoreChangeSchema.parse(
      await expectJson(await prov.createChange(w.member, datastoreId, { kind: "decommission", confirmName: "vh-lifecycle" }), 201),
    );
    expect(decommission.status).toBe("pending-approval");
    const approved = DatastoreChangeSchema.parse(await expectJson(await prov.decideChange(w.reviewer, datastoreId, decommission.id, { decision: "approved" })));
    const destroyed = await finished(w.member, approved.applyOperationId ?? "");
    expect(destroyed).toMatchObject({ kind: "destroy", purpose: "decommission", status: "succeeded" });
    const gone = await datastoreOf(w.member, datastoreId);
    expect(gone).toMatchObject({ status: "decommissioned", outputs: null, decommissionedAt: expect.any(String) });
    expect(DatastoreChangeListSchema.parse(await expectJson(await prov.changes(w.member, datastoreId))).items[0]?.status).toBe("applied");

    // Still in the catalog, with its history; nothing more can be queued on it.
    const listed = DatastoreListSchema.parse(
      await expectJson(await listDatastoresRoute(jsonRequest("GET", "/api/v1/datastores?status=decommissioned", w.member))),
    );
    expect(listed.items.map((x) => x.id)).toContain(datastoreId);
    const history = AuditEventListSchema.parse(
      await expectJson(
        await auditRoute(jsonRequest("GET", `/api/v1/datastores/${datastoreId}/audit?limit=100`, w.member), { params: Promise.resolve({ id: datastoreId }) }),
      ),
    );
    const actions = history.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["request.approved", "datastore.created", "operation.queued", "operation.succeeded", "change.requested", "change.approved"]),
    );
    const p = await expectProblem(await prov.queue(w.member, datastoreId, { kind: "preview" }), 409);
    expect(p.detail).toContain("decommissioned");
  });
});

describe("GET /api/v1/datastores/{id}/pulumi-project", () => {
  it("downloads a gzip tar with Pulumi.yaml, the program and the stack config, under one directory", async () => {
    const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-export", { regions: ["eu-west-1"] }) }), 201);
    await json(await api.submit(w.member, d.id), 200);
    await json(await api.decide(w.reviewer, d.id, { decision: "approved" }), 200);
    const datastoreId = (await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } })).id;

    const res = await prov.exportProject(w.member, datastoreId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="vh-export-pulumi.tar.gz"');
    const gz = Buffer.from(await res.arrayBuffer());
    const entries = untar(gz);
    const names = [...entries.keys()];
    expect(names.every((n) => n.startsWith("vh-export-pulumi/"))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(["vh-export-pulumi/Pulumi.yaml", "vh-export-pulumi/infra/program.ts", "vh-export-pulumi/package.json"]));
    const stackFile = names.find((n) => /\/Pulumi\.[^/]+\.yaml$/.test(n) && !n.endsWith("/Pulumi.yaml"));
    expect(stackFile).toBeDefined();
    expect(entries.get(stackFile ?? "")).toContain("eu-west-1");
    expect(entries.get(stackFile ?? "")).not.toContain("us-east-1");
    // The system tar agrees with the hand-parsed listing.
    const dir = mkdtempSync(join(tmpdir(), "portal-export-"));
    writeFileSync(join(dir, "p.tar.gz"), gz);
    const listing = execFileSync("tar", ["-tzf", join(dir, "p.tar.gz")], { encoding: "utf8" })
      .trim()
      .split("\n");
    expect(listing.sort()).toEqual(names.sort());
  });

  it("answers 409 for a decommissioned datastore: there is no stack left to take away", async () => {
    const team = await makeTeam();
    const owner = await makePerson(team.id, "member");
    const active = await makeDatastore({ teamId: team.id, status: "active" });
    expect((await prov.exportProject(owner, active.id)).status).toBe(200);
    const gone = await makeDatastore({ teamId: team.id, status: "decommissioned" });
    const p = await expectProblem(await prov.exportProject(owner, gone.id), 409);
    expect(p.detail).toMatch(/decommissioned/);
  });

  it("answers 409 naming the missing settings, 404 to other teams", async () => {
    const team = await makeTeam();
    const owner = await makePerson(team.id, "member");
    const d = await json(await api.create(owner, { teamId: team.id, workload: workload("vh-export-2", { regions: ["ap-southeast-2"] }) }), 201);
    await json(await api.submit(owner, d.id), 200);
    // Another team's request: the data-platform reviewer (the platform-reviewer grant) approves it.
    await json(await api.decide(w.platformToken, d.id, { decision: "approved" }), 200);
    const datastoreId = (await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } })).id;
    const p = await expectProblem(await prov.exportProject(owner, datastoreId), 409);
    expect(p.errors?.map((e) => e.field)).toEqual(["org.regions.ap-southeast-2"]);
    await expectProblem(await prov.exportProject(w.member, datastoreId), 404);
  });
});
