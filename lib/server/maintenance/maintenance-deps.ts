// What a replace-nodes operation needs from the rest of the portal: the cloud (the FleetCloud seam) and a way to
// refresh one datastore's inventory afterwards. The process's own come from the fleet slice; tests install theirs.
import "server-only";
import { env } from "@/lib/env";
import type { FleetCloud } from "../fleet/fleet-cloud";
import { getFleetCloud } from "../fleet/fleet-cloud-factory";
import { refreshDatastoreInventory } from "../fleet/refresh-inventory";

export interface MaintenanceDeps {
  cloud: FleetCloud;
  /** Refreshes one datastore's inventory (fleet_nodes, fleet_events) from the cloud, synchronously. */
  refreshInventory(datastoreId: string, signal?: AbortSignal): Promise<void>;
  /** How often to look at the cloud while waiting for a replacement. */
  pollMs: number;
  /** How long one batch may take to come back in service and healthy. */
  timeoutMs: number;
}

const globalForMaintenance = globalThis as unknown as { portalTestMaintenanceDeps?: Partial<MaintenanceDeps> | null };

async function processDeps(): Promise<Pick<MaintenanceDeps, "cloud" | "refreshInventory">> {
  const cloud = getFleetCloud();
  return { cloud, refreshInventory: async (datastoreId, signal) => void (await refreshDatastoreInventory(datastoreId, { cloud, signal })) };
}

/** The deps of this process, overridden by what a test installed. */
export async function getMaintenanceDeps(): Promise<MaintenanceDeps> {
  const forTests = globalForMaintenance.portalTestMaintenanceDeps ?? {};
  const base = forTests.cloud && forTests.refreshInventory ? { cloud: forTests.cloud, refreshInventory: forTests.refreshInventory } : await processDeps();
  return {
    ...base,
    pollMs: forTests.pollMs ?? env.MAINTENANCE_POLL_MS,
    timeoutMs: forTests.timeoutMs ?? env.MAINTENANCE_REPLACEMENT_TIMEOUT_MINUTES * 60_000,
  };
}

/** Tests install a cloud, a refresh, a poll interval; null restores the process's. */
export function setMaintenanceDepsForTests(deps: Partial<MaintenanceDeps> | null): void {
  globalForMaintenance.portalTestMaintenanceDeps = deps;
}
