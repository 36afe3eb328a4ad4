// First-start seed (run by `npm start` after the migrations): the first administrator and the demo data.
// Prints a password only when this run created the account and chose the password — once; it is not stored.
// Run with the react-server condition (lib/server modules import "server-only"):
//   tsx --conditions=react-server scripts/seed.ts
import { env } from "../lib/env";
import { seedPortal, DEMO_PASSWORD } from "../lib/server/bootstrap/seed";
import { db } from "../lib/server/db/client";

async function main(): Promise<void> {
  const demo = env.DEMO_SEED === "1" ? "fixed" : env.DEMO_SEED === "0" ? "none" : "random";
  const result = await seedPortal({ adminEmail: env.ADMIN_EMAIL, adminPassword: env.ADMIN_PASSWORD, demo });
  if (result.accounts.length === 0 && result.teams.length === 0) {
    console.log("[seed] nothing to do: the administrator and demo data exist");
    return;
  }
  const lines = ["", "[seed] created:"];
  if (result.teams.length > 0) lines.push(`  teams: ${result.teams.join(", ")}`);
  for (const a of result.accounts) {
    const password = a.password ?? (demo === "fixed" && !a.isAdmin ? `${DEMO_PASSWORD} (DEMO_SEED=1)` : "(from ADMIN_PASSWORD)");
    lines.push(`  ${a.isAdmin ? "admin " : "person"}  ${a.email.padEnd(28)} password: ${password}`);
  }
  if (result.accounts.some((a) => a.password)) lines.push("  These one-time passwords are shown only now; keep them somewhere safe.");
  console.log(lines.join("\n") + "\n");
}

main()
  .then(() => db().$disconnect())
  .catch(async (error: unknown) => {
    console.error("[seed] failed:", error instanceof Error ? error.message : error);
    await db()
      .$disconnect()
      .catch(() => undefined);
    process.exit(1);
  });
