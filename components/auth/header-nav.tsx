"use client";
// The header's sections and the signed-in person (name, teams, sign-out). Sections someone cannot use
// (reviews for non-reviewers, admin for non-admins: the server's `actions` of /me) are not shown; the pages check
// again on the server.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { meQuery, signOut } from "@/lib/query/me";
import type { Me } from "@/lib/query/types";
import { ReviewBadge } from "@/components/reviews/review-badge";

interface Section {
  href: string;
  label: string;
  show: (me: Me | null) => boolean;
}

const SECTIONS: readonly Section[] = [
  { href: "/", label: "Dashboard", show: (me) => !!me },
  { href: "/requests/new", label: "Request a store", show: (me) => !!me },
  { href: "/reviews", label: "Reviews", show: (me) => !!me?.actions.review.allowed },
  { href: "/catalog", label: "Catalog", show: (me) => !!me },
  { href: "/fleet", label: "Fleet", show: (me) => !!me },
  { href: "/health", label: "At risk", show: (me) => !!me },
  // Campaigns are run by administrators and approved by reviewers; the pages check again on the server.
  { href: "/upgrades", label: "Upgrades", show: (me) => !!me?.actions.administer.allowed || !!me?.actions.review.allowed },
  { href: "/plan", label: "Planner", show: () => true },
  { href: "/api-docs", label: "API", show: (me) => !!me },
  { href: "/webhooks", label: "Webhooks", show: (me) => !!me },
  { href: "/admin", label: "Admin", show: (me) => !!me?.actions.administer.allowed },
];

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  if (href === "/requests/new") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");

export function HeaderNav() {
  const pathname = usePathname();
  const router = useRouter();
  const { data: me, isPending } = useQuery(meQuery());
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const known = me ?? null;

  const onSignOut = async () => {
    setLeaving(true);
    try {
      await signOut();
    } finally {
      queryClient.clear();
      router.push("/sign-in");
      router.refresh();
    }
  };

  return (
    <>
      <nav aria-label="Main">
        <ul className="nav">
          {SECTIONS.filter((s) => s.show(known) || (isPending && s.href === "/plan")).map((s) => (
            <li key={s.href}>
              <Link href={s.href} aria-current={isCurrent(pathname, s.href) ? "page" : undefined}>
                {s.label}
                {s.href === "/reviews" ? <ReviewBadge /> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-user" data-testid="header-user">
        {isPending ? null : me ? (
          <>
            <span className="who">
              <strong data-testid="header-user-name">{me.user.name}</strong>
              <span data-testid="header-user-teams">
                {me.teams.length > 0 ? me.teams.map((t) => `${t.name} · ${t.role}`).join(", ") : me.isAdmin ? "administrator" : "no team yet"}
              </span>
            </span>
            <Link href="/settings/tokens" className="avatar" title="API tokens">
              <span aria-hidden="true">{initials(me.user.name)}</span>
              <span className="visually-hidden">Your API tokens</span>
            </Link>
            <button type="button" className="header-link" onClick={onSignOut} disabled={leaving}>
              {leaving ? "Signing out…" : "Sign out"}
            </button>
          </>
        ) : pathname.startsWith("/sign-in") ? null : (
          <Link href={`/sign-in?next=${encodeURIComponent(pathname)}`} className="header-link">
            Sign in
          </Link>
        )}
      </div>
    </>
  );
}
