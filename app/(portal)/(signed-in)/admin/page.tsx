import type { Metadata } from "next";
import { AdminPage } from "@/components/admin/admin-page";
import { Prefetched } from "../prefetch";
import { prefetchAdmin } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Administration" };

export default async function AdministrationPage() {
  const actor = await requireActor("/admin");
  return (
    <Prefetched actor={actor} fills={actor.isAdmin ? [prefetchAdmin] : []}>
      <div className="page">
        <div className="page-head">
          <h1>Administration</h1>
          <p className="lead">People, teams and who holds which role where.</p>
        </div>
        <AdminPage />
      </div>
    </Prefetched>
  );
}
