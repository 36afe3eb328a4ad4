// The FleetCloud of this process, chosen with the provisioner: PROVISIONER=simulated → the simulated cloud (the
// simulated engine's instances), pulumi → AWS. Tests install their own (a SimulatedFleetCloud with a clock, an AWS
// cloud over mocked clients).
import "server-only";
import { env } from "@/lib/env";
import { AwsFleetCloud } from "./aws-fleet-cloud";
import type { FleetCloud } from "./fleet-cloud";
import { SimulatedFleetCloud } from "./simulated-fleet-cloud";

const globalForFleet = globalThis as unknown as { portalFleetCloud?: FleetCloud; portalTestFleetCloud?: FleetCloud | null };

/** The fleet cloud of the provisioner in use (or the one a test installed). */
export function getFleetCloud(): FleetCloud {
  const forTests = globalForFleet.portalTestFleetCloud;
  if (forTests) return forTests;
  globalForFleet.portalFleetCloud ??= env.PROVISIONER === "simulated" ? new SimulatedFleetCloud() : new AwsFleetCloud();
  return globalForFleet.portalFleetCloud;
}

/** Whether this process's cloud is the simulated one (injected events are allowed, pages say "simulated"). */
export function fleetIsSimulated(): boolean {
  return getFleetCloud().kind === "simulated";
}

/** Tests install a cloud; null restores the provisioner's. */
export function setFleetCloudForTests(cloud: FleetCloud | null): void {
  globalForFleet.portalTestFleetCloud = cloud;
}
