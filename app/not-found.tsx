import type { Metadata } from "next";
import Link from "next/link";
// The header and the page use the portal's styles; this page sits outside the (portal) group, so it brings them.
import "./(portal)/portal.css";

export const metadata: Metadata = { title: "Page not found" };

// Any address the portal does not serve: said plainly, in the portal's own frame, with ways back.
export default function NotFound() {
  return (
    <div className="page not-found" data-testid="not-found">
      <div className="page-head">
        <p className="eyebrow">404</p>
        <h1>Page not found</h1>
        <p className="lead">There is no page at this address. It may have moved, or the link may be mistyped.</p>
      </div>
      <div className="actions">
        <Link className="button button--primary" href="/">
          Go to the dashboard
        </Link>
        <Link className="button" href="/catalog">
          Browse the catalog
        </Link>
        <Link className="button" href="/plan">
          Plan a data store
        </Link>
      </div>
    </div>
  );
}
