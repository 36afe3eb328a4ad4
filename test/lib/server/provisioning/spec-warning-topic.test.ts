// What reaches the provisioning spec besides the catalog's fields: the owning team's warning channel (and so the
// alarms' routing, infra/alarms.ts), and the image an upgrade campaign's release put on the stack.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { queueReleasePreview } from "@/lib/server/campaigns/campaign-steps";
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

  it("gives a release's preview (which the rollout's up confirms) the release's engine version and image", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    const release = await createRelease({ actor: admin, input: { family: "dynomite", engineVersion: "0.8.9", imageId: "ami-0fedcba9876543210" } });
    const row = await db().familyRelease.findUniqueOrThrow({ where: { id: release.id } });
    const preview = await db().$transaction((tx) => queueReleasePreview(tx, ds.id, row, admin));
    expect(parseStoredSpec(preview.spec)).toMatchObject({ engineVersion: "0.8.9", imageId: "ami-0fedcba9876543210" });
    // Only the preview: the catalog's spec changes when an up applied it.
    expect(specOfDatastore(await read(ds.id)).imageId).toBeUndefined();
  });

  it("keeps the image the stack's last up applied (its outputs say it), so a later up does not revert the release", async () => {
    const team = await makeTeam();
    const ds = await makeProvisionedDatastore({ teamId: team.id, family: "dynomite" });
    const before = specOfDatastore(await read(ds.id));
    expect(before.imageId).toBeUndefined();
    // As finishOperation stores a successful up's outputs: the program's, with the spec's image override.
    const outputs = { ...(ds.outputs as object), imageId: "ami-0fedcba9876543210" };
    await db().datastore.update({ where: { id: ds.id }, data: { outputs, engineVersion: "0.8.9" } });
    const after = specOfDatastore(await read(ds.id));
    expect(after).toMatchObject({ engineVersion: "0.8.9", imageId: "ami-0fedcba9876543210" });
    expect(specHash(after)).not.toBe(specHash(before));
  });
});
