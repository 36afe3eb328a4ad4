"use client";
// Regions the organisation has not set up for provisioning, said before anyone relies on them: a request there can be
// planned, submitted and approved, but nothing can be provisioned until an administrator adds the region's settings.
import { useMemo } from "react";
import { useRegionInfo } from "@/lib/query/regions";

export function RegionWarning({ regions }: { regions: readonly string[] }) {
  const info = useRegionInfo();
  const missing = useMemo(() => (info ? regions.filter((r) => info.get(r)?.provisionable === false) : []), [info, regions]);
  if (missing.length === 0) return null;
  const one = missing.length === 1;
  return (
    <div className="callout callout--warning" role="status" data-testid="region-warning">
      <strong>
        {listOf(missing)} {one ? "has" : "have"} no provisioning settings yet.
      </strong>{" "}
      A datastore there can be planned, reviewed and approved, but not provisioned until a portal administrator adds the region{one ? "" : "s"} (network,
      images, alarm topic) under Administration.
    </div>
  );
}

const listOf = (codes: readonly string[]) =>
  codes.map((code, i) => (
    <span key={code}>
      {i > 0 ? (i === codes.length - 1 ? " and " : ", ") : ""}
      <code>{code}</code>
    </span>
  ));
