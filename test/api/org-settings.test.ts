// Organisation settings through the real handler: portal admins only (never a token), If-Match, the cross-field
// checks named by field, and a stored passphrase that never leaves the server — in no response and no audit event.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST, PUT } from "@/app/api/v1/admin/settings/route";
import { AWS_REGIONS } from "@/lib/catalog/regions";
import { OrgSettingsDtoSchema, type OrgSettingsDto, type OrgSettingsUpdate } from "@/lib/schemas/org-settings";
import { db } from "@/lib/server/db/client";
import { resolvePulumiBackend } from "@/lib/server/settings/provisioning-settings";
import { regionSettings } from "../infra/fixtures";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { expectJson, expectProblem } from "./support";

const PATH = "/api/v1/admin/settings";
const PASSPHRASE = "correct-horse-battery-staple-9f3a";
const DB_PASSWORD = "db-password-q7x2";
const ctx = { params: Promise.resolve({}) };

/** Every response body of this file, raw: the passphrase must appear in none. */
const seen: string[] = [];
async function recorded(res: Promise<Response>): Promise<Response> {
  const r = await res;
  seen.push(await r.clone().text());
  return r;
}
const get = (p: TestPerson) => recorded(GET(jsonRequest("GET", PATH, p), ctx));
const put = (p: TestPerson, body: unknown, ifMatch?: string) =>
  recorded(PUT(jsonRequest("PUT", PATH, p, body, ifMatch === undefined ? {} : { "if-match": ifMatch }), ctx));

const US_EAST = regionSettings("us-east-1", 1);
const EU_WEST = regionSettings("eu-west-1", 3);
function update(
  overrides: Partial<OrgSettingsUpdate> = {},
  passphrase: OrgSettingsUpdate["pulumi"]["passphrase"] = { source: "stored", value: PASSPHRASE },
): OrgSettingsUpdate {
  return { regions: { "us-east-1": US_EAST }, pulumi: { backendUrl: null, passphrase }, ...overrides };
}

let admin: TestPerson;
async function etag(): Promise<string> {
  return (await get(admin)).headers.get("etag") ?? "";
}
async function state() {
  const [row, audits] = await Promise.all([
    db().orgSetting.findUnique({ where: { id: "org" } }),
    db().auditEvent.count({ where: { subjectType: "settings" } }),
  ]);
  return { row, audits };
}

beforeAll(async () => {
  admin = await signedInPerson(null, "portal-admin");
  vi.stubEnv("PULUMI_CONFIG_PASSPHRASE", "");
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("GET /api/v1/admin/settings", () => {
  it("shows an admin the defaults before anything is saved: version 1, no regions, every region unconfigured", async () => {
    const res = await get(admin);
    const dto = OrgSettingsDtoSchema.parse(await expectJson(res));
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(dto).toMatchObject({
      regions: {},
      pulumi: { backendUrl: null, passphrase: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE", set: false }, effectiveBackendFrom: "default" },
      version: 1,
      updatedAt: null,
      updatedBy: null,
    });
    expect(dto.pulumi.effectiveBackendUrl).toMatch(/^file:\/\/\/.+\/pulumi-state$/);
    expect(dto.unconfiguredRegions).toEqual([...AWS_REGIONS]);
  });
});

describe("PUT /api/v1/admin/settings: validation", () => {
  async function expectFields(body: unknown, fields: Record<string, string | RegExp>) {
    const before = await state();
    const problem = await expectProblem(await put(admin, body, '"v1"'), 422);
    for (const [field, message] of Object.entries(fields)) {
      expect(problem.errors, JSON.stringify(problem.errors)).toContainEqual({
        field,
        message: typeof message === "string" ? message : expect.stringMatching(message),
      });
    }
    expect(await state()).toEqual(before);
    return problem;
  }

  it("names a malformed VPC id", async () => {
    await expectFields(update({ regions: { "us-east-1": { ...US_EAST, vpcId: "vpc-XYZ" } } }), {
      "regions.us-east-1.vpcId": "must be a VPC id such as vpc-0abc12345",
    });
  });

  it("names a subnet in a zone of another region", async () => {
    await expectFields(update({ regions: { "us-east-1": { ...US_EAST, subnets: { ...US_EAST.subnets, "eu-west-1a": "subnet-0abc12345" } } } }), {
      "regions.us-east-1.subnets.eu-west-1a": "is not a zone of us-east-1",
    });
  });

  it("names an alarm topic in another region", async () => {
    await expectFields(update({ regions: { "us-east-1": { ...US_EAST, alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:alarms" } } }), {
      "regions.us-east-1.alarmTopicArn": "must be a topic in us-east-1",
    });
  });

  it("names unknown keys and unknown regions", async () => {
    const body = { ...update({ regions: { "us-east-1": { ...US_EAST, colour: "blue" } } as unknown as OrgSettingsUpdate["regions"] }), extra: true };
    await expectFields(body, { "regions.us-east-1.colour": "is not a known field", extra: "is not a known field" });
    await expectFields(update({ regions: { "xx-north-9": US_EAST } as unknown as OrgSettingsUpdate["regions"] }), {
      "regions.xx-north-9": "is not a known AWS region",
    });
    await expectFields(update({ regions: { "us-east-1": { ...US_EAST, subnets: { "us-east-1-zone-a": "subnet-0abc12345" } } } }), {
      "regions.us-east-1.subnets.us-east-1-zone-a": "must be an availability zone such as us-east-1a",
    });
  });

  it("asks for the passphrase when 'stored' is chosen and none is stored yet", async () => {
    await expectFields(update({}, { source: "stored" }), { "pulumi.passphrase.value": "is required: no passphrase is stored yet" });
  });

  it("names a backend URL Pulumi does not accept and a relative passphrase file", async () => {
    await expectFields(update({ pulumi: { backendUrl: "ftp://state", passphrase: { source: "file", path: "passphrase.txt" } } }), {
      "pulumi.backendUrl": /^must be a Pulumi backend URL/,
      "pulumi.passphrase.path": "must be an absolute path",
    });
  });
});

describe("PUT /api/v1/admin/settings: saving", () => {
  let saved: OrgSettingsDto;

  it("needs If-Match (428) and changes nothing without it", async () => {
    const before = await state();
    const problem = await expectProblem(await put(admin, update()), 428);
    expect(problem.detail).toContain('"v1"');
    expect(await state()).toEqual(before);
  });

  it("saves with the ETag read, answers the new ETag and the settings GET then shows, and audits without secrets", async () => {
    const res = await put(admin, update(), await etag());
    saved = OrgSettingsDtoSchema.parse(await expectJson(res));
    expect(res.headers.get("etag")).toBe('"v2"');
    expect(saved).toMatchObject({
      regions: { "us-east-1": US_EAST },
      pulumi: { backendUrl: null, passphrase: { source: "stored", set: true } },
      version: 2,
      updatedBy: `user:${admin.email}`,
    });
    expect(saved.pulumi.passphrase).toEqual({ source: "stored", set: true });
    expect(saved.unconfiguredRegions).not.toContain("us-east-1");
    expect(saved.unconfiguredRegions).toHaveLength(AWS_REGIONS.length - 1);
    expect(Date.parse(saved.updatedAt ?? "")).not.toBeNaN();

    const again = await get(admin);
    expect(again.headers.get("etag")).toBe('"v2"');
    expect(OrgSettingsDtoSchema.parse(await expectJson(again))).toEqual(saved);

    // The worker gets the passphrase back; the database holds only its ciphertext.
    expect((await resolvePulumiBackend(db())).passphrase).toBe(PASSPHRASE);
    const row = await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } });
    expect(JSON.stringify(row)).not.toContain(PASSPHRASE);
    expect(row.passphraseCipher).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const events = await db().auditEvent.findMany({ where: { subjectType: "settings" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "settings.updated", subjectId: "org", actorId: admin.userId });
    expect(events[0]?.detail).toEqual({
      fromVersion: 1,
      toVersion: 2,
      regions: { added: ["us-east-1"], removed: [], changed: [] },
      backendUrlChanged: false,
      passphrase: { source: "stored", changed: true },
    });
  });

  it("answers 412 to a stale If-Match and changes nothing", async () => {
    const before = await state();
    const problem = await expectProblem(await put(admin, update({ regions: {} }), '"v1"'), 412);
    expect(problem.detail).toContain('"v2"');
    expect(await state()).toEqual(before);
  });

  it("keeps the stored passphrase when 'stored' comes without a value, and says which regions changed", async () => {
    const res = await put(
      admin,
      update({ regions: { "us-east-1": { ...US_EAST, instanceProfileName: "other-profile" }, "eu-west-1": EU_WEST } }, { source: "stored" }),
      '"v2"',
    );
    const dto = OrgSettingsDtoSchema.parse(await expectJson(res));
    expect(dto.version).toBe(3);
    expect(dto.pulumi.passphrase).toEqual({ source: "stored", set: true });
    expect((await resolvePulumiBackend(db())).passphrase).toBe(PASSPHRASE);
    const last = await db().auditEvent.findFirstOrThrow({ where: { subjectType: "settings" }, orderBy: { at: "desc" } });
    expect(last.detail).toMatchObject({
      regions: { added: ["eu-west-1"], removed: [], changed: ["us-east-1"] },
      passphrase: { source: "stored", changed: false },
    });
  });

  it("masks credentials in the backend URL it shows, and uses the stored URL", async () => {
    const backendUrl = `postgres://pulumi:${DB_PASSWORD}@db.internal/state?sslmode=require`;
    const dto = OrgSettingsDtoSchema.parse(
      await expectJson(await put(admin, update({ pulumi: { backendUrl, passphrase: { source: "stored" } } }), await etag())),
    );
    expect(dto.pulumi).toMatchObject({
      backendUrl: "postgres://pulumi:***@db.internal/state?sslmode=require",
      effectiveBackendUrl: "postgres://pulumi:***@db.internal/state?sslmode=require",
      effectiveBackendFrom: "settings",
    });
    expect((await resolvePulumiBackend(db())).url).toBe(backendUrl);
    const last = await db().auditEvent.findFirstOrThrow({ where: { subjectType: "settings" }, orderBy: { at: "desc" } });
    expect(last.detail).toMatchObject({ backendUrlChanged: true });
    expect(JSON.stringify(last)).not.toContain(DB_PASSWORD);
  });

  it("drops the sealed value when the source moves away from 'stored', and then asks for a new one", async () => {
    vi.stubEnv("STACK_PASSPHRASE", "from-the-environment");
    const dto = OrgSettingsDtoSchema.parse(await expectJson(await put(admin, update({}, { source: "env", variable: "STACK_PASSPHRASE" }), await etag())));
    expect(dto.pulumi.passphrase).toEqual({ source: "env", variable: "STACK_PASSPHRASE", set: true });
    expect((await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } })).passphraseCipher).toBeNull();
    expect((await resolvePulumiBackend(db())).passphrase).toBe("from-the-environment");
    const last = await db().auditEvent.findFirstOrThrow({ where: { subjectType: "settings" }, orderBy: { at: "desc" } });
    expect(last.detail).toMatchObject({ passphrase: { source: "env", changed: true } });

    const problem = await expectProblem(await put(admin, update({}, { source: "stored" }), await etag()), 422);
    expect(problem.errors).toEqual([{ field: "pulumi.passphrase.value", message: "is required: no passphrase is stored yet" }]);

    vi.stubEnv("STACK_PASSPHRASE", "");
    const unset = OrgSettingsDtoSchema.parse(await expectJson(await get(admin)));
    expect(unset.pulumi.passphrase).toEqual({ source: "env", variable: "STACK_PASSPHRASE", set: false });
  });

  it("lets exactly one of two concurrent saves with the same ETag win; the other gets 412", async () => {
    const tag = await etag();
    const [a, b] = await Promise.all([put(admin, update({ regions: {} }), tag), put(admin, update({ regions: { "eu-west-1": EU_WEST } }), tag)]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
  });

  it("lets exactly one of two concurrent first saves win", async () => {
    await db().orgSetting.deleteMany();
    const [a, b] = await Promise.all([put(admin, update(), '"v1"'), put(admin, update({ regions: {} }), '"v1"')]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } })).version).toBe(2);
  });
});

describe("who may", () => {
  it.each(["member", "reviewer", "admin"] as const)("a team %s gets 403 reading or saving, and nothing changes", async (role) => {
    const p = await signedInPerson((await makeTeam()).id, role);
    const before = await state();
    await expectProblem(await get(p), 403);
    await expectProblem(await put(p, update(), await etag()), 403);
    // Without If-Match too: authorization comes before the precondition.
    await expectProblem(await put(p, update()), 403);
    expect(await state()).toEqual(before);
  });

  it("a token never administers, even one created by a portal admin", async () => {
    const tokenOfAdmin = await makePerson(null, "portal-admin");
    const before = await state();
    await expectProblem(await get(tokenOfAdmin), 403);
    await expectProblem(await put(tokenOfAdmin, update(), await etag()), 403);
    expect(await state()).toEqual(before);
  });

  it("answers 405 to other methods", async () => {
    await expectProblem(await recorded(POST(jsonRequest("POST", PATH, admin, update()))), 405);
  });
});

describe("secrets", () => {
  it("the stored passphrase appears in no response body of this file, nor in any audit event", async () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const text of seen) {
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain(DB_PASSWORD);
    }
    const audits = JSON.stringify(await db().auditEvent.findMany());
    expect(audits).not.toContain(PASSPHRASE);
    expect(audits).not.toContain(DB_PASSWORD);
  });
});
