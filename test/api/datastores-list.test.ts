// The catalog filters in SQL: regions are stored as rows when a request is approved and when a change moves a
// datastore's regions (and the migration fills them for datastores that existed before), the name search takes
// the query literally, and a page weighs what its items weigh.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/datastores/route";
import { DatastoreListSchema, DatastoreSummarySchema } from "@/lib/schemas/datastore";
import { databaseTarget, db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { CASSANDRA_THRESHOLDS, CASSANDRA_WITH_CACHE, makeDatastore } from "../support/datastores";
import { storeOrgSettings, waitFor } from "../support/provisioning";
import { api, json, makeWorld, workload } from "../support/requests";
import { prov, useSimulatedEngine } from "./provisioning-support";
import { expectJson } from "./support";

const list = async (p: TestPerson, query = "") => {
  const res = await listRoute(jsonRequest("GET", `/api/v1/datastores${query}`, p));
  const text = await res.clone().text();
  return { page: DatastoreListSchema.parse(await expectJson(res)), bytes: Buffer.byteLength(text) };
};
const names = async (p: TestPerson, query: string) => (await list(p, query)).page.items.map((d) => d.name).sort();

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

const succeeded = (id: string) =>
  waitFor(
    `operation ${id} to succeed`,
    async () => {
      const op = await db().operation.findUniqueOrThrow({ where: { id } });
      if (op.status === "failed") throw new Error(`operation ${id} failed: ${JSON.stringify(op.error)}`);
      return op.status === "succeeded" ? op : undefined;
    },
    60_000,
  );

describe("GET /api/v1/datastores?region=", () => {
  it("finds a datastore by the regions its approval stored, and by the regions a change moved it to", async () => {
    const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-regions", { regions: ["us-east-1"] }) }), 201);
    await json(await api.submit(w.member, d.id), 200);
    await json(await api.decide(w.reviewer, d.id, { decision: "approved" }), 200);
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } });
    expect(await db().datastoreRegion.findMany({ where: { datastoreId: store.id }, select: { region: true } })).toEqual([{ region: "us-east-1" }]);
    expect(await names(w.member, "?region=us-east-1")).toContain("vh-regions");
    expect(await names(w.member, "?region=us-west-2")).not.toContain("vh-regions");

    // Provision it, then grow it into us-west-2 (a reviewer approves), and apply the change.
    const preview = await db().operation.findFirstOrThrow({ where: { datastoreId: store.id, kind: "preview" } });
    await succeeded(preview.id);
    const up = (await expectJson(await prov.queue(w.member, store.id, { kind: "up", previewId: preview.id }), 202)) as { id: string };
    await succeeded(up.id);
    const change = (await expectJson(
      await prov.createChange(w.member, store.id, { kind: "update", workload: workload("vh-regions", { regions: ["us-east-1", "us-west-2"] }) }),
      201,
    )) as { id: string; previewId: string };
    await expectJson(await prov.decideChange(w.reviewer, store.id, change.id, { decision: "approved" }));
    await succeeded(change.previewId);
    const apply = (await expectJson(await prov.queue(w.member, store.id, { kind: "up", previewId: change.previewId }), 202)) as { id: string };
    await succeeded(apply.id);

    expect(await names(w.member, "?region=us-west-2")).toContain("vh-regions");
    expect(await names(w.member, "?region=us-east-1")).toContain("vh-regions");
    const rows = await db().datastoreRegion.findMany({ where: { datastoreId: store.id }, orderBy: { region: "asc" } });
    expect(rows.map((r) => r.region)).toEqual(["us-east-1", "us-west-2"]);
  });

  it("finds datastores that existed before regions were stored, once the migration has filled them in", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const old = await makeDatastore({ teamId: team.id, name: "from-before", regions: ["eu-west-1", "us-east-1"] });
    // As the table was before the migration: the JSON list only.
    await db().datastoreRegion.deleteMany({ where: { datastoreId: old.id } });
    expect(await names(member, "?region=eu-west-1")).toEqual([]);
    const dir = join(process.cwd(), "prisma", databaseTarget.kind, "migrations");
    const migration = readdirSync(dir).find((m) => m.endsWith("_list_indexes_regions_retention"));
    const sql = readFileSync(join(dir, migration ?? "", "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("-- Backfill"));
    expect(backfill).toMatch(/INSERT INTO "datastore_regions"/);
    // As the migration runs it, on a database where the other datastores already have their rows: it adds the missing.
    await db().$executeRawUnsafe(backfill);
    expect(await names(member, "?region=eu-west-1")).toEqual(["from-before"]);
    expect(await names(member, "?region=us-east-1")).toEqual(["from-before"]);
  });
});

describe("GET /api/v1/datastores?q=", () => {
  it("matches a lower-cased substring of the name and takes % and _ literally", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    await makeDatastore({ teamId: team.id, name: "playback-events" });
    await makeDatastore({ teamId: team.id, name: "play-queue" });
    expect(await names(member, "?q=PLAYBACK")).toEqual(["playback-events"]);
    expect(await names(member, "?q=play")).toEqual(["play-queue", "playback-events"]);
    expect(await names(member, "?q=%25")).toEqual([]);
    expect(await names(member, "?q=_")).toEqual([]);
    expect(await names(member, "?q=play%25events")).toEqual([]);
  });
});

describe("a page of datastores", () => {
  it("weighs what its items weigh, however many datastores there are", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    for (let i = 0; i < 12; i++) await makeDatastore({ teamId: team.id, name: `weigh-${String(i).padStart(3, "0")}` });
    const before = await list(member, "?limit=10");
    expect(before.page.items).toHaveLength(10);
    for (let i = 12; i < 40; i++) await makeDatastore({ teamId: team.id, name: `weigh-${String(i).padStart(3, "0")}` });
    const after = await list(member, "?limit=10");
    expect(Math.abs(after.bytes - before.bytes)).toBeLessThan(100);
    const one = await list(member, "?limit=1");
    expect(after.bytes).toBeLessThan(11 * one.bytes);
  });
});

describe("datastore list items are summaries", () => {
  it("carry what a list shows — name, team, family, tier, regions, nodes, cost, status — not thresholds, topology or outputs", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const made = await makeDatastore({ teamId: team.id, name: "summary-store", status: "active" });
    const t = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const { page } = await list(member, "?q=summary-store");
    expect(page.items).toEqual([
      {
        id: made.id,
        name: "summary-store",
        team: { id: t.id, slug: t.slug, name: t.name },
        requestId: made.requestId,
        family: "cassandra",
        tier: 1,
        status: "active",
        regions: ["us-east-1", "eu-west-1"],
        nodes: CASSANDRA_WITH_CACHE.reduce((n, c) => n + c.nodes, 0),
        annualCost: 123_456.78,
        monthlyCost: 10_288.07,
        decommissionedAt: null,
        version: 1,
        createdAt: made.createdAt.toISOString(),
        updatedAt: made.updatedAt.toISOString(),
      },
    ]);
    expect(() => DatastoreSummarySchema.parse(page.items[0])).not.toThrow();
    expect(CASSANDRA_THRESHOLDS.length).toBeGreaterThan(0);
    for (const field of ["thresholds", "topology", "outputs", "contacts", "pagerTarget", "engine"]) expect(page.items[0], field).not.toHaveProperty(field);
  });

  it("keep a page of 25 small: a few hundred bytes an item, where the whole datastore is kilobytes", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    for (let i = 0; i < 25; i++) await makeDatastore({ teamId: team.id, name: `small-${String(i).padStart(3, "0")}` });
    const { page, bytes } = await list(member, `?team=${team.id}`);
    expect(page.items).toHaveLength(25);
    expect(bytes / 25).toBeLessThan(700);
  });
});
