// GET /api/health — the probe for load balancers and orchestrators: a real write-path check (a transaction that
// takes the database's write lock and changes nothing, within a deadline) and the data directory's free space.
// Issue 10.1: when writes wedged, reads and sign-in still answered, so a probe that only read said "healthy".
import { Client } from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { HealthSchema } from "@/lib/schemas/health";
import { holdSqliteLock, type Child } from "../support/faults";
import { BASE, expectProblem } from "./support";

const kind = inject("dbTemplate").kind;
const probe = () => GET(new Request(`${BASE}/api/health`));
const holders: Child[] = [];
afterEach(() => {
  for (const h of holders.splice(0)) h.kill();
});

/** Another process (SQLite) or connection (PostgreSQL) holds the write lock until `release` is called. */
async function holdWriteLock(): Promise<{ release: () => Promise<void> }> {
  const url = process.env.DATABASE_URL ?? "";
  if (kind === "sqlite") {
    const holder = holdSqliteLock(url.replace(/^file:/, ""), "write");
    holders.push(holder);
    await holder.line(/^locked$/);
    return {
      release: async () => {
        holder.kill();
        await holder.exited;
      },
    };
  }
  const other = new Client({ connectionString: url });
  await other.connect();
  // What a migration does: an exclusive lock on a table every write path may need.
  await other.query("BEGIN");
  await other.query('LOCK TABLE "teams" IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await other.query("ROLLBACK");
      await other.end();
    },
  };
}

describe("GET /api/health", () => {
  it("answers 200 with each check when the database takes writes, without credentials and never cached", async () => {
    const res = await probe();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = HealthSchema.parse(await res.json());
    expect(body.status).toBe("ok");
    expect(body.checks.map((c) => [c.name, c.status])).toEqual([
      ["database-write", "ok"],
      ["data-dir", "ok"],
    ]);
  });

  it("answers 503 naming the database while another process holds the write lock, and 200 again once it lets go", async () => {
    const lock = await holdWriteLock();
    const during = await probe();
    const problem = await expectProblem(during, 503);
    expect(problem.code).toBe("service_unavailable");
    expect(problem.detail).toMatch(/database/i);
    await lock.release();
    // The probe that found the lock left its write check waiting on it (never more than one in flight: a stuck
    // check is itself the answer); once that check has given up, the next probe checks afresh and passes. Under a
    // loaded machine that can take a moment after the release, so probe until it answers, as a monitor would.
    let after = await probe();
    for (let i = 0; i < 50 && after.status === 503; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      after = await probe();
    }
    expect(after.status, await after.clone().text()).toBe(200);
  });
});
