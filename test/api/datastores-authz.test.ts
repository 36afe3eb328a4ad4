// Authorization matrix of the catalog routes: each role × own team / other team, and the platform-reviewer grant
// (signed in, a token with it and the holder's token without it), with the exact status codes.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/datastores/route";
import { GET as getRoute } from "@/app/api/v1/datastores/[id]/route";
import { PUT as thresholdsRoute } from "@/app/api/v1/datastores/[id]/thresholds/route";
import { GET as auditRoute } from "@/app/api/v1/datastores/[id]/audit/route";
import { GET as exportRoute } from "@/app/api/v1/datastores/[id]/catalog-info.yaml/route";
import { DatastoreListSchema } from "@/lib/schemas/datastore";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../support/datastores";

type Role = "member" | "reviewer" | "admin" | "platform" | "platformToken" | "platformPlainToken" | "none";
type Call = (person: TestPerson | null, id: string) => Promise<Response>;
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

const ROUTES: Record<string, Call> = {
  "GET /datastores/{id}": (p, id) => getRoute(jsonRequest("GET", `/api/v1/datastores/${id}`, p), ctx(id)),
  // Each edit reads the current ETag first, so that only authorization decides the outcome.
  "PUT /datastores/{id}/thresholds": (p, id) =>
    thresholdsRoute(jsonRequest("PUT", `/api/v1/datastores/${id}/thresholds`, p, { thresholds: CASSANDRA_THRESHOLDS }, { "if-match": "*" }), ctx(id)),
  "GET /datastores/{id}/audit": (p, id) => auditRoute(jsonRequest("GET", `/api/v1/datastores/${id}/audit`, p), ctx(id)),
  "GET /datastores/{id}/catalog-info.yaml": (p, id) => exportRoute(jsonRequest("GET", `/api/v1/datastores/${id}/catalog-info.yaml`, p), ctx(id)),
};

/** Expected status per role, for a datastore of the caller's own team and of another team. */
const EXPECTED: Record<Role, { own: number; other: number }> = {
  member: { own: 200, other: 404 },
  // A team role reaches that team only: reviewing every team is the platform-reviewer grant.
  reviewer: { own: 200, other: 404 },
  admin: { own: 200, other: 404 },
  platform: { own: 200, other: 200 },
  platformToken: { own: 200, other: 200 },
  platformPlainToken: { own: 200, other: 404 },
  none: { own: 401, other: 401 },
};

const people: Partial<Record<Role, TestPerson>> = {};
let ownId = "";
let otherId = "";

beforeAll(async () => {
  const own = await makeTeam();
  const other = await makeTeam();
  for (const role of ["member", "reviewer", "admin"] as const) people[role] = await makePerson(own.id, role);
  people.platform = await signedInPerson(own.id, "reviewer", "platform", { platformReviewer: true });
  people.platformToken = await makePerson(own.id, "reviewer", "platform-token", { platformReviewer: true, tokenPlatformReviewer: true });
  people.platformPlainToken = await makePerson(own.id, "reviewer", "platform-plain", { platformReviewer: true });
  ownId = (await makeDatastore({ teamId: own.id })).id;
  otherId = (await makeDatastore({ teamId: other.id })).id;
});

describe("catalog authorization matrix", () => {
  const cases = Object.keys(ROUTES).flatMap((route) =>
    (Object.keys(EXPECTED) as Role[]).flatMap((role) => (["own", "other"] as const).map((whose) => [route, role, whose, EXPECTED[role][whose]] as const)),
  );
  it.each(cases)("%s as %s on the %s team's datastore → %i", async (route, role, whose, status) => {
    const call = ROUTES[route];
    if (!call) throw new Error(route);
    const res = await call(role === "none" ? null : (people[role] ?? null), whose === "own" ? ownId : otherId);
    expect(res.status, await res.text()).toBe(status);
  });

  it.each([
    ["member", 1],
    ["reviewer", 1],
    ["admin", 1],
    ["platform", 2],
    ["platformToken", 2],
    ["platformPlainToken", 1],
  ] as const)("GET /datastores as %s lists %i datastores", async (role, count) => {
    const res = await listRoute(jsonRequest("GET", "/api/v1/datastores", people[role] ?? null));
    expect(DatastoreListSchema.parse(await res.json()).items).toHaveLength(count);
  });

  it("GET /datastores without credentials → 401, with a bad token → 401", async () => {
    expect((await listRoute(jsonRequest("GET", "/api/v1/datastores", null))).status).toBe(401);
    const forged: TestPerson = { userId: "x", email: "x", tokenId: "x", headers: { authorization: "Bearer dsp_forged" } };
    expect((await listRoute(jsonRequest("GET", "/api/v1/datastores", forged))).status).toBe(401);
  });

  it("answers 404 (not 403) for an unknown id on every route, and 401 before anything without credentials", async () => {
    for (const call of Object.values(ROUTES)) {
      expect((await call(people.reviewer ?? null, "does-not-exist")).status).toBe(404);
      expect((await call(null, "does-not-exist")).status).toBe(401);
    }
  });
});
