// Current or previous generation, for an instance type or family. AWS: "Current generation instance types are
// typically the latest two to three generations in each instance family" (EC2 API reference, InstanceRequirements.
// InstanceGenerations); m4, r4, c4 are on its previous-generation page (aws.amazon.com/ec2/previous-generation). The
// rule here: a type is current when its generation number is one of the three newest that its class (the letters
// before the number: m, r, c, i…) has in the catalogue — generations that exist, since AWS skips numbers (i3, i4i,
// i7i: no i5 or i6) — so m6/m7/m8 make m5d previous, and a new family in the catalogue ages the old ones without an
// edit here. A type whose class the catalogue does not know is "unknown": the fleet page never flags what it cannot
// reason about. The fleet page's flag and runway's "modernise" use this one rule.
import { shapes } from "./index";

export const INSTANCE_GENERATIONS = ["current", "previous", "unknown"] as const;
export type InstanceGeneration = (typeof INSTANCE_GENERATIONS)[number];

/** How many of a class's newest generations (present in the catalogue) count as current. */
export const CURRENT_GENERATIONS = 3;

/** m6id.xlarge or m6id → { series: "m", generation: 6 }; null for a name of another form. */
export function parseInstanceType(instanceTypeOrFamily: string): { series: string; generation: number } | null {
  const m = /^([a-z]+)(\d+)[a-z-]*(?:\.|$)/.exec(instanceTypeOrFamily);
  return m?.[1] && m[2] ? { series: m[1], generation: Number(m[2]) } : null;
}

/** The same parse, by the name the fleet code reads it with. */
export const parseFamily = parseInstanceType;

/** The instance family of a type name: the part before the dot (m8id.2xlarge → m8id). */
export function familyOfType(instanceType: string): string {
  const dot = instanceType.indexOf(".");
  return dot < 0 ? instanceType : instanceType.slice(0, dot);
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

export function instanceGeneration(instanceTypeOrFamily: string): InstanceGeneration {
  const p = parseInstanceType(instanceTypeOrFamily);
  const oldest = p ? oldestCurrentGeneration(p.series) : undefined;
  if (!p || oldest === undefined) return "unknown";
  return p.generation >= oldest ? "current" : "previous";
}

/** The current families of the catalogue (what a modernisation may move to). */
export function currentFamilies(): string[] {
  const families = new Set(Object.keys(shapes.instances).map(familyOfType));
  return [...families].filter((f) => instanceGeneration(f) === "current").sort();
}
