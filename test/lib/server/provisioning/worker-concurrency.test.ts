// Two workers over one database (on PostgreSQL too, with `npm run test:pg`): every operation runs exactly once, and
// never two operations of one datastore at the same time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { eventsOf, provisionableDatastore, queue, settled, simulatedEngine, storeOrgSettings, tempDir } from "../../../support/provisioning";

const dataDir = tempDir();
const workers: Worker[] = [];

beforeAll(storeOrgSettings);
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceMs: 0 })));
});

describe("two workers", () => {
  it("run each of eight operations on four datastores exactly once, one at a time per datastore", async () => {
    const datastores = await Promise.all(Array.from({ length: 4 }, () => provisionableDatastore()));
    const ops = [];
    for (const ds of datastores) {
      const preview = await queue(ds.id, "preview", "provision");
      ops.push(preview, await queue(ds.id, "up", "provision", { previewId: preview.id }));
    }
    // Each worker with an engine of its own, as two processes would have.
    for (const id of ["worker-a", "worker-b"]) {
      workers.push(startWorker({ workerId: id, engine: await simulatedEngine(dataDir, 10), concurrency: 2, leaseMs: 10_000, pollMs: 10, dataDir }));
    }

    const rows = await Promise.all(ops.map((op) => settled(op.id, 60_000)));
    expect(rows.map((r) => r.status)).toEqual(ops.map(() => "succeeded"));
    for (const op of ops) {
      const events = await eventsOf(op.id);
      const running = events.filter((e) => e.data.type === "status" && e.data.status === "running");
      expect(running, `running events of ${op.id}`).toHaveLength(1);
      expect(
        events.filter((e) => e.data.type === "started"),
        `engine runs of ${op.id}`,
      ).toHaveLength(1);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
    for (const ds of datastores) {
      const mine = rows.filter((r) => r.datastoreId === ds.id).sort((x, y) => (x.startedAt?.getTime() ?? 0) - (y.startedAt?.getTime() ?? 0));
      // In queue order, and each started only after the one before it had finished.
      expect(mine.map((r) => r.kind)).toEqual(["preview", "up"]);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i - 1]?.finishedAt?.getTime()).toBeLessThanOrEqual(mine[i]?.startedAt?.getTime() ?? 0);
      }
      expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ status: "active", lockOperationId: null });
    }
    // Both took part: with two slots each and four datastores ready at once, neither could take all the work.
    expect(new Set(rows.map((r) => r.leaseOwner))).toEqual(new Set(["worker-a", "worker-b"]));
  });
});
