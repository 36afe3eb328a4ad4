// GET /api/v1/regions: which regions a datastore can be provisioned in (the organisation settings have an entry, with an
// image for the family) and whose prices a region borrows — for every signed-in person, not only administrators, and
// without leaking the settings themselves (network ids, topics).
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/regions/route";
import { PUT as PUT_SETTINGS, GET as GET_SETTINGS } from "@/app/api/v1/admin/settings/route";
import { AWS_REGIONS } from "@/lib/catalog/regions";
import { RegionListSchema } from "@/lib/schemas/org-settings";
import { regionSettings } from "../infra/fixtures";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { expectJson, expectProblem } from "./support";

const ctx = { params: Promise.resolve({}) };
let member: TestPerson;

beforeAll(async () => {
  member = await makePerson((await makeTeam()).id, "member");
});

describe("GET /api/v1/regions", () => {
  it("lists every region the portal knows, none provisionable before an administrator adds settings", async () => {
    const body = RegionListSchema.parse(await expectJson(await GET(jsonRequest("GET", "/api/v1/regions", member), ctx)));
    expect(body.items.map((r) => r.code)).toEqual([...AWS_REGIONS]);
    expect(body.items.every((r) => !r.provisionable && r.families.length === 0)).toBe(true);
    // Only us-east-1 has a price table of its own; the others say whose prices they use.
    expect(body.items.find((r) => r.code === "us-east-1")?.pricedAs).toBe("us-east-1");
    expect(body.items.find((r) => r.code === "eu-central-1")?.pricedAs).toBe("us-east-1");
  });

  it("marks the regions with settings provisionable, for the families that have an image there, and leaks no settings", async () => {
    const admin = await signedInPerson(null, "portal-admin");
    const current = await GET_SETTINGS(jsonRequest("GET", "/api/v1/admin/settings", admin), ctx);
    const east = regionSettings("us-east-1", 1);
    const body = {
      regions: { "us-east-1": { ...east, imageIds: { cassandra: east.imageIds.cassandra } } },
      pulumi: { backendUrl: null, passphrase: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE" } },
    };
    const saved = await PUT_SETTINGS(jsonRequest("PUT", "/api/v1/admin/settings", admin, body, { "if-match": current.headers.get("etag") ?? "" }), ctx);
    expect(saved.status, await saved.clone().text()).toBe(200);

    const res = await GET(jsonRequest("GET", "/api/v1/regions", member), ctx);
    const text = await res.clone().text();
    const list = RegionListSchema.parse(await expectJson(res));
    expect(list.items.find((r) => r.code === "us-east-1")).toEqual({ code: "us-east-1", provisionable: true, families: ["cassandra"], pricedAs: "us-east-1" });
    expect(list.items.find((r) => r.code === "eu-west-1")?.provisionable).toBe(false);
    expect(text).not.toContain(east.vpcId);
    expect(text).not.toContain(east.alarmTopicArn);
  });

  it("needs a signed-in caller, and only answers GET", async () => {
    await expectProblem(await GET(jsonRequest("GET", "/api/v1/regions", null), ctx), 401);
    await expectProblem(await POST(jsonRequest("POST", "/api/v1/regions", member, {})), 405);
  });
});
