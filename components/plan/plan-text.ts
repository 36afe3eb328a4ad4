// Small words and numbers the plan display shares: what sized a plan, and how a cost compares with another.
import type { Plan } from "@/lib/schemas";
import { formatUsd } from "@/components/ui/format";

const RESOURCE_WORDS = {
  cpu: "CPU",
  memory: "memory",
  disk: "disk capacity",
  network: "network",
  iops: "disk IOPS",
  minimum: "the minimum cluster size",
} as const satisfies Record<Plan["bottleneck"], string>;

/** What set the plan's size, in words: the planner's driver, or for plans pinned before it existed the resource. */
export function sizedByText(plan: Pick<Plan, "driver" | "bottleneck">): string {
  return plan.driver?.text ?? RESOURCE_WORDS[plan.bottleneck];
}

const MINUS = "\u2212";

/** "+$3,990 (+9%)" or "−$1,250 (−3%)": one sign, typographic minus, the share of `base`. */
export function formatCostDelta(delta: number, base: number): string {
  const sign = delta < 0 ? MINUS : "+";
  const share = base > 0 ? `${sign}${Math.round((Math.abs(delta) / base) * 100)}%` : "—";
  return `${sign}${formatUsd(Math.abs(delta))} (${share})`;
}
