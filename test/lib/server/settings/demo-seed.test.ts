// DEMO_SEED=1 stores organisation settings the simulated engine can provision the walkthrough with: three regions,
// complete for every family, and a stored passphrase — once, and never over settings an admin saved.
import { describe, expect, it } from "vitest";
import { FAMILIES } from "@/lib/schemas/plan";
import { DEMO_PULUMI_PASSPHRASE, DEMO_SETTINGS_REGIONS, seedPortal } from "@/lib/server/bootstrap/seed";
import { db } from "@/lib/server/db/client";
import { loadOrgSettings, missingSettings, resolvePulumiBackend } from "@/lib/server/settings/provisioning-settings";
import { specFor, specForWorkload, USE_CASE_BY_FAMILY } from "../../../infra/fixtures";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";

describe("demo organisation settings", () => {
  it("are not stored without DEMO_SEED=1", async () => {
    await seedPortal({ demo: "random" });
    expect(await db().orgSetting.count()).toBe(0);
  });

  it("cover us-east-1, us-west-2 and eu-west-1 for every family, with the documented stored passphrase", async () => {
    await seedPortal({ demo: "fixed" });
    const org = await loadOrgSettings(db());
    expect(Object.keys(org.regions).sort()).toEqual([...DEMO_SETTINGS_REGIONS].sort());
    for (const region of DEMO_SETTINGS_REGIONS) {
      const s = org.regions[region];
      expect(s).toMatchObject({
        vpcId: expect.stringMatching(/^vpc-[0-9a-f]{17}$/),
        instanceProfileName: "datastore-node",
        allowedCidrs: ["10.0.0.0/8"],
        alarmTopicArn: `arn:aws:sns:${region}:123456789012:datastore-alarms`,
      });
      expect(Object.keys(s?.subnets ?? {})).toEqual(["a", "b", "c"].map((z) => `${region}${z}`));
      expect(Object.keys(s?.imageIds ?? {}).sort()).toEqual([...FAMILIES].sort());
    }
    expect(await resolvePulumiBackend(db())).toMatchObject({ passphrase: DEMO_PULUMI_PASSPHRASE });
    const row = await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } });
    expect(row.passphraseSource).toEqual({ source: "stored" });
    expect(row.passphraseCipher).not.toContain(DEMO_PULUMI_PASSPHRASE);

    // Every family's canonical use case, planned in the demo regions, can be provisioned.
    for (const family of FAMILIES)
      expect(missingSettings(specFor(USE_CASE_BY_FAMILY[family], { regions: ["us-east-1", "eu-west-1"] }), org), family).toEqual([]);
    const [first] = CANONICAL_USE_CASES;
    if (first) expect(missingSettings(specForWorkload(first.workload, { regions: ["us-west-2"] }), org)).toEqual([]);
  });

  it("are stored once: a second run changes nothing, and an admin's settings are never overwritten", async () => {
    const before = await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } });
    const audits = await db().auditEvent.count({ where: { subjectType: "settings" } });
    expect(audits).toBe(1);
    await seedPortal({ demo: "fixed" });
    expect(await db().orgSetting.findUniqueOrThrow({ where: { id: "org" } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { subjectType: "settings" } })).toBe(1);

    await db().orgSetting.update({
      where: { id: "org" },
      data: { regions: {}, passphraseSource: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE" }, passphraseCipher: null, version: { increment: 1 } },
    });
    await seedPortal({ demo: "fixed" });
    expect(await loadOrgSettings(db())).toEqual({ regions: {} });
  });
});
