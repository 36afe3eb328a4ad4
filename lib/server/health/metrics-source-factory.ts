// The MetricsSource of this process, chosen with the provisioner (PROVISIONER=simulated → the simulated source,
// otherwise CloudWatch), created on first use; tests install their own. And the one way to describe a datastore to a
// source: metricsTargetOf.
import "server-only";
import { env } from "@/lib/env";
import { DatastoreOutputsSchema } from "@/lib/schemas/operation";
import type { Tx } from "../db/client";
import type { MetricsSource, MetricsTarget } from "./metrics-source";
import { CloudWatchMetricsSource } from "./cloudwatch-metrics-source";
import { SimulatedMetricsSource } from "./simulated-metrics-source";
import { activeSinceOf } from "./simulation-model";

const globalForMetrics = globalThis as unknown as { portalMetricsSource?: MetricsSource; portalTestMetricsSource?: MetricsSource | null };

export function getMetricsSource(): MetricsSource {
  const forTests = globalForMetrics.portalTestMetricsSource;
  if (forTests) return forTests;
  globalForMetrics.portalMetricsSource ??= env.PROVISIONER === "simulated" ? new SimulatedMetricsSource() : createCloudWatchSource();
  return globalForMetrics.portalMetricsSource;
}

function createCloudWatchSource(): MetricsSource {
  return new CloudWatchMetricsSource();
}

/** Tests install a source; null restores the provisioner's. */
export function setMetricsSourceForTests(source: MetricsSource | null): void {
  globalForMetrics.portalTestMetricsSource = source;
}

/** Whether this portal's metrics are simulated (incidents can be injected only then). */
export function metricsAreSimulated(): boolean {
  const forTests = globalForMetrics.portalTestMetricsSource;
  return forTests ? forTests.kind === "simulated" : env.PROVISIONER === "simulated";
}

/** What metricsTargetOf reads of a datastore row. */
export interface MetricsTargetInput {
  id: string;
  family: string;
  outputs: unknown;
  createdAt: Date;
  /** The first successful provisioning up (activeSinceOf); the row's createdAt when unknown. */
  activeSince?: Date | null;
}

/** A datastore as a metrics source sees it: its alarms (every region's, from the stack's outputs) and since when it runs. */
export function metricsTargetOf(datastore: MetricsTargetInput): MetricsTarget {
  const outputs = DatastoreOutputsSchema.safeParse(datastore.outputs);
  const regions = outputs.success ? outputs.data.regions : {};
  return {
    datastoreId: datastore.id,
    family: datastore.family,
    alarmNames: Object.values(regions).flatMap((r) => r.alarmNames),
    activeSince: datastore.activeSince ?? datastore.createdAt,
    regions: Object.fromEntries(Object.entries(regions).map(([region, r]) => [region, { alarmNames: r.alarmNames, groupNamesByRole: r.groupNamesByRole }])),
  };
}

/** metricsTargetOf for many rows, with each one's activeSince read in one query. */
export async function metricsTargetsOf(client: Tx, rows: readonly Omit<MetricsTargetInput, "activeSince">[]): Promise<Map<string, MetricsTarget>> {
  const since = await activeSinceOf(
    client,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.id, metricsTargetOf({ ...r, activeSince: since.get(r.id) ?? null })]));
}
