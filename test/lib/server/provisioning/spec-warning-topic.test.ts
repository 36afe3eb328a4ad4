// The owning team's warning channel reaches the provisioning spec (and so the alarms' routing, infra/alarms.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { DATASTORE_INCLUDE } from "@/lib/server/datastores/datastore-dto";
import { specHash, specOfDatastore } from "@/lib/server/provisioning/spec";
import { makeTeam } from "../../../support/actors";
import { makeDatastore } from "../../../support/datastores";

describe("the provisioning spec", () => {
  it("carries the team's warning topic when it has one, so setting it changes the spec (and the next apply routes warnings there)", async () => {
    const team = await makeTeam();
    const { id } = await makeDatastore({ teamId: team.id });
    const before = specOfDatastore(await db().datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE }));
    expect(before.warningTopicArn).toBeUndefined();
    const topic = "arn:aws:sns:us-east-1:123456789012:streaming-warnings";
    await db().team.update({ where: { id: team.id }, data: { warningTopicArn: topic } });
    const after = specOfDatastore(await db().datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE }));
    expect(after.warningTopicArn).toBe(topic);
    expect(specHash(after)).not.toBe(specHash(before));
  });
});
