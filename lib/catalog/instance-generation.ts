// Current or previous generation, for an instance type. AWS: "Current generation instance types are typically the
// latest two to three generations in each instance family" (EC2 API reference, InstanceRequirements.
// InstanceGenerations). The rule here: a type is current when its generation number is within the three newest of its
// class (the letters before the number: m, r, c, i…) in the catalogue; so m8id makes m5d previous, and a new family
// in the catalogue ages the old ones without an edit here. A type the catalogue's classes do not know is "unknown".
import { shapes } from "./index";

export type InstanceGeneration = "current" | "previous" | "unknown";

/** How many of a class's newest generation numbers count as current. */
export const CURRENT_GENERATIONS = 3;

/** m6id.xlarge → { series: "m", generation: 6 }; null for a name of another form. */
export function parseInstanceType(instanceType: string): { series: string; generation: number } | null {
  const m = /^([a-z]+)(\d+)[a-z-]*\./.exec(instanceType);
  return m?.[1] && m[2] ? { series: m[1], generation: Number(m[2]) } : null;
}

let newest: Map<string, number> | undefined;
function newestGeneration(series: string): number | undefined {
  if (!newest) {
    newest = new Map();
    for (const name of Object.keys(shapes.instances)) {
      const p = parseInstanceType(name);
      if (p) newest.set(p.series, Math.max(newest.get(p.series) ?? 0, p.generation));
    }
  }
  return newest.get(series);
}

export function instanceGeneration(instanceType: string): InstanceGeneration {
  const p = parseInstanceType(instanceType);
  const top = p ? newestGeneration(p.series) : undefined;
  if (!p || top === undefined) return "unknown";
  return p.generation > top - CURRENT_GENERATIONS ? "current" : "previous";
}
