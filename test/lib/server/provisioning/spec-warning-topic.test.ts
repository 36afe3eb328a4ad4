// What reaches the provisioning spec besides the catalog's fields: the owning team's warning channel (and so the
// alarms' routing, infra/alarms.ts), and the images (one per region) an upgrade campaign's release put on the stack.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { queueReleasePreview, ReleaseImageMissing } from "@/lib/server/campaigns/campaign-steps";
import { createRelease } from "@/lib/server/campaigns/releases";
import { db } from "@/lib/server/db/client";
import { DATASTORE_INCLUDE } from "@/lib/server/datastores/datastore-dto";
import { parseStoredSpec, specHash, specOfDatastore } from "@/lib/server/provisioning/spec";
import { makeTeam } from "../../../support/actors";
import { makeDatastore } from "../../../support/datastores";
import { makeProvisionedDatastore } from "../../../support/fleet";

const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

const read = (id: string) => db().datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE });

describe("the provisioning spec", () => {
  it("carries the team's warning topic when it has one, so setting it changes the spec (and the next apply routes warnings there)", async () => {
    const team = await makeTeam();
    const { id } = await makeDatastore({ teamId: team.id });
    const before = specOfDatastore(await read(id));
    expect(before.warningTopicArn).toBeUndefined();
    const topic = "arn:aws:sns:us-east-1:123456789012:streaming-warnings";
    await db().team.update({ where: { id: team.id }, data: { warningTopicArn: topic } });
    const after = specOfDatastore(await read(id));
    expect(after.warningTopicArn).toBe(topic);
    expect(specHash(after)).not.toBe(specHash(before));
  });

  it("gives a release's preview (which the rollout's up confirms) the release's engine version and each region's own image", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    expect(ds.regions).toEqual(["us-east-1", "eu-west-1"]);
    const imageIds = { "us-east-1": "ami-0fedcba9876543210", "eu-west-1": "ami-0123456789abcdef0", "ap-south-1": "ami-0aaaaaaaaaaaaaaa1" };
    const release = await createRelease({ actor: admin, input: { family: "dynomite", engineVersion: "0.8.9", imageIds } });
    const row = await db().familyRelease.findUniqueOrThrow({ where: { id: release.id } });
    const preview = await db().$transaction((tx) => queueReleasePreview(tx, ds.id, row, admin));
    const spec = parseStoredSpec(preview.spec);
    // The datastore's regions only, each with its own AMI.
    expect(spec).toMatchObject({ engineVersion: "0.8.9", imageIds: { "us-east-1": "ami-0fedcba9876543210", "eu-west-1": "ami-0123456789abcdef0" } });
    expect(Object.keys(spec.imageIds ?? {}).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(spec.imageId).toBeUndefined();
    // Only the preview: the catalog's spec changes when an up applied it.
    expect(specOfDatastore(await read(ds.id)).imageIds).toBeUndefined();
  });

  it("queues no preview when the release has no image for one of the datastore's regions, naming it", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    const release = await createRelease({
      actor: admin,
      input: { family: "dynomite", engineVersion: "0.8.10", imageIds: { "us-east-1": "ami-0fedcba9876543210" } },
    });
    const row = await db().familyRelease.findUniqueOrThrow({ where: { id: release.id } });
    const error = await db()
      .$transaction((tx) => queueReleasePreview(tx, ds.id, row, admin))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseImageMissing);
    expect((error as ReleaseImageMissing).regions).toEqual(["eu-west-1"]);
    expect(await db().operation.count({ where: { datastoreId: ds.id } })).toBe(0);
  });

  it("keeps the images the stack's last up applied (its outputs say them), so a later up does not revert the release", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    const before = specOfDatastore(await read(ds.id));
    expect(before.imageIds).toBeUndefined();
    // As finishOperation stores a successful up's outputs: the program's, with the spec's images per region — and
    // one of a region the datastore no longer has, which the next spec leaves out.
    const imageIds = { "us-east-1": "ami-0fedcba9876543210", "eu-west-1": "ami-0123456789abcdef0", "us-west-2": "ami-0bbbbbbbbbbbbbbb1" };
    await db().datastore.update({ where: { id: ds.id }, data: { outputs: { ...(ds.outputs as object), imageIds }, engineVersion: "0.8.9" } });
    const after = specOfDatastore(await read(ds.id));
    expect(after).toMatchObject({ engineVersion: "0.8.9", imageIds: { "us-east-1": "ami-0fedcba9876543210", "eu-west-1": "ami-0123456789abcdef0" } });
    expect(after.imageIds).not.toHaveProperty("us-west-2");
    expect(specHash(after)).not.toBe(specHash(before));
  });

  it("keeps a stack's one image from before images were per region, for every region, until a release gives it per-region images", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    await db().datastore.update({ where: { id: ds.id }, data: { outputs: { ...(ds.outputs as object), imageId: "ami-0fedcba9876543210" } } });
    expect(specOfDatastore(await read(ds.id))).toMatchObject({ imageId: "ami-0fedcba9876543210" });
    const release = await createRelease({
      actor: admin,
      input: { family: "dynomite", engineVersion: "0.8.11", imageIds: { "us-east-1": "ami-0111111111111111a", "eu-west-1": "ami-0222222222222222b" } },
    });
    const row = await db().familyRelease.findUniqueOrThrow({ where: { id: release.id } });
    const preview = parseStoredSpec((await db().$transaction((tx) => queueReleasePreview(tx, ds.id, row, admin))).spec);
    expect(preview.imageId).toBeUndefined();
    expect(preview.imageIds).toEqual({ "us-east-1": "ami-0111111111111111a", "eu-west-1": "ami-0222222222222222b" });
  });
});
