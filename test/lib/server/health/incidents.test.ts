// Injected health incidents: administrators only, simulated metrics only, validated against the datastore, audited,
// and seen by the simulated source at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { createIncident } from "@/lib/server/health/incidents/create-incident";
import { endIncident } from "@/lib/server/health/incidents/end-incident";
import { listIncidents } from "@/lib/server/health/incidents/list-incidents";
import { metricsTargetOf, setMetricsSourceForTests } from "@/lib/server/health/metrics-source-factory";
import { SimulatedMetricsSource } from "@/lib/server/health/simulated-metrics-source";
import { makeTeam } from "../../../support/actors";
import { makeDatastore } from "../../../support/datastores";

const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };
let member: Actor;
let outsider: Actor;
let id = "";
let approvedId = "";

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

beforeAll(async () => {
  const team = await makeTeam();
  member = { kind: "user", userId: "m-1", label: "user:m@example.test", isAdmin: false, platformReviewer: false, roles: new Map([[team.id, "admin"]]) };
  outsider = { kind: "user", userId: "o-1", label: "user:o@example.test", isAdmin: false, platformReviewer: false, roles: new Map() };
  id = (await makeDatastore({ teamId: team.id, status: "active", createdAt: new Date(Date.now() - 3 * 86_400_000) })).id;
  approvedId = (await makeDatastore({ teamId: team.id })).id;
  setMetricsSourceForTests(new SimulatedMetricsSource());
});
afterAll(() => setMetricsSourceForTests(null));

describe("health incidents", () => {
  it("an administrator injects one; it is listed, audited, and bends the simulated series from its start", async () => {
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const incident = await createIncident({
      actor: admin,
      datastoreId: id,
      incident: { kind: "latency-spike", magnitude: 4, region: "us-east-1", role: "data", startsAt: startsAt.toISOString() },
    });
    expect(incident).toMatchObject({ kind: "latency-spike", magnitude: 4, region: "us-east-1", role: "data", active: true, endsAt: null });
    expect((await listIncidents({ actor: admin, datastoreId: id })).items.map((i) => i.id)).toEqual([incident.id]);
    expect(await db().auditEvent.count({ where: { subjectId: id, action: "datastore.health-incident.created" } })).toBe(1);

    const row = await db().datastore.findUniqueOrThrow({ where: { id } });
    const target = metricsTargetOf(row);
    const source = new SimulatedMetricsSource();
    const q = (region: string) => ({ id: region, region, role: "data", metric: "read-latency-p99" as const });
    const range = { from: new Date(startsAt.getTime() - 30 * 60_000), to: new Date(), periodSeconds: 60 };
    const series = await source.series(target, [q("us-east-1"), q("eu-west-1")], range);
    const ratio = (region: string, before: boolean) => {
      const pts = (series.get(region) ?? []).filter((p) => (before ? p.at < startsAt : p.at >= startsAt));
      return pts.reduce((s, p) => s + p.value, 0) / pts.length;
    };
    expect(ratio("us-east-1", false) / ratio("us-east-1", true)).toBeGreaterThan(3);
    expect(ratio("eu-west-1", false) / ratio("eu-west-1", true)).toBeLessThan(1.3);

    const ended = await endIncident({ actor: admin, datastoreId: id, incidentId: incident.id });
    expect(ended.active).toBe(false);
    await expect(endIncident({ actor: admin, datastoreId: id, incidentId: incident.id })).rejects.toSatisfy(code("conflict"));
    expect(await db().auditEvent.count({ where: { subjectId: id, action: "datastore.health-incident.ended" } })).toBe(1);
  });

  it("names the field of a region, role or start the datastore does not have, and writes nothing", async () => {
    const before = await db().healthIncident.count();
    const error = await createIncident({
      actor: admin,
      datastoreId: id,
      incident: { kind: "traffic-growth", magnitude: 2, region: "ap-south-1", role: "search", startsAt: new Date(Date.now() - 40 * 86_400_000).toISOString() },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors.map((f) => f.field)).toEqual(["region", "role", "startsAt"]);
    expect(await db().healthIncident.count()).toBe(before);
  });

  it("is for administrators: a team admin gets 403, an outsider 404, and a datastore that is not active 409", async () => {
    const incident = { kind: "disk-filling", magnitude: 2 } as const;
    await expect(createIncident({ actor: member, datastoreId: id, incident })).rejects.toSatisfy(code("forbidden"));
    await expect(listIncidents({ actor: member, datastoreId: id })).rejects.toSatisfy(code("forbidden"));
    await expect(createIncident({ actor: outsider, datastoreId: id, incident })).rejects.toSatisfy(code("not_found"));
    await expect(createIncident({ actor: admin, datastoreId: approvedId, incident })).rejects.toSatisfy(code("conflict"));
  });

  it("is refused with 409 when the metrics come from CloudWatch", async () => {
    setMetricsSourceForTests(null); // the test environment's PROVISIONER is pulumi
    try {
      await expect(createIncident({ actor: admin, datastoreId: id, incident: { kind: "disk-filling", magnitude: 2 } })).rejects.toSatisfy(code("conflict"));
    } finally {
      setMetricsSourceForTests(new SimulatedMetricsSource());
    }
  });
});
