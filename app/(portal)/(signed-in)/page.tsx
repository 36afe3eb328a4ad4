import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { reviewsAnyTeam } from "@/lib/server/auth/actor";
import { Prefetched } from "./prefetch";
import { prefetchDatastores, prefetchRequests, type Fill } from "./prefetch-fills";
import { requireActor } from "./require-actor";
import { getMe } from "@/lib/server/access/get-me";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor("/");
  const me = await getMe({ actor });
  const fills: Fill[] = me.teams.flatMap((t) => [prefetchRequests({ teamId: t.id }), prefetchDatastores({ team: t.slug })]);
  if (reviewsAnyTeam(actor)) fills.push(prefetchRequests({ status: "submitted" }));
  return (
    <Prefetched actor={actor} me={me} fills={fills}>
      <Dashboard />
    </Prefetched>
  );
}
