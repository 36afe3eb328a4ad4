import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { Prefetched } from "./prefetch";
import { dashboardFills } from "./prefetch-fills";
import { requireActor } from "./require-actor";
import { getMe } from "@/lib/server/access/get-me";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor("/");
  const me = await getMe({ actor });
  return (
    <Prefetched actor={actor} me={me} fills={dashboardFills(me)}>
      <Dashboard />
    </Prefetched>
  );
}
