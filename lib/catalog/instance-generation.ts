// Current or previous generation, for an instance type. AWS: "Current generation instance types are typically the
// latest two to three generations in each instance family" (EC2 API reference, InstanceRequirements.
// InstanceGenerations). The rule here: a type is current when its generation number is one of the three newest that
// its class (the letters before the number: m, r, c, i…) has in the catalogue — generations that exist, since AWS
// skips numbers (i3, i4i, i7i: no i5 or i6) — so m6/m7/m8 make m5d previous, and a new family in the catalogue ages
// the old ones without an edit here. A type the catalogue's classes do not know is "unknown".
import { shapes } from "./index";

export type InstanceGeneration = "current" | "previous" | "unknown";

/** How many of a class's newest generations (present in the catalogue) count as current. */
export const CURRENT_GENERATIONS = 3;

/** m6id.xlarge → { series: "m", generation: 6 }; null for a name of another form. */
export function parseInstanceType(instanceType: string): { series: string; generation: number } | null {
  const m = /^([a-z]+)(\d+)[a-z-]*\./.exec(instanceType);
  return m?.[1] && m[2] ? { series: m[1], generation: Number(m[2]) } : null;
}

/** Per class, the oldest generation that is still current. */
let oldestCurrent: Map<string, number> | undefined;
function oldestCurrentGeneration(series: string): number | undefined {
  if (!oldestCurrent) {
    const generations = new Map<string, Set<number>>();
    for (const name of Object.keys(shapes.instances)) {
      const p = parseInstanceType(name);
      if (p) generations.set(p.series, (generations.get(p.series) ?? new Set()).add(p.generation));
    }
    oldestCurrent = new Map(
      [...generations].map(([s, g]) => [
        s,
        [...g]
          .sort((a, b) => b - a)
          .slice(0, CURRENT_GENERATIONS)
          .at(-1) ?? 0,
      ]),
    );
  }
  return oldestCurrent.get(series);
}

export function instanceGeneration(instanceType: string): InstanceGeneration {
  const p = parseInstanceType(instanceType);
  const oldest = p ? oldestCurrentGeneration(p.series) : undefined;
  if (!p || oldest === undefined) return "unknown";
  return p.generation >= oldest ? "current" : "previous";
}
