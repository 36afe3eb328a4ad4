// What the at-risk list computed per datastore, kept for the minute it was computed in: at 200 datastores the list
// must not re-derive every alarm on every read. Injecting or ending an incident, or changing thresholds, forgets the
// datastore's entry so the list shows it at once.
import "server-only";
import type { AtRiskFinding } from "./at-risk-contract";

interface Entry {
  minute: number;
  /** A key of what the findings were computed from (thresholds, outputs): a change misses the cache. */
  fingerprint: string;
  findings: AtRiskFinding[];
}

const globalForCache = globalThis as unknown as { portalAtRiskCache?: Map<string, Entry> };
const cache = (globalForCache.portalAtRiskCache ??= new Map<string, Entry>());

export function cachedAtRisk(datastoreId: string, minute: number, fingerprint: string): AtRiskFinding[] | undefined {
  const e = cache.get(datastoreId);
  return e && e.minute === minute && e.fingerprint === fingerprint ? e.findings : undefined;
}

export function rememberAtRisk(datastoreId: string, minute: number, fingerprint: string, findings: AtRiskFinding[]): void {
  cache.set(datastoreId, { minute, fingerprint, findings });
}

export function forgetAtRisk(datastoreId?: string): void {
  if (datastoreId === undefined) cache.clear();
  else cache.delete(datastoreId);
}
