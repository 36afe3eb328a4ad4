"use client";
// Upgrades: every family's releases (the newest is what new datastores get and campaigns roll out), each with a link
// to what it affects; an administrator sets a new one here; and the upgrade campaigns, newest first, with where each
// stands.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FAMILIES, FAMILY_TITLES } from "@/lib/schemas/plan";
import type { FamilyReleaseDto } from "@/lib/schemas/campaign";
import { errorMessage } from "@/lib/query/api";
import { campaignsQuery, releasesQuery } from "@/lib/query/campaigns";
import { meQuery } from "@/lib/query/me";
import { formatDateTime } from "@/components/ui/dates";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";
import { campaignProgressText } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status";
import { NewReleaseForm } from "./new-release-form";
import { ReleaseImages } from "./release-images";

export function UpgradesPage() {
  const me = useQuery(meQuery());
  const isAdmin = !!me.data?.actions.administer.allowed;
  return (
    <div className="stack">
      <div className={isAdmin ? "two-col" : undefined}>
        <ReleasesCard isAdmin={isAdmin} />
        {isAdmin ? <NewReleaseForm /> : null}
      </div>
      <CampaignsCard />
    </div>
  );
}

/** What a release affects spans every team: administrators only (the API says so too). */
function ReleasesCard({ isAdmin }: { isAdmin: boolean }) {
  const q = useQuery(releasesQuery());
  const byFamily = new Map<string, FamilyReleaseDto[]>();
  for (const r of q.data?.items ?? []) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), r]);
  return (
    <section className="card" aria-labelledby="releases-title" data-testid="releases">
      <div className="card-head">
        <h2 id="releases-title">Releases</h2>
      </div>
      {q.isPending ? (
        <Loading label="Loading releases…" />
      ) : q.isError ? (
        <ErrorState title="Could not read the releases." message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title="No releases yet.">
          An administrator sets a family&apos;s engine version and image here; datastores not on it are listed with it.
        </EmptyState>
      ) : (
        <TableScroll label="Releases">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Family</th>
                <th scope="col">Engine</th>
                <th scope="col">Images</th>
                <th scope="col">Released</th>
                {isAdmin ? (
                  // A visible heading: a visually hidden one is positioned outside the scrolling box and widens a phone's page.
                  <th scope="col">Affects</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {FAMILIES.flatMap((f) =>
                (byFamily.get(f) ?? []).map((r) => (
                  <tr key={r.id} data-testid="release-row" data-family={r.family} data-version={r.engineVersion} data-current={r.current}>
                    <td>{FAMILY_TITLES[r.family]}</td>
                    <td>
                      {r.engineVersion} {r.current ? <span className="status status--ok">current</span> : null}
                    </td>
                    <td>
                      <ReleaseImages release={r} />
                    </td>
                    <td className="small">
                      {formatDateTime(r.createdAt)}
                      <br />
                      <span className="muted">by {r.createdBy}</span>
                    </td>
                    {isAdmin ? (
                      <td>
                        <Link href={`/upgrades/releases/${r.id}`} aria-label={`What ${FAMILY_TITLES[r.family]} ${r.engineVersion} affects`}>
                          Affected
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function CampaignsCard() {
  const q = useQuery(campaignsQuery());
  return (
    <section className="card" aria-labelledby="campaigns-title" data-testid="campaigns">
      <div className="card-head">
        <h2 id="campaigns-title">Campaigns</h2>
      </div>
      {q.isPending ? (
        <Loading label="Loading campaigns…" />
      ) : q.isError ? (
        <ErrorState title="Could not read the campaigns." message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title="No campaigns yet.">Open a release&apos;s affected list to create one: its waves are shown before it starts.</EmptyState>
      ) : (
        <TableScroll label="Campaigns">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((c) => (
                <tr key={c.id} data-testid="campaign-row" data-status={c.status}>
                  <td>
                    <Link href={`/upgrades/campaigns/${c.id}`}>
                      {FAMILY_TITLES[c.family]} → {c.release.engineVersion}
                    </Link>
                  </td>
                  <td>
                    <CampaignStatusBadge status={c.status} />
                  </td>
                  <td className="small">{campaignProgressText(c)}</td>
                  <td className="small">{formatDateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
