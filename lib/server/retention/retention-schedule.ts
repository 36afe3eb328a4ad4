// Retention as the worker runs it: at start-up and then every `everyMs`, between polls, never twice at once, and a
// failure logged (the next run tries again) rather than stopping the worker.
import "server-only";
import { errorFields, log } from "../log";
import { RETENTION, runRetention } from "./run-retention";

export { RETENTION };

export function retentionSchedule(everyMs: number, workerId: string): { runWhenDue: () => Promise<void> } {
  let nextAt = 0;
  return {
    async runWhenDue() {
      if (everyMs <= 0 || Date.now() < nextAt) return;
      nextAt = Date.now() + everyMs;
      try {
        const result = await runRetention();
        if (Object.values(result).some((n) => n > 0)) log.info("retention ran", { workerId, ...result });
      } catch (error) {
        log.error("retention failed; it runs again later", { workerId, error: errorFields(error) });
      }
    },
  };
}
