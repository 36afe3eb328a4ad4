// What the caller may do with a resource now, and why not: one shape for the `actions` of every DTO (requests,
// datastores, changes, operations, the review queue, /me). The server decides; the browser renders it — a button
// enabled, or disabled (or left out) with `reason` as its explanation — and never works the rule out itself.
import { z } from "zod";

export const ACTION_DENIALS = ["forbidden", "conflict"] as const;

export const ActionSchema = z.strictObject({
  allowed: z.boolean(),
  /**
   * Why not, for a person to read (absent when allowed). Asking anyway answers a problem with this `detail` and
   * `code`.
   */
  reason: z.string().optional(),
  /**
   * The problem code asking anyway answers (absent when allowed): forbidden (403) — not this caller's to do;
   * conflict (409) — not now, in this state.
   */
  code: z.enum(ACTION_DENIALS).optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** The `actions` object of a DTO: one Action per name. */
export function actionsSchema<const K extends string>(names: readonly K[]) {
  return z.strictObject(Object.fromEntries(names.map((n) => [n, ActionSchema])) as Record<K, typeof ActionSchema>);
}
