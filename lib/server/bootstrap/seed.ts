// First-start seed: the first administrator, and the demo teams and people of the walkthrough. Idempotent — it
// only creates what is missing and never changes an existing account, so it runs on every start.
import "server-only";
import type { TeamRole } from "@/lib/schemas/access";
import { createLocalAccount, generatePassword } from "../access/local-account";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";

export const DEFAULT_ADMIN_EMAIL = "admin@portal.local";
/** The demo people's password with DEMO_SEED=1 (documented in the README; walkthroughs and browser tests only). */
export const DEMO_PASSWORD = "demo-walkthrough";

export const DEMO_TEAMS = [
  { slug: "data-platform", name: "Data Platform" },
  { slug: "streaming", name: "Streaming" },
] as const;

export const DEMO_PEOPLE: readonly { email: string; name: string; team: (typeof DEMO_TEAMS)[number]["slug"]; role: TeamRole }[] = [
  { email: "rita@portal.local", name: "Rita Reviewer", team: "data-platform", role: "reviewer" },
  { email: "mo@portal.local", name: "Mo Member", team: "streaming", role: "member" },
  { email: "sam@portal.local", name: "Sam Member", team: "streaming", role: "member" },
];

export interface SeedOptions {
  adminEmail?: string | undefined;
  /** Unset: a random one-time password, returned once. */
  adminPassword?: string | undefined;
  /** "fixed": the demo people share DEMO_PASSWORD; "random": each gets a one-time password; "none": no demo data. */
  demo: "fixed" | "random" | "none";
}

export interface SeedResult {
  /** Accounts created by this run, with the password when the seed chose it (print it once; it is not stored). */
  accounts: { email: string; password: string | null; isAdmin: boolean }[];
  teams: string[];
}

async function ensureAccount(tx: Tx, result: SeedResult, p: { email: string; name: string; isAdmin: boolean; password: string | undefined }) {
  const existing = await tx.user.findUnique({ where: { email: p.email } });
  if (existing) return existing;
  const password = p.password ?? generatePassword();
  const user = await createLocalAccount(tx, { name: p.name, email: p.email, password, isAdmin: p.isAdmin });
  await audit(tx, null, { action: "user.created", subjectType: "user", subjectId: user.id, detail: { email: user.email, isAdmin: user.isAdmin, seeded: true } });
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
        const user = await ensureAccount(tx, result, { email: p.email, name: p.name, isAdmin: false, password: opts.demo === "fixed" ? DEMO_PASSWORD : undefined });
        const teamId = teamIds.get(p.team) ?? "";
        if (await tx.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId } } })) continue;
        await tx.membership.create({ data: { userId: user.id, teamId, role: p.role } });
        await audit(tx, null, { action: "membership.added", subjectType: "team", subjectId: teamId, teamId, detail: { userId: user.id, role: p.role, seeded: true } });
      }
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
