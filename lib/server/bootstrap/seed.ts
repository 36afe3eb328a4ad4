// First-start seed: the first administrator, and the demo teams, people and organisation settings of the
// walkthrough. Idempotent — it only creates what is missing and never changes an existing account or settings an
// admin saved, so it runs on every start.
import "server-only";
import type { TeamRole } from "@/lib/schemas/access";
import { OrgSettingsSchema, type OrgSettings, type RegionSettings } from "@/lib/schemas/org-settings";
import { FAMILIES } from "@/lib/schemas/plan";
import { createLocalAccount, generatePassword } from "../access/local-account";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { ORG_SETTINGS_ID } from "../settings/org-settings-row";
import { sealSecret } from "../settings/secret-box";

export const DEFAULT_ADMIN_EMAIL = "admin@portal.local";
/** The demo people's password with DEMO_SEED=1 (documented in the README; walkthroughs and browser tests only). */
export const DEMO_PASSWORD = "demo-walkthrough";

export const DEMO_TEAMS = [
  { slug: "data-platform", name: "Data Platform" },
  { slug: "streaming", name: "Streaming" },
] as const;

/** rita is a platform reviewer: the data-platform experts review every team's requests (a team role alone reviews that team's). */
export const DEMO_PEOPLE: readonly { email: string; name: string; team: (typeof DEMO_TEAMS)[number]["slug"]; role: TeamRole; platformReviewer?: true }[] = [
  { email: "rita@portal.local", name: "Rita Reviewer", team: "data-platform", role: "reviewer", platformReviewer: true },
  { email: "mo@portal.local", name: "Mo Member", team: "streaming", role: "member" },
  { email: "sam@portal.local", name: "Sam Member", team: "streaming", role: "member" },
];

/** The demo's stored Pulumi passphrase with DEMO_SEED=1 (documented in the README; never for real stacks). */
export const DEMO_PULUMI_PASSPHRASE = "demo-walkthrough-passphrase";
export const DEMO_SETTINGS_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;

/** Made-up but well-formed ids (hex, the right lengths): the simulated engine provisions demo datastores with them. */
function demoRegion(region: (typeof DEMO_SETTINGS_REGIONS)[number], n: number): RegionSettings {
  const zones = ["a", "b", "c"];
  return {
    vpcId: `vpc-0a1b2c3d4e5f6000${n}`,
    subnets: Object.fromEntries(zones.map((z, i) => [`${region}${z}`, `subnet-0a1b2c3d4e5f6${n}${i + 1}01`])),
    imageIds: Object.fromEntries(FAMILIES.map((f, i) => [f, `ami-0a1b2c3d4e5f6${n}${i + 1}01`])),
    instanceProfileName: "datastore-node",
    allowedCidrs: ["10.0.0.0/8"],
    alarmTopicArn: `arn:aws:sns:${region}:123456789012:datastore-alarms`,
  };
}

export function demoOrgSettings(): OrgSettings {
  // Parsed, so a typo here fails the seed's tests rather than a demo's first provisioning.
  return OrgSettingsSchema.parse({ regions: Object.fromEntries(DEMO_SETTINGS_REGIONS.map((r, i) => [r, demoRegion(r, i + 1)])) });
}

/** Demo settings only where none exist: an admin's saved settings are never overwritten. */
async function ensureDemoSettings(tx: Tx): Promise<void> {
  if (await tx.orgSetting.findUnique({ where: { id: ORG_SETTINGS_ID }, select: { id: true } })) return;
  const { regions } = demoOrgSettings();
  // Version 2, as any first save: "no settings" reads as version 1, so an ETag read before the seed goes stale.
  await tx.orgSetting.create({
    data: {
      id: ORG_SETTINGS_ID,
      regions,
      backendUrl: null,
      passphraseSource: { source: "stored" },
      passphraseCipher: sealSecret(DEMO_PULUMI_PASSPHRASE),
      version: 2,
      updatedBy: "system",
    },
  });
  await audit(tx, null, {
    action: "settings.updated",
    subjectType: "settings",
    subjectId: ORG_SETTINGS_ID,
    detail: { regions: { added: Object.keys(regions).sort(), removed: [], changed: [] }, passphrase: { source: "stored", changed: true }, seeded: true },
  });
}

export interface SeedOptions {
  adminEmail?: string | undefined;
  /** Unset: a random one-time password, returned once. */
  adminPassword?: string | undefined;
  /**
   * "fixed" (DEMO_SEED=1): the demo people share DEMO_PASSWORD, and demo organisation settings with a stored Pulumi
   * passphrase are added; "random": each person gets a one-time password; "none": no demo data.
   */
  demo: "fixed" | "random" | "none";
}

export interface SeedResult {
  /** Accounts created by this run, with the password when the seed chose it (print it once; it is not stored). */
  accounts: { email: string; password: string | null; isAdmin: boolean }[];
  teams: string[];
}

async function ensureAccount(
  tx: Tx,
  result: SeedResult,
  p: { email: string; name: string; isAdmin: boolean; platformReviewer?: boolean; password: string | undefined },
) {
  const existing = await tx.user.findUnique({ where: { email: p.email } });
  if (existing) return existing;
  const password = p.password ?? generatePassword();
  const user = await createLocalAccount(tx, { name: p.name, email: p.email, password, isAdmin: p.isAdmin, platformReviewer: p.platformReviewer ?? false });
  await audit(tx, null, {
    action: "user.created",
    subjectType: "user",
    subjectId: user.id,
    detail: { email: user.email, isAdmin: user.isAdmin, platformReviewer: user.platformReviewer, seeded: true },
  });
  result.accounts.push({ email: user.email, password: p.password === undefined ? password : null, isAdmin: p.isAdmin });
  return user;
}

async function seedOnce(opts: SeedOptions): Promise<SeedResult> {
  const result: SeedResult = { accounts: [], teams: [] };
  await db().$transaction(
    async (tx) => {
      const adminEmail = (opts.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
      await ensureAccount(tx, result, { email: adminEmail, name: "Portal Admin", isAdmin: true, password: opts.adminPassword });
      if (opts.demo === "none") return;
      const teamIds = new Map<string, string>();
      for (const t of DEMO_TEAMS) {
        let team = await tx.team.findUnique({ where: { slug: t.slug } });
        if (!team) {
          team = await tx.team.create({ data: { slug: t.slug, name: t.name } });
          await audit(tx, null, { action: "team.created", subjectType: "team", subjectId: team.id, teamId: team.id, detail: { slug: t.slug, seeded: true } });
          result.teams.push(t.slug);
        }
        teamIds.set(t.slug, team.id);
      }
      for (const p of DEMO_PEOPLE) {
        const user = await ensureAccount(tx, result, {
          email: p.email,
          name: p.name,
          isAdmin: false,
          platformReviewer: p.platformReviewer ?? false,
          password: opts.demo === "fixed" ? DEMO_PASSWORD : undefined,
        });
        const teamId = teamIds.get(p.team) ?? "";
        if (await tx.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId } } })) continue;
        await tx.membership.create({ data: { userId: user.id, teamId, role: p.role } });
        await audit(tx, null, {
          action: "membership.added",
          subjectType: "team",
          subjectId: teamId,
          teamId,
          detail: { userId: user.id, role: p.role, seeded: true },
        });
      }
      // DEMO_SEED=1 only: settings let the simulated engine provision the walkthrough's datastores.
      if (opts.demo === "fixed") await ensureDemoSettings(tx);
    },
    // Password hashing takes a moment per account; the default 5 s would be tight on a slow machine.
    { timeout: 60_000 },
  );
  return result;
}

/** Creates what is missing. Two instances starting at once meet at a unique index: the loser re-runs and finds it all. */
export async function seedPortal(opts: SeedOptions): Promise<SeedResult> {
  try {
    return await seedOnce(opts);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return seedOnce(opts);
  }
}
