// The walkthrough without a browser: "the API does the same with a token". Two people sign in once to create API
// tokens, and from then on only the tokens speak, over real HTTP to the running portal: the requester creates a
// request for the viewing-history workload (a retried create with the same Idempotency-Key returns the same
// request), submits it, cannot decide on it; the reviewer approves it; the catalog lists the datastore with its
// thresholds and exports it as a Backstage catalog-info.yaml.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreDto, DatastoreList } from "@/lib/schemas/datastore";
import type { RequestDetailDto, RequestList } from "@/lib/schemas/request";
import { PortalHttp } from "./http";

/** Unique to this file, so the other browser tests' requests and datastores never collide with it. */
const NAME = "api-viewing-history";

describe("the API walkthrough with tokens", () => {
  const http = new PortalHttp(inject("baseUrl"), "198.51.100.21");
  const password = inject("demoPassword");
  const viewingHistory = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
  let moToken = "";
  let ritaToken = "";
  let requestId = "";
  let datastoreId = "";

  /** A token for the person, checked as a script would read it: not cached, carrying what was asked for. */
  async function tokenFor(email: string, role: "member" | "reviewer", platformReviewer = false): Promise<{ token: string; me: Me }> {
    const { token, me, teamId, created } = await http.tokenFor(email, password, { role, platformReviewer, name: `walkthrough-${role}` });
    expect(created.headers.get("cache-control")).toMatch(/no-store/);
    expect(created.body).toMatchObject({ role, platformReviewer, teamId, status: "active" });
    expect(created.body.secret.startsWith(created.body.prefix)).toBe(true);
    return { token, me };
  }

  beforeAll(async () => {
    moToken = (await tokenFor("mo@portal.local", "member")).token;
    ritaToken = (await tokenFor("rita@portal.local", "reviewer", true)).token;
  });

  it("answers 401 without credentials and names the token's person, team and role with one", async () => {
    const anonymous = await http.call("/api/v1/me", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/application\/problem\+json/);

    const mo = await http.call<Me>("/api/v1/me", { token: moToken });
    expect(mo.status).toBe(200);
    expect(mo.body.kind).toBe("token");
    expect(mo.body.user.email).toBe("mo@portal.local");
    expect(mo.body.teams).toEqual([expect.objectContaining({ slug: "streaming", role: "member" })]);

    const rita = await http.call<Me>("/api/v1/me", { token: ritaToken });
    expect(rita.body.teams).toEqual([expect.objectContaining({ slug: "data-platform", role: "reviewer" })]);
    expect(rita.body.platformReviewer).toBe(true);
  });

  it("creates the request once however often the same Idempotency-Key is retried, then submits it", async () => {
    if (!viewingHistory) throw new Error("the viewing-history use case is missing");
    const me = await http.call<Me>("/api/v1/me", { token: moToken });
    const teamId = me.body.teams[0]?.id ?? "";
    const key = randomUUID();
    const body = { teamId, name: NAME, workload: { ...viewingHistory.workload, name: NAME } };

    const first = await http.call<RequestDetailDto>("/api/v1/requests", { token: moToken }, { method: "POST", body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe("draft");
    expect(first.headers.get("location")).toBe(`/api/v1/requests/${first.body.id}`);
    requestId = first.body.id;

    const retry = await http.call<RequestDetailDto>("/api/v1/requests", { token: moToken }, { method: "POST", body, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body.id).toBe(requestId);
    const listed = await http.call<RequestList>(`/api/v1/requests?teamId=${encodeURIComponent(teamId)}`, { token: moToken });
    expect(listed.body.items.filter((r) => r.name === NAME)).toHaveLength(1);

    const submitted = await http.call<RequestDetailDto>(`/api/v1/requests/${requestId}/submit`, { token: moToken }, { method: "POST" });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("submitted");
    // The server pinned its own recommendation and plan.
    expect(submitted.body.recommendation?.recommendations[0]?.family).toBe("cassandra");
    expect(submitted.body.planResult?.family).toBe("cassandra");
  });

  it("does not let the requester's member token decide on the request (403)", async () => {
    const forced = await http.call(`/api/v1/requests/${requestId}/decisions`, { token: moToken }, { method: "POST", body: { decision: "approved" } });
    expect(forced.status).toBe(403);
    expect(forced.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const still = await http.call<RequestDetailDto>(`/api/v1/requests/${requestId}`, { token: moToken });
    expect(still.body.status).toBe("submitted");
    expect(still.body.decisions).toEqual([]);
  });

  it("lets the reviewer's token approve it, which creates the datastore", async () => {
    const approved = await http.call<RequestDetailDto>(
      `/api/v1/requests/${requestId}/decisions`,
      { token: ritaToken },
      { method: "POST", body: { decision: "approved", comment: "Approved through the API." } },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect(approved.body.decisions).toEqual([
      expect.objectContaining({
        decision: "approved",
        comment: "Approved through the API.",
        reviewer: expect.objectContaining({ email: "rita@portal.local" }),
      }),
    ]);
    expect(approved.body.datastoreId).toEqual(expect.any(String));
    datastoreId = approved.body.datastoreId ?? "";
  });

  it("lists the datastore in the catalog as a summary, and reads it whole with its thresholds, for the owner's token too", async () => {
    for (const token of [ritaToken, moToken]) {
      const list = await http.call<DatastoreList>(`/api/v1/datastores?q=${NAME}`, { token });
      expect(list.status).toBe(200);
      const store = list.body.items.find((d) => d.id === datastoreId);
      expect(store).toMatchObject({ name: NAME, family: "cassandra", status: "approved", requestId, team: expect.objectContaining({ slug: "streaming" }) });
      expect(store?.regions).toEqual(["us-east-1", "eu-west-1"]);
      expect(store?.nodes).toBeGreaterThan(0);
      expect(store).not.toHaveProperty("thresholds");
      const whole = await http.call<DatastoreDto>(`/api/v1/datastores/${datastoreId}`, { token });
      expect(whole.status).toBe(200);
      expect(whole.body.thresholds.length).toBeGreaterThan(0);
      expect(whole.body.topology.reduce((n, c) => n + c.nodes, 0)).toBe(store?.nodes);
    }
  });

  it("exports the datastore as a Backstage catalog-info.yaml", async () => {
    const res = await http.call(`/api/v1/datastores/${datastoreId}/catalog-info.yaml`, { token: moToken });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/yaml/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.yaml"$/);
    // YAML scalars, quoted or not.
    const line = (indent: number, key: string, value: string) =>
      new RegExp(`^${" ".repeat(indent)}${key}: "?${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"?$`, "m");
    expect(res.text).toMatch(line(0, "apiVersion", "backstage.io/v1alpha1"));
    expect(res.text).toMatch(line(0, "kind", "Resource"));
    // Datastore names are unique per team only, so the entity's name carries the team.
    expect(res.text).toMatch(line(2, "name", `streaming-${NAME}`));
    expect(res.text).toMatch(line(2, "title", NAME));
    expect(res.text).toMatch(line(2, "owner", "group:streaming"));
    expect(res.text).toMatch(line(2, "type", "cassandra-cluster"));
  });
});
