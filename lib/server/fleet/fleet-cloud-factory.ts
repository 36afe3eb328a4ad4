// The FleetCloud of this process, chosen with the provisioner: PROVISIONER=simulated → the simulated cloud (the
// simulated engine's instances), pulumi → AWS. Tests install their own (a SimulatedFleetCloud with a clock, an AWS
// cloud over mocked clients).
import "server-only";
import { env } from "@/lib/env";
import { AwsFleetCloud } from "./aws-fleet-cloud";
import type { FleetCloud } from "./fleet-cloud";
import { SimulatedFleetCloud } from "./simulated-fleet-cloud";

// A test's cloud lives on globalThis (a test and the code it calls may load this module apart); the process's own is
// one per bundle: Next bundles this module into the worker's instrumentation hook and into the routes, and a class
// from one copy fails `instanceof` against the other's. Both clouds keep their state in the database or the cloud.
const globalForFleet = globalThis as unknown as { portalTestFleetCloud?: FleetCloud | null };
let processCloud: FleetCloud | undefined;

/** The fleet cloud of the provisioner in use (or the one a test installed). */
export function getFleetCloud(): FleetCloud {
  const forTests = globalForFleet.portalTestFleetCloud;
  if (forTests) return forTests;
  processCloud ??= env.PROVISIONER === "simulated" ? new SimulatedFleetCloud() : new AwsFleetCloud();
  return processCloud;
}

/** The simulated cloud, when that is this process's (or the test's): what an injected event needs. */
export function simulatedFleetCloud(): SimulatedFleetCloud | null {
  const cloud = getFleetCloud();
  return cloud.kind === "simulated" && "inject" in cloud ? (cloud as SimulatedFleetCloud) : null;
}

/** Whether this process's cloud is the simulated one (injected events are allowed, pages say "simulated"). */
export function fleetIsSimulated(): boolean {
  return getFleetCloud().kind === "simulated";
}

/** Tests install a cloud; null restores the provisioner's. */
export function setFleetCloudForTests(cloud: FleetCloud | null): void {
  globalForFleet.portalTestFleetCloud = cloud;
}
