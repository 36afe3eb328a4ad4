// Current or previous generation of an EC2 instance family, from the families the catalogue knows: within a series
// (the letters before the generation digit: m, r, c, i …) the newest generation in the catalogue and the three
// before it are current; anything older is previous — m4, r4, c4, i3 are what AWS itself lists as previous
// generation (aws.amazon.com/ec2/previous-generation). A family of a series the catalogue does not know is not
// judged (current), so the fleet page never flags what it cannot reason about. Runway's "modernise" uses the same rule.
import { shapes } from "./index";

export const INSTANCE_GENERATIONS = ["current", "previous"] as const;
export type InstanceGeneration = (typeof INSTANCE_GENERATIONS)[number];

/** How many generations below the newest of its series a family may be and still count as current. */
const CURRENT_SPAN = 3;

/** m6id → { series: "m", generation: 6 }; i3en → { series: "i", generation: 3 }; null for names without a generation digit. */
export function parseFamily(family: string): { series: string; generation: number } | null {
  const m = /^([a-z]+)(\d+)/.exec(family);
  if (!m?.[1] || !m[2]) return null;
  return { series: m[1], generation: Number(m[2]) };
}

/** The instance family of a type name: the part before the dot (m8id.2xlarge → m8id). */
export function familyOfType(instanceType: string): string {
  const dot = instanceType.indexOf(".");
  return dot < 0 ? instanceType : instanceType.slice(0, dot);
}

const newestBySeries: ReadonlyMap<string, number> = (() => {
  const newest = new Map<string, number>();
  for (const name of Object.keys(shapes.instances)) {
    const p = parseFamily(familyOfType(name));
    if (p) newest.set(p.series, Math.max(newest.get(p.series) ?? 0, p.generation));
  }
  return newest;
})();

/** Whether an instance type (or a family) is of a previous generation. */
export function instanceGeneration(instanceTypeOrFamily: string): InstanceGeneration {
  const p = parseFamily(familyOfType(instanceTypeOrFamily));
  if (!p) return "current";
  const newest = newestBySeries.get(p.series);
  if (newest === undefined) return "current";
  return p.generation < newest - CURRENT_SPAN ? "previous" : "current";
}

/** The current families of the catalogue (what a modernisation may move to). */
export function currentFamilies(): string[] {
  const families = new Set(Object.keys(shapes.instances).map(familyOfType));
  return [...families].filter((f) => instanceGeneration(f) === "current").sort();
}
