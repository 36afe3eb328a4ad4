// Which store family fits a workload, why, and why not the others.
import { FAMILIES, FAMILY_TITLES, type Companion, type Family, type RecommendationResult } from "../schemas/plan";
import { midOf, type Workload } from "../schemas/workload";
import { MODELS } from "./registry";

/** EVCache in front of Cassandra: share of reads the cache serves (the reference KV model's default). */
export const CACHE_HIT_RATE = 0.8;

/** SCM's rule for adding EVCache in front of Cassandra (key_value.py): > 250k reads/s, or > 100k/s at > 90% reads. */
export function cacheRuleHolds(reads: number, writes: number): boolean {
  const readShare = reads + writes > 0 ? reads / (reads + writes) : 0;
  return reads > 250_000 || (reads > 100_000 && readShare > 0.9);
}

/**
 * Companion stores that run beside the primary, as Netflix runs them: an EVCache tier in front of Cassandra for
 * eventual key-value work, and an Elasticsearch index beside Cassandra or the graph when the data must be
 * searchable. The cache is optional: wherever it is allowed the planner prices Cassandra with and without it and
 * keeps the cheaper design (a fixed read threshold made more load cost less when the cache switched on).
 */
export function companionsFor(family: Family, w: Workload): Companion[] {
  const out: Companion[] = [];
  const reads = midOf(w.readsPerSecond);
  const writes = midOf(w.writesPerSecond);
  const readShare = reads + writes > 0 ? reads / (reads + writes) : 0;
  const relaxed = w.consistency === "eventual" || w.consistency === "best-effort";
  if (family === "cassandra" && w.accessPattern === "key-value" && relaxed) {
    const usual = cacheRuleHolds(reads, writes);
    out.push({
      family: "evcache",
      role: "cache",
      optional: true,
      reasons: [
        `${reads.toLocaleString("en-US")} reads/s (${Math.round(readShare * 100)}% reads) with ${w.consistency} consistency: an EVCache tier in front can absorb ~${Math.round(CACHE_HIT_RATE * 100)}% of reads, so Cassandra is sized for the misses. The planner prices both designs and ranks the cheaper first${usual ? " (at this read rate the cache usually pays)" : ""}.`,
      ],
    });
  }
  const searchable = w.features?.includes("full-text") || (family === "graph" && w.features?.includes("secondary-indexes"));
  if ((family === "cassandra" || family === "graph") && searchable) {
    out.push({
      family: "elasticsearch",
      role: "index",
      reasons: [
        family === "graph"
          ? "Searchable graph: JanusGraph keeps its mixed (full-text, range) indexes in Elasticsearch."
          : "Full-text search is required: an Elasticsearch index beside Cassandra serves it, fed by the same writes.",
      ],
    });
  }
  return out;
}

export function recommend(w: Workload): RecommendationResult {
  const assessed = FAMILIES.map((family) => ({ family, ...MODELS[family].assess(w) }));
  const admissible = assessed.filter((a) => a.admissible).sort((a, b) => b.score - a.score || FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family));
  const rejected = assessed
    .filter((a) => !a.admissible)
    .map((a) => ({ family: a.family, reasons: a.against.length > 0 ? a.against : [`${FAMILY_TITLES[a.family]} cannot serve this workload.`] }));

  const warnings: string[] = [];
  if (admissible.length === 0) {
    warnings.push(
      w.consistency === "linearizable"
        ? `No family fits: none of the portal's stores offers linearizable consistency${w.regions.length > 1 ? " across regions" : ""}. Relax to read-your-writes (Cassandra LOCAL_QUORUM), or talk to the data-platform team about a consensus store.`
        : "No family fits this workload; see the reasons for each family, or talk to the data-platform team.",
    );
  }
  const recommendations = admissible.map((a, i) => {
    const companions = i === 0 ? companionsFor(a.family, w) : [];
    const pickWarnings = [...a.against];
    const top = admissible[0];
    if (i > 0 && top && pickWarnings.length === 0) {
      pickWarnings.push(`Could serve this workload, but ${FAMILY_TITLES[top.family]} fits it better (score ${top.score} against ${a.score}).`);
    }
    if (i === 0 && a.score < 50) pickWarnings.push(`A weak fit (score ${a.score}): consider asking the data-platform team before requesting it.`);
    return { family: a.family, score: a.score, reasons: a.reasons, companions, warnings: pickWarnings };
  });
  return { recommendations, rejected, warnings };
}
