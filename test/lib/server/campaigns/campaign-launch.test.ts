// What a campaign step's replacements launch on, region by region (an AMI exists in one region): the release's image
// for each region of the operation's nodes for the canary and the rollout, the images the nodes ran per region for a
// rollback; one image for every region only for a release (or a target) from before images were per region. A region
// without an image is left out, and the replacement then replaces nothing — never another region's image.
import { beforeAll, describe, expect, it } from "vitest";
import { imagesKey } from "@/lib/schemas/campaign";
import { campaignLaunchOf } from "@/lib/server/campaigns/campaign-launch";
import { queueVersionReplace } from "@/lib/server/campaigns/campaign-steps";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { runReplaceNodes } from "@/lib/server/maintenance/run-replace-nodes";
import { makeTeam } from "../../../support/actors";
import { FakeFleetCloud } from "../../../support/fake-fleet-cloud";
import { makeProvisionedDatastore } from "../../../support/fleet";
import { storeOrgSettings } from "../../../support/provisioning";

const EAST = "ami-0aaa00000000000e1";
const WEST = "ami-0bbb00000000000f1";

let releases = 0;

beforeAll(storeOrgSettings);

/** A two-region EVCache datastore with its nodes in the inventory, and a replace-nodes of one zone in each region. */
async function twoRegionReplacement() {
  const team = await makeTeam();
  const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", tier: 3, regions: ["us-east-1", "eu-west-1"] });
  await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
  const nodes = await db().fleetNode.findMany({ where: { datastoreId: ds.id, goneAt: null, zone: { in: ["us-east-1a", "eu-west-1a"] } } });
  expect(new Set(nodes.map((n) => n.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
  const op = await db().$transaction((tx) =>
    queueVersionReplace(tx, { datastoreId: ds.id, instanceIds: nodes.map((n) => n.instanceId), engineVersion: "1.6.99", why: "test" }),
  );
  if ("rejected" in op) throw new Error(op.rejected);
  return { ds, op, nodes };
}

/** A campaign of `release` whose target waits on `operationId` at `step`. */
async function targetAt(
  datastoreId: string,
  operationId: string,
  step: string,
  release: { imageIds: Record<string, string> | null; imageId: string | null },
  from: { fromImageIds?: Record<string, string>; fromImageId?: string } = {},
) {
  const row = await db().familyRelease.create({
    data: {
      family: "evcache",
      engineVersion: "1.6.99",
      ...(release.imageIds ? { imageIds: release.imageIds } : {}),
      imageId: release.imageId,
      // Unique per fixture: the same release twice is refused, and each test wants its own.
      imagesKey: `${release.imageIds ? imagesKey(release.imageIds) : (release.imageId ?? "")}#${++releases}`,
      createdBy: "test",
    },
  });
  const campaign = await db().upgradeCampaign.create({
    data: { family: "evcache", releaseId: row.id, status: "running", maxRegressionPct: 10, benchmarkDurationS: 1, createdBy: "test" },
  });
  await db().campaignTarget.create({
    data: { campaignId: campaign.id, datastoreId, wave: 0, seq: 0, tier: 3, fromVersion: "1.6.21", step, operationId, ...from },
  });
}

describe("a campaign step's launch", () => {
  it("gives the canary's replacements in each region that region's image of the release", async () => {
    const { ds, op } = await twoRegionReplacement();
    await targetAt(ds.id, op.id, "canary", { imageIds: { "us-east-1": EAST, "eu-west-1": WEST, "ap-south-1": "ami-0ccc00000000000a1" }, imageId: null });
    // Only the regions of the operation's nodes, each its own.
    expect(await campaignLaunchOf(db(), op.id)).toEqual({ engineVersion: "1.6.99", imageIds: { "us-east-1": EAST, "eu-west-1": WEST } });
  });

  it("replaces no node at all when the release has no image for one of the nodes' regions", async () => {
    const { ds, op, nodes } = await twoRegionReplacement();
    await targetAt(ds.id, op.id, "rollout", { imageIds: { "us-east-1": EAST }, imageId: null });
    const launch = await campaignLaunchOf(db(), op.id);
    expect(launch).toEqual({ engineVersion: "1.6.99", imageIds: { "us-east-1": EAST } });

    const cloud = new FakeFleetCloud(nodes.map((n) => ({ instanceId: n.instanceId, region: n.region, zone: n.zone, role: n.role, groupName: n.groupName })));
    const error = await runReplaceNodes({
      op,
      workerId: "w",
      signal: new AbortController().signal,
      onEvent: () => undefined,
      deps: { cloud, refreshInventory: async () => undefined, pollMs: 10, timeoutMs: 1000 },
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/No machine image for eu-west-1 to launch 1\.6\.99 on: no node is replaced/);
    expect(cloud.terminateCalls).toEqual([]);
  });

  it("rolls back each region to the image its nodes ran there", async () => {
    const { ds, op } = await twoRegionReplacement();
    await targetAt(
      ds.id,
      op.id,
      "rolling-back",
      { imageIds: { "us-east-1": EAST, "eu-west-1": WEST }, imageId: null },
      {
        fromImageIds: { "us-east-1": "ami-0old00000000000e1", "eu-west-1": "ami-0old00000000000f1" },
      },
    );
    expect(await campaignLaunchOf(db(), op.id)).toEqual({
      engineVersion: "1.6.21",
      imageIds: { "us-east-1": "ami-0old00000000000e1", "eu-west-1": "ami-0old00000000000f1" },
    });
  });

  it("uses the one image of a release, or a target, from before images were per region for every region, as it did then", async () => {
    const legacy = await twoRegionReplacement();
    await targetAt(legacy.ds.id, legacy.op.id, "canary", { imageIds: null, imageId: "ami-0legacy0000000001" });
    expect(await campaignLaunchOf(db(), legacy.op.id)).toEqual({
      engineVersion: "1.6.99",
      imageIds: { "us-east-1": "ami-0legacy0000000001", "eu-west-1": "ami-0legacy0000000001" },
    });

    const rollback = await twoRegionReplacement();
    await targetAt(
      rollback.ds.id,
      rollback.op.id,
      "rolling-back",
      { imageIds: { "us-east-1": EAST }, imageId: null },
      { fromImageId: "ami-0old0000000000001" },
    );
    expect((await campaignLaunchOf(db(), rollback.op.id))?.imageIds).toEqual({ "us-east-1": "ami-0old0000000000001", "eu-west-1": "ami-0old0000000000001" });

    // Nothing recorded at all: the image the terminated node ran.
    const unknown = await twoRegionReplacement();
    await targetAt(unknown.ds.id, unknown.op.id, "rolling-back", { imageIds: { "us-east-1": EAST }, imageId: null });
    expect(await campaignLaunchOf(db(), unknown.op.id)).toEqual({ engineVersion: "1.6.21", imageIds: null });
  });
});
