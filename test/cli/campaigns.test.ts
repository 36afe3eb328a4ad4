// `dsp release list|create` and `dsp campaign list|show|create|start|pause|resume|abort|approve` against the portal's
// real route handlers (served over HTTP on a loopback port, the test file's database, a real reviewer's token): show
// prints the waves, each datastore's step and its gate's verdict with the evidence (exit 1 for a halted campaign),
// approve takes the wave number show prints, bad flags are usage errors, the server's field errors are printed with
// the field named (exit 2), and what the portal refuses a token (administering) exits 1 with the portal's reason.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDatastores } from "@/app/api/v1/datastores/route";
import { GET as listReleases, POST as createRelease } from "@/app/api/v1/releases/route";
import { GET as listCampaigns, POST as createCampaign } from "@/app/api/v1/campaigns/route";
import { GET as getCampaign } from "@/app/api/v1/campaigns/[id]/route";
import { GET as listEvents } from "@/app/api/v1/campaigns/[id]/events/route";
import { POST as startCampaign } from "@/app/api/v1/campaigns/[id]/start/route";
import { POST as pauseCampaign } from "@/app/api/v1/campaigns/[id]/pause/route";
import { POST as resumeCampaign } from "@/app/api/v1/campaigns/[id]/resume/route";
import { POST as abortCampaign } from "@/app/api/v1/campaigns/[id]/abort/route";
import { POST as approveCampaign } from "@/app/api/v1/campaigns/[id]/approve/route";
import {
  CampaignEventListSchema,
  CampaignGateSchema,
  CampaignSchema,
  FamilyReleaseListSchema,
  FamilyReleaseSchema,
  type CampaignDto,
} from "@/lib/schemas/campaign";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { makeProvisionedDatastore } from "../support/fleet";
import { storeOrgSettings } from "../support/provisioning";
import { imagesFlag } from "@/cli/commands/releases";
import { dsp, serveRoutes, type Handler } from "./support";

const ROUTES: [RegExp, string, Handler][] = [
  [/^\/api\/v1\/datastores$/, "GET", listDatastores as Handler],
  [/^\/api\/v1\/releases$/, "GET", listReleases as Handler],
  [/^\/api\/v1\/releases$/, "POST", createRelease as Handler],
  [/^\/api\/v1\/campaigns$/, "GET", listCampaigns as Handler],
  [/^\/api\/v1\/campaigns$/, "POST", createCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)$/, "GET", getCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/events$/, "GET", listEvents as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/start$/, "POST", startCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/pause$/, "POST", pauseCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/resume$/, "POST", resumeCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/abort$/, "POST", abortCampaign as Handler],
  [/^\/api\/v1\/campaigns\/(?<id>[^/]+)\/approve$/, "POST", approveCampaign as Handler],
];

let server: Server;
let env: Record<string, string>;
let admin: TestPerson;
let reviewer: TestPerson;
let releaseId = "";
let campaign: CampaignDto;

async function store(tier: 0 | 3, teamId: string, name: string) {
  const ds = await makeProvisionedDatastore({ teamId, family: "evcache", tier, name, regions: ["us-east-1"] });
  await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
  return ds;
}

beforeAll(async () => {
  await storeOrgSettings();
  const team = await makeTeam("streaming");
  await db().team.update({ where: { id: team.id }, data: { upgradeEarly: true } });
  admin = await signedInPerson(null, "portal-admin", "ada");
  reviewer = await makePerson(team.id, "reviewer", "Rey Reviewer");
  await store(3, team.id, "test-cache");
  await store(0, team.id, "session-cache");

  // An administrator (signed in: tokens never administer) releases a version and drafts a campaign in the portal.
  const none = { params: Promise.resolve({}) };
  const release = await createRelease(
    jsonRequest("POST", "/api/v1/releases", admin, { family: "evcache", engineVersion: "1.6.99", imageIds: { "us-east-1": "ami-0evc000000000099" } }),
    none,
  );
  releaseId = FamilyReleaseSchema.parse(await release.json()).id;
  campaign = CampaignSchema.parse(await (await createCampaign(jsonRequest("POST", "/api/v1/campaigns", admin, { releaseId }), none)).json());

  // The evidence the runner records when the tier 3 canary fails its gate (advance-campaign writes these columns):
  // the target rolled back with the gate's verdict, the campaign halted.
  const testTarget = campaign.waves[0]?.targets[0];
  if (!testTarget) throw new Error("the draft has no tier 3 target");
  const gate = CampaignGateSchema.parse({
    verdict: "fail",
    reasons: ["read p99 grew 250.0% over the baseline (at most 10%)"],
    checks: [
      { name: "regression", ok: false, detail: "read p99 1.40 ms against 0.40 ms (+250.0%)" },
      { name: "alarms", ok: true, detail: "none firing" },
    ],
    ops: [
      { op: "read", baselineP99Ms: 0.4, validationP99Ms: 1.4, thresholdMs: 5, regressionPct: 250 },
      { op: "write", baselineP99Ms: 0.5, validationP99Ms: 0.52, thresholdMs: 10, regressionPct: 4 },
    ],
    maxRegressionPct: 10,
    alarms: [],
    synthetic: false,
    at: new Date().toISOString(),
  });
  await db().campaignTarget.update({ where: { id: testTarget.id }, data: { step: "rolled-back", canaryZone: "us-east-1a", gate, finishedAt: new Date() } });
  await db().upgradeCampaign.update({
    where: { id: campaign.id },
    data: { status: "halted", haltReason: "test-cache failed its gate; its canary was rolled back." },
  });

  const served = await serveRoutes(ROUTES);
  server = served.server;
  env = { DSP_URL: served.url, DSP_TOKEN: (reviewer.headers.authorization ?? "").replace(/^Bearer /, ""), HOME: "/nonexistent-home" };
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("dsp release", () => {
  it("lists releases as a table and as JSON, and refuses a family that does not exist naming the flag", async () => {
    const table = await dsp(["release", "list", "--family", "evcache"], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID +FAMILY +ENGINE +IMAGES +CURRENT +CREATED$/m);
    expect(table.stdout).toMatch(new RegExp(`^${releaseId} +evcache +1\\.6\\.99 +us-east-1 ami-0evc000000000099 +yes +\\S+ \\S+ user:`, "m"));
    const json = await dsp(["release", "list", "--json"], { env });
    expect(FamilyReleaseListSchema.parse(JSON.parse(json.stdout)).items.map((r) => r.id)).toEqual([releaseId]);
    const none = await dsp(["release", "list", "--family", "dynomite"], { env });
    expect(none.stdout).toBe("No releases.\n");

    const bad = await dsp(["release", "list", "--family", "mongo"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--family must be one of evcache, cassandra, elasticsearch, graph, dynomite");
  });

  it("prints the server's field errors for a bad release (exit 2), and the portal's refusal of a token (exit 1)", async () => {
    const missing = await dsp(["release", "create", "--family", "evcache"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("needs --engine-version, --image REGION=IMAGE");

    // Each --image is one region's: the regions reach the server as the map's keys, each error on its region.
    const bad = await dsp(
      ["release", "create", "--family", "evcache", "--engine-version", "", "--image", "us-east-1=not an image", "--image", "eu-mars-1=ami-0evc000000000100"],
      { env },
    );
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/^ {2}engineVersion: must not be empty$/m);
    expect(bad.stderr).toMatch(/^ {2}imageIds\.us-east-1: must be an image id/m);
    expect(bad.stderr).toMatch(/^ {2}imageIds\.eu-mars-1: is not a known AWS region$/m);
    const badJson = await dsp(["release", "create", "--family", "evcache", "--engine-version", "", "--image", "us-east-1=ami-1", "--json"], { env });
    const problem = JSON.parse(badJson.stdout) as { error: { status: number; fieldErrors: { field: string }[] } };
    expect(problem.error.status).toBe(422);
    expect([...new Set(problem.error.fieldErrors.map((f) => f.field))]).toEqual(["engineVersion"]);

    const refused = await dsp(
      [
        "release",
        "create",
        "--family",
        "evcache",
        "--engine-version",
        "1.6.100",
        "--image",
        "us-east-1=ami-0evc000000000100",
        "--image",
        "eu-west-1=ami-0evc000000000200",
      ],
      { env },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(403): Only administrators release new versions of a family.");
    expect(await db().familyRelease.count()).toBe(1);
  });
});

describe("dsp release create --image", () => {
  it("takes one REGION=IMAGE per region, repeated, into the per-region map the API takes", () => {
    expect(imagesFlag(["us-east-1=ami-0aaa000000000001", "eu-west-1=ami-0bbb000000000001"])).toEqual({
      "us-east-1": "ami-0aaa000000000001",
      "eu-west-1": "ami-0bbb000000000001",
    });
    expect(imagesFlag("us-east-1=ami-0aaa000000000001")).toEqual({ "us-east-1": "ami-0aaa000000000001" });
    expect(imagesFlag(undefined)).toBeUndefined();
  });

  it("refuses an image without its region, or a region twice, as a usage error before anything is sent", async () => {
    expect(() => imagesFlag(["ami-0aaa000000000001"])).toThrow(/--image takes REGION=IMAGE/);
    expect(() => imagesFlag(["us-east-1="])).toThrow(/--image takes REGION=IMAGE/);
    expect(() => imagesFlag(["us-east-1=ami-0aaa000000000001", "us-east-1=ami-0bbb000000000001"])).toThrow(/names us-east-1 twice/);
    const before = await db().familyRelease.count();
    const noRegion = await dsp(["release", "create", "--family", "evcache", "--engine-version", "1.6.101", "--image", "ami-0evc000000000101"], { env });
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain("--image takes REGION=IMAGE, one per region");
    expect(await db().familyRelease.count()).toBe(before);
  });
});

describe("dsp campaign", () => {
  it("lists campaigns and shows one's waves, steps and gate verdicts; a halted campaign exits 1", async () => {
    const list = await dsp(["campaign", "list"], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^ID +RELEASE +STATUS +PROGRESS +NOW +CREATED$/m);
    expect(list.stdout).toMatch(new RegExp(`^${campaign.id} +evcache 1\\.6\\.99 +halted +0/2 done, 1 rolled back +— +`, "m"));

    const shown = await dsp(["campaign", "show", campaign.id], { env });
    expect(shown.code).toBe(1);
    const out = shown.stdout;
    expect(out).toMatch(/^Status: +halted: test-cache failed its gate; its canary was rolled back\.$/m);
    expect(out).toMatch(/^Wave 1 · tier 3 \(test\)$/m);
    expect(out).toContain(`Wave 2 · tier 0 (critical) — needs a reviewer (dsp campaign approve ${campaign.id} --wave 2)\n`);
    expect(out).toMatch(/^ *1 +test-cache +streaming \(early\) +\S+ → 1\.6\.99 +rolled-back +us-east-1a +FAIL \(p99 \+250\.0%\)$/m);
    expect(out).toMatch(/^ *1 +session-cache +streaming \(early\) +\S+ → 1\.6\.99 +pending +— +—$/m);
    expect(out).toContain("test-cache: gate failed: read p99 grew 250.0% over the baseline (at most 10%)");
    expect(out).toMatch(/^Gate of test-cache: FAIL at .* \(at most 10% regression; measured\)$/m);
    expect(out).toMatch(/^reads +0\.40 ms +1\.40 ms +\+250\.0% +≤ 5\.00 ms$/m);
    expect(out).toContain("  FAILED regression: read p99 1.40 ms against 0.40 ms (+250.0%)");
    // A reviewer's token may not resume or abort: show offers no command.
    expect(out).not.toContain("You may:");

    const json = await dsp(["campaign", "show", campaign.id, "--json", "--events"], { env });
    const { events, ...shownCampaign } = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(CampaignSchema.parse(shownCampaign).id).toBe(campaign.id);
    const body = { events: CampaignEventListSchema.shape.items.parse(events) };
    expect(body.events.map((e) => e.kind)).toEqual(["created"]);
    const withEvents = await dsp(["campaign", "show", campaign.id, "--events"], { env });
    expect(withEvents.stdout).toMatch(
      /^Events:\n {2}\S+ \S+ user:\S+: Campaign to evcache 1\.6\.99 created: wave 1: tier 3 \(test-cache\); wave 2: tier 0 \(session-cache\)\.$/m,
    );

    const unknown = await dsp(["campaign", "show", "nope"], { env });
    expect(unknown.code).toBe(3);
  });

  it("approves a tier 0 wave by the number show prints, once; bad or missing wave flags are usage errors", async () => {
    for (const args of [[], ["--wave", "0"], ["--wave", "two"], ["--wave", "2", "--target", "session-cache"]]) {
      const bad = await dsp(["campaign", "approve", campaign.id, ...args], { env });
      expect(bad.code, args.join(" ")).toBe(2);
    }
    const noTarget = await dsp(["campaign", "approve", campaign.id, "--target", "no-such-cache"], { env });
    expect(noTarget.code).toBe(3);
    const tier3 = await dsp(["campaign", "approve", campaign.id, "--wave", "1"], { env });
    expect(tier3.code).toBe(4);
    expect(tier3.stderr).toContain("Tier 3 upgrades need no approval.");

    const approved = await dsp(["campaign", "approve", campaign.id, "--wave", "2"], { env });
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/^Wave 2 · tier 0 \(critical\) — approved$/m);
    expect(approved.stdout).toMatch(/^ {2}session-cache: approved by token:\S+ /m);
    const target = await db().campaignTarget.findFirstOrThrow({ where: { campaignId: campaign.id, tier: 0 } });
    expect(target.approvedBy).toMatch(/^token:/);

    const again = await dsp(["campaign", "approve", campaign.id, "--target", "session-cache"], { env });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("It is approved already.");
  });

  it("sends create, start, pause, resume and abort to the API: field errors exit 2, the portal's refusal of a token exits 1", async () => {
    const notNumber = await dsp(["campaign", "create", releaseId, "--max-regression", "ten"], { env });
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain('--max-regression must be a number (got "ten")');
    const tooMuch = await dsp(["campaign", "create", releaseId, "--max-regression", "5000", "--benchmark-duration", "0"], { env });
    expect(tooMuch.code, tooMuch.stderr).toBe(2);
    expect(tooMuch.stderr).toMatch(/^ {2}maxRegressionPct: must be at most 1000$/m);
    expect(tooMuch.stderr).toMatch(/^ {2}benchmarkDurationS: must be at least 1 second$/m);

    const create = await dsp(["campaign", "create", releaseId, "--datastore", "test-cache", "--start"], { env });
    expect(create.code).toBe(1);
    expect(create.stderr).toContain("(403): Only administrators run upgrade campaigns.");
    for (const command of ["start", "pause", "resume", "abort"]) {
      const refused = await dsp(["campaign", command, campaign.id, ...(command === "abort" ? ["--reason", "enough"] : [])], { env });
      expect(refused.code, command).toBe(1);
      expect(refused.stderr, command).toContain("(403)");
    }
    expect(await db().upgradeCampaign.count()).toBe(1);
    expect((await db().upgradeCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("halted");
    const missing = await dsp(["campaign", "pause", "nope"], { env });
    expect(missing.code).toBe(3);
  });

  it("names every release and campaign command in dsp --help and in the groups' help", async () => {
    const help = await dsp(["--help"]);
    for (const c of ["release list", "release create", "campaign show <campaign-id>", "campaign approve <campaign-id>"]) expect(help.stdout).toContain(c);
    const group = await dsp(["campaign", "--help"]);
    expect(group.stdout).toMatch(/campaign abort <campaign-id> +Abort a campaign/);
    const create = await dsp(["campaign", "create", "--help"]);
    expect(create.stdout).toContain("--max-regression PCT");
    expect(create.stdout).toContain("the portal never lets an API token administer");
  });
});
