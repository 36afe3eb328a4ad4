// An in-memory FleetCloud for the maintenance tests (the cloud is the true external edge): groups of instances;
// terminateInGroup terminates one and launches a replacement in the same group that comes in service `readyMs`
// later. It records every termination and, at each one, which instances were out of service, so a test can check
// what was out at once.
import type { CloudGroupRef, CloudInstance, FleetCloud } from "@/lib/server/fleet/fleet-cloud";

export interface FakeNode {
  instanceId: string;
  region: string;
  zone: string;
  role: string;
  groupName: string;
}

export class FakeFleetCloud implements FleetCloud {
  readonly kind = "simulated" as const;
  readonly instances = new Map<string, CloudInstance & { readyAt: number | null }>();
  /** Instance ids in the order terminateInGroup actually terminated them (idempotent calls not counted). */
  readonly terminated: string[] = [];
  /** Every terminateInGroup call, idempotent ones included. */
  readonly terminateCalls: string[] = [];
  /** At each termination: the instances out of service (terminated, their replacement not yet in service) with it. */
  readonly outAtOnce: string[][] = [];
  private readonly outNow = new Map<string, string>(); // replacement id → old id
  private counter = 0;

  constructor(
    nodes: readonly FakeNode[],
    public readyMs = 30,
  ) {
    for (const n of nodes) this.instances.set(n.instanceId, this.instance(n, new Date(Date.now() - 86_400_000), null));
  }

  private instance(n: FakeNode, launchedAt: Date, readyAt: number | null): CloudInstance & { readyAt: number | null } {
    const ready = readyAt === null;
    return {
      ...n,
      instanceType: "i4i.2xlarge",
      imageId: "ami-1",
      launchedAt,
      state: ready ? "running" : "pending",
      lifecycle: ready ? "in-service" : "pending",
      healthy: ready,
      statusCheck: ready ? "ok" : "initializing",
      tags: { role: n.role },
      events: [],
      readyAt,
    };
  }

  private settle(): void {
    for (const i of this.instances.values()) {
      if (i.readyAt !== null && Date.now() >= i.readyAt && i.state === "pending") {
        Object.assign(i, { state: "running", lifecycle: "in-service", healthy: true, statusCheck: "ok" });
        this.outNow.delete(i.instanceId);
      }
    }
  }

  async describe(groups: readonly CloudGroupRef[]): Promise<CloudInstance[]> {
    this.settle();
    const names = new Set(groups.map((g) => g.groupName));
    return [...this.instances.values()].filter((i) => names.has(i.groupName)).map(({ readyAt: _r, ...i }) => structuredClone(i));
  }

  async terminateInGroup(target: CloudGroupRef & { instanceId: string }): Promise<void> {
    this.settle();
    this.terminateCalls.push(target.instanceId);
    const i = this.instances.get(target.instanceId);
    if (!i || i.state === "terminated") return;
    Object.assign(i, { state: "terminated", lifecycle: "terminated", healthy: false });
    this.terminated.push(i.instanceId);
    this.counter += 1;
    const id = `i-new${String(this.counter).padStart(5, "0")}`;
    this.instances.set(
      id,
      this.instance({ instanceId: id, region: i.region, zone: i.zone, role: i.tags.role ?? "", groupName: i.groupName }, new Date(), Date.now() + this.readyMs),
    );
    this.outNow.set(id, i.instanceId);
    this.outAtOnce.push([...this.outNow.values()]);
  }
}
