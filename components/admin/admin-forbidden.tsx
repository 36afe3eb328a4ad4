"use client";
import Link from "next/link";

/** What someone who is not a portal administrator sees instead of the administration page: why, and who can help. */
export function AdminForbidden() {
  return (
    <div className="callout callout--warning" role="alert" data-testid="admin-forbidden">
      <strong>Administration is only for portal administrators.</strong> Ask one of them to add people to your team or change their roles.{" "}
      <Link href="/">Back to the dashboard</Link>
    </div>
  );
}
