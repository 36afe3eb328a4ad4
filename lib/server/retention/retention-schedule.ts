// Retention as the worker runs it: a chore (lib/server/loop-pacing.ts) at start-up and then every `everyMs`.
import "server-only";
import { log } from "../log";
import { choreSchedule } from "../loop-pacing";
import { RETENTION, runRetention } from "./run-retention";

export { RETENTION };

export function retentionSchedule(everyMs: number, workerId: string): { runWhenDue: () => Promise<void> } {
  return choreSchedule("retention", everyMs, workerId, async () => {
    const result = await runRetention();
    if (Object.values(result).some((n) => n > 0)) log.info("retention ran", { workerId, ...result });
  });
}
