// Reading a DTO's `actions` in tests: which are allowed, name → boolean (the reasons are asserted where they matter).
import type { Action } from "@/lib/schemas/actions";

export function can<K extends string>(actions: Record<K, Action>): Record<K, boolean> {
  return Object.fromEntries(Object.entries<Action>(actions).map(([name, a]) => [name, a.allowed])) as Record<K, boolean>;
}
