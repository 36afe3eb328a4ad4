// What the worker's loops (operations, webhook deliveries, inventory refreshes) share: a nap between polls that work
// arriving or a stop cuts short, waiters for "nothing to do", and a chore run at start-up and then every so often.
import "server-only";
import { errorFields, log } from "./log";

export interface Pacing {
  /** Sleeps up to `ms`; wake() ends it early. */
  nap(ms: number): Promise<void>;
  wake(): void;
  /** Resolves the next time the loop calls settled(): it found nothing to do. */
  idle(): Promise<void>;
  settled(): void;
}

/** keepAlive: the nap holds the process open (the worker's own loop does; its sibling loops need not). */
export function loopPacing({ keepAlive = false }: { keepAlive?: boolean } = {}): Pacing {
  let wake: (() => void) | undefined;
  let waiters: (() => void)[] = [];
  return {
    nap: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        if (!keepAlive) timer.unref?.();
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      }),
    wake: () => wake?.(),
    idle: () => new Promise<void>((resolve) => waiters.push(resolve)),
    settled() {
      const now = waiters;
      waiters = [];
      for (const w of now) w();
    },
  };
}

/**
 * A chore as a worker runs it: at start-up and then every `everyMs` (0: never), between polls, never twice at once,
 * and a failure logged (the next run tries again) rather than stopping the worker.
 */
export function choreSchedule(what: string, everyMs: number, workerId: string, run: () => Promise<void>): { runWhenDue: () => Promise<void> } {
  let nextAt = 0;
  return {
    async runWhenDue() {
      if (everyMs <= 0 || Date.now() < nextAt) return;
      nextAt = Date.now() + everyMs;
      try {
        await run();
      } catch (error) {
        log.error(`${what} failed; it runs again later`, { workerId, error: errorFields(error) });
      }
    },
  };
}
