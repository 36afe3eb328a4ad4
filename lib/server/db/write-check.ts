// The database's write path, checked for real: a transaction that takes the write lock and changes nothing, with a
// deadline. Reads and sign-in kept answering while every transactional write hung (issue 10.1), so a probe must
// go through the same transaction machinery a write does: the adapter's lock, BEGIN, a write statement, COMMIT.
import "server-only";
import { databaseTarget, db } from "./client";

/** How long the check may take before the write path counts as stuck. */
export const WRITE_CHECK_DEADLINE_MS = 2000;

export type WriteCheck = { ok: true; durationMs: number } | { ok: false; durationMs: number; reason: string };

const globalForCheck = globalThis as unknown as { portalWriteCheck?: { started: number; done: Promise<unknown> } };

function reasonOf(error: unknown): string {
  // Prisma's messages quote the whole call; the last line is the database's own reason.
  return (error instanceof Error ? error.message : String(error)).trim().split("\n").at(-1) ?? "unknown error";
}

async function noOpWrite(deadlineMs: number): Promise<void> {
  await db().$transaction(
    async (tx) => {
      // PostgreSQL: a lock wait beyond the deadline fails the statement instead of holding a pooled connection.
      if (databaseTarget.kind === "postgres") await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.ceil(deadlineMs)}`);
      // Takes the table's write lock (SQLite: the database's, already taken by BEGIN IMMEDIATE) and changes nothing.
      await tx.$executeRawUnsafe('UPDATE "teams" SET "slug" = "slug" WHERE 1 = 0');
    },
    { maxWait: deadlineMs, timeout: deadlineMs },
  );
}

/** Whether a write transaction can start and commit within `deadlineMs`; never more than one check in flight. */
export async function checkWritePath(deadlineMs = WRITE_CHECK_DEADLINE_MS): Promise<WriteCheck> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const previous = globalForCheck.portalWriteCheck;
  if (previous) {
    // A check that has not finished is itself the answer: do not pile more transactions onto a stuck write path.
    return {
      ok: false,
      durationMs: 0,
      reason: `the previous write check has not finished after ${Math.round((performance.now() - previous.started) / 1000)} s`,
    };
  }
  const done = noOpWrite(deadlineMs);
  const current = { started, done };
  globalForCheck.portalWriteCheck = current;
  const clear = () => {
    if (globalForCheck.portalWriteCheck === current) globalForCheck.portalWriteCheck = undefined;
  };
  done.then(clear, clear);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), deadlineMs)));
  try {
    const outcome = await Promise.race([done.then(() => "done" as const), deadline]);
    if (outcome === "deadline") return { ok: false, durationMs: elapsed(), reason: `a write transaction did not finish within ${deadlineMs} ms` };
    return { ok: true, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, durationMs: elapsed(), reason: reasonOf(error) };
  } finally {
    clearTimeout(timer);
  }
}
