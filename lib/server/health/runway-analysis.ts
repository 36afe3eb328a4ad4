// What a datastore's series say about its capacity: per region and role, the disk runway; per region, the primary
// role's peak reads and writes against the plan; and whether that calls for a re-plan, with the observed figures a
// re-plan runs on. No database and no clock: the capacity tab's use-case (get-runway.ts) and the at-risk check
// (runway-at-risk.ts) both feed it what they have read.
import "server-only";
import type { SeriesQuery } from "./metrics-source";
import type { TopologyCluster } from "@/lib/schemas/datastore";
import type { RoomRunwayDto, TrafficComparisonDto } from "@/lib/schemas/runway";
import { midOf, type Workload } from "@/lib/schemas/workload";
import { departureOf, peakOf, roomRunway, type GrowthBasis, type ObservedFigures, type Point } from "./runway";

export interface RunwayInputs {
  topology: readonly TopologyCluster[];
  thresholds: readonly { metric: string; role: string; critical: number }[];
  workload: Workload;
  /**
   * Logical GiB per percentage point of a cluster's disks, keyed by scaleKey(region, role): what turns the declared
   * growth into points a month and the observed disk into data. Missing or null: unknown (only observed growth counts).
   */
  scales?: ReadonlyMap<string, number | null>;
}

export const scaleKey = (region: string, role: string) => `${region}/${role}`;
const roomId = (region: string, role: string) => `room/${region}/${role}`;
const trafficId = (region: string, metric: string) => `traffic/${region}/${metric}`;

/** The role whose load the workload describes: the plan's first cluster (the family's own; companions follow it). */
export function primaryRole(topology: readonly TopologyCluster[]): string | undefined {
  return topology[0]?.role;
}

function regionsOf(topology: readonly TopologyCluster[]): string[] {
  return [...new Set(topology.map((c) => c.region))];
}

/** Clusters whose disk has a runway: a data disk, and a disk-used threshold for the role. */
function roomClusters(inputs: RunwayInputs): { cluster: TopologyCluster; threshold: number }[] {
  return inputs.topology.flatMap((cluster) => {
    const t = inputs.thresholds.find((x) => x.metric === "disk-used" && x.role === cluster.role);
    return t && cluster.drive ? [{ cluster, threshold: t.critical }] : [];
  });
}

/** The series a runway reads: each room's disk-used, and the primary role's reads and writes in each region. */
export function runwayQueries(inputs: RunwayInputs): SeriesQuery[] {
  const role = primaryRole(inputs.topology);
  const rooms = roomClusters(inputs).map(({ cluster: c }) => ({ id: roomId(c.region, c.role), region: c.region, role: c.role, metric: "disk-used" as const }));
  const traffic = role
    ? regionsOf(inputs.topology).flatMap((region) =>
        (["reads-per-second", "writes-per-second"] as const).map((metric) => ({ id: trafficId(region, metric), region, role, metric })),
      )
    : [];
  return [...rooms, ...traffic];
}

export interface RunwayAnalysis {
  rooms: RoomRunwayDto[];
  traffic: TrafficComparisonDto[];
  /** Why a re-plan is proposed; empty when nothing calls for one. */
  reasons: string[];
  observed: ObservedFigures & { growthBasis: GrowthBasis };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const pct = (r: number) => `${r > 0 ? "+" : ""}${fmt(r * 100)}%`;

export function analyseRunway(inputs: RunwayInputs, series: ReadonlyMap<string, readonly Point[]>): RunwayAnalysis {
  const { workload } = inputs;
  const horizon = workload.horizonMonths;
  const declared = workload.growthGiBPerMonth;
  const rooms: RoomRunwayDto[] = roomClusters(inputs).map(({ cluster: c, threshold }) => {
    const scale = inputs.scales?.get(scaleKey(c.region, c.role)) ?? null;
    const r = roomRunway({
      series: series.get(roomId(c.region, c.role)) ?? [],
      thresholdPercent: threshold,
      declaredPointsPerMonth: declared !== undefined && scale ? declared / scale : null,
    });
    return { region: c.region, role: c.role, metric: "disk-used", thresholdPercent: threshold, ...r, short: r.months !== null && r.months < horizon };
  });

  const role = primaryRole(inputs.topology);
  const planned = { "reads-per-second": midOf(workload.readsPerSecond), "writes-per-second": midOf(workload.writesPerSecond) } as const;
  const traffic: TrafficComparisonDto[] = role
    ? regionsOf(inputs.topology).flatMap((region) =>
        (["reads-per-second", "writes-per-second"] as const).map((metric) => {
          const observedPeak = peakOf(series.get(trafficId(region, metric)) ?? []);
          const d = departureOf(observedPeak, planned[metric]);
          return { region, role, metric, planned: planned[metric], observedPeak, departure: d.ratio, departs: d.departs };
        }),
      )
    : [];

  const reasons = [
    ...traffic
      .filter((t) => t.departs)
      .map(
        (t) =>
          `Peak ${t.metric === "reads-per-second" ? "reads" : "writes"} in ${t.region} were ${fmt(t.observedPeak ?? 0)}/s against ${fmt(t.planned)}/s planned${t.departure === null ? "" : ` (${pct(t.departure)})`}: more than 25% from the plan.`,
      ),
    ...rooms
      .filter((r) => r.short)
      .map((r) =>
        r.months === 0
          ? `Disk in ${r.region} (${r.role}) is past its ${fmt(r.thresholdPercent)}% threshold.`
          : `Disk in ${r.region} (${r.role}) reaches its ${fmt(r.thresholdPercent)}% threshold in ${fmt(r.months ?? 0, 1)} months (${r.basis} growth), within the ${horizon}-month planning horizon.`,
      ),
  ];

  // Rates are per region: the busiest region is what every region must be sized for.
  const busiest = (metric: TrafficComparisonDto["metric"]) => {
    const peaks = traffic.filter((t) => t.metric === metric && t.observedPeak !== null).map((t) => t.observedPeak ?? 0);
    return peaks.length > 0 ? Math.max(...peaks) : null;
  };
  const primaryRooms = rooms.filter((r) => r.role === role).map((r) => ({ r, scale: inputs.scales?.get(scaleKey(r.region, r.role)) ?? null }));
  const data = primaryRooms.flatMap(({ r, scale }) => (r.usedPercent !== null && scale ? [r.usedPercent * scale] : []));
  const observedGrowth = primaryRooms.flatMap(({ r, scale }) =>
    r.basis === "observed" && r.growthPointsPerMonth !== null && scale ? [r.growthPointsPerMonth * scale] : [],
  );
  const growthBasis: GrowthBasis = observedGrowth.length > 0 ? "observed" : declared !== undefined ? "declared" : "none";
  return {
    rooms,
    traffic,
    reasons,
    observed: {
      peakReadsPerSecond: busiest("reads-per-second"),
      peakWritesPerSecond: busiest("writes-per-second"),
      dataGiB: data.length > 0 ? Math.max(...data) : null,
      growthGiBPerMonth: observedGrowth.length > 0 ? Math.max(0, ...observedGrowth) : null,
      growthBasis,
    },
  };
}
