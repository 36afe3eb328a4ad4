import type { Metadata } from "next";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AdminPage } from "@/components/admin/admin-page";
import { Prefetched } from "../prefetch";
import { prefetchAdmin } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Administration" };

export default async function AdministrationPage() {
  const actor = await requireActor("/admin");
  // Decided here, before any admin data is asked for: the API would refuse it (403) and the page would show errors.
  if (!actor.isAdmin) {
    return (
      <Prefetched actor={actor}>
        <div className="page">
          <div className="page-head">
            <h1>Administration</h1>
          </div>
          <AdminForbidden />
        </div>
      </Prefetched>
    );
  }
  return (
    <Prefetched actor={actor} fills={[prefetchAdmin]}>
      <div className="page">
        <div className="page-head">
          <h1>Administration</h1>
          <p className="lead">People, teams and who holds which role where; the organisation&apos;s provisioning settings.</p>
        </div>
        <AdminPage />
      </div>
    </Prefetched>
  );
}
