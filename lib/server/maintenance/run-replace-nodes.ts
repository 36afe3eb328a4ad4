// Runs a replace-nodes operation: its replacement_steps (planned when it was queued, in the family's order) batch by
// batch through the FleetCloud seam — terminate in the group (the group launches a replacement with the same launch
// template), then wait until the replacement is in service and healthy (Elasticsearch: the whole group healthy,
// "green") before the next batch. Every transition is recorded BEFORE the cloud is asked to act, conditional on the
// lease, so a worker that dies anywhere leaves a record from which the retry neither replaces a node twice nor
// forgets one: a "terminating" step is terminated only if the cloud still lists it running; a "waiting" one only
// waits. The group's health check stands for the node having rejoined its cluster (Cassandra gossip, Elasticsearch
// shard allocation): the launch template's health check is what marks an instance healthy.
import "server-only";
import { batchesOf, REPLACEMENT_RULES, type FamilyReplacementRule, type WaitRule } from "@/lib/maintenance/replacement-plan";
import type { EngineEvent, ResourceChange } from "@/lib/schemas/operation";
import { FamilySchema } from "@/lib/schemas/plan";
import { campaignLaunchOf } from "../campaigns/campaign-launch";
import { db } from "../db/client";
import type { CloudInstance } from "../fleet/fleet-cloud";
import { EngineError, type EngineResult } from "../provisioning/engine-contract";
import type { OperationRow } from "../provisioning/operation-rows";
import { parseStoredSpec } from "../provisioning/spec";
import type { MaintenanceDeps } from "./maintenance-deps";

type StepRow = Awaited<ReturnType<ReturnType<typeof db>["replacementStep"]["findFirstOrThrow"]>>;

export interface ReplaceNodesRun {
  op: OperationRow;
  workerId: string;
  signal: AbortSignal;
  onEvent: (event: EngineEvent) => void;
  deps: MaintenanceDeps;
}

/** A launched replacement may report a launch time a little before the portal recorded the termination (clock skew). */
const LAUNCH_SKEW_MS = 5_000;

const abortable = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener("abort", onAbort, { once: true });
  });

function resourceOf(step: StepRow): ResourceChange {
  return {
    urn: `fleet:${step.region}:${step.groupName}:${step.instanceId}`,
    type: "aws:ec2/instance:Instance",
    name: step.instanceId,
    op: "replace",
    region: step.region,
    role: step.role,
    zone: step.zone,
  };
}

/** Writes a step's transition while this worker holds the operation's lease; a lost lease stops the run. */
async function record(
  step: StepRow,
  workerId: string,
  data: Partial<Pick<StepRow, "status" | "startedAt" | "terminatedAt" | "doneAt" | "replacementInstanceId" | "error">>,
): Promise<StepRow> {
  const { count } = await db().replacementStep.updateMany({
    where: { id: step.id, operation: { status: "running", leaseOwner: workerId } },
    data,
  });
  if (count === 0) throw new EngineError({ code: "interrupted", message: "The worker lost this operation's lease." });
  return { ...step, ...data };
}

const inService = (i: CloudInstance) => i.lifecycle === "in-service" && i.state === "running" && i.healthy;
const gone = (i: CloudInstance | undefined) =>
  !i || i.state === "terminated" || i.state === "shutting-down" || i.lifecycle === "terminating" || i.lifecycle === "terminated";

/** The wait rule of a step: its role's family in the operation's spec (Elasticsearch waits for green). */
function waitRules(op: OperationRow): Map<string, WaitRule> {
  const spec = parseStoredSpec(op.spec);
  const rules = new Map<string, WaitRule>();
  for (const c of spec.topology) {
    const family = FamilySchema.safeParse(c.family);
    if (family.success) rules.set(`${c.region}\u0000${c.role}`, (REPLACEMENT_RULES[family.data] as FamilyReplacementRule).wait);
  }
  return rules;
}

export async function runReplaceNodes({ op, workerId, signal, onEvent, deps }: ReplaceNodesRun): Promise<EngineResult> {
  const steps = await db().replacementStep.findMany({ where: { operationId: op.id }, orderBy: { seq: "asc" } });
  if (steps.length === 0) throw new EngineError({ code: "input", message: "The operation names no nodes to replace." });
  const rules = waitRules(op);
  // An upgrade campaign's canary, rollout or rollback: the version the replacements launch on.
  const launch = await campaignLaunchOf(db(), op.id);
  if (launch) {
    // An AMI exists in one region: a node in a region the launch has no image for is not terminated at all.
    const uncovered = launch.imageIds === null ? [] : [...new Set(steps.map((s) => s.region))].filter((r) => launch.imageIds?.[r] === undefined).sort();
    if (uncovered.length > 0)
      throw new EngineError({
        code: "input",
        message: `No machine image for ${uncovered.join(", ")} to launch ${launch.engineVersion} on: no node is replaced (an image exists in one region only).`,
      });
    const images =
      launch.imageIds === null
        ? ""
        : ` (${Object.entries(launch.imageIds)
            .map(([region, image]) => `${region} ${image}`)
            .join(", ")})`;
    onEvent({ type: "diagnostic", severity: "info", message: `Replacements launch on ${launch.engineVersion}${images}.` });
  }
  // The nodes the inventory knew when the replacement was planned: none of them is anyone's replacement.
  const known = new Set(
    (await db().fleetNode.findMany({ where: { datastoreId: op.datastoreId, firstSeenAt: { lte: op.createdAt } }, select: { instanceId: true } })).map(
      (n) => n.instanceId,
    ),
  );
  const finished = (s: StepRow) => s.status === "done" || s.status === "skipped";
  onEvent({ type: "started", kind: "replace-nodes", planned: steps.length });
  const already = steps.filter(finished);
  if (already.length > 0) {
    onEvent({
      type: "diagnostic",
      severity: "info",
      message: `${already.length} of ${steps.length} nodes were replaced by an earlier attempt; resuming after them.`,
    });
    for (const s of already) onEvent({ type: "resource-done", resource: resourceOf(s) });
  }

  const batches = batchesOf(steps);
  for (const [index, batch] of batches.entries()) {
    let todo = batch.filter((s) => !finished(s));
    if (todo.length === 0) continue;
    // Cancel and shutdown take effect here, between batches: nothing is out of service at this point.
    if (signal.aborted) throw signal.reason as Error;
    const where = todo.map((s) => `${s.instanceId} (${s.zone}, ${s.role})`).join(", ");
    onEvent({ type: "diagnostic", severity: "info", message: `Batch ${index + 1} of ${batches.length}: replacing ${where}.` });
    const groups = [...new Map(todo.map((s) => [`${s.region}\u0000${s.groupName}`, { region: s.region, groupName: s.groupName }])).values()];
    let seen = await deps.cloud.describe(groups, signal);

    todo = await Promise.all(
      todo.map(async (step) => {
        onEvent({ type: "resource-pre", resource: resourceOf(step) });
        let s = step;
        if (s.status === "pending") s = await record(s, workerId, { status: "terminating", startedAt: new Date() });
        if (s.status === "terminating") {
          // Terminated already (the worker died after asking the cloud, before recording it): do not ask again.
          const current = seen.find((i) => i.instanceId === s.instanceId);
          if (!gone(current))
            await deps.cloud.terminateInGroup({ region: s.region, groupName: s.groupName, instanceId: s.instanceId, ...(launch ? { launch } : {}) }, signal);
          s = await record(s, workerId, { status: "waiting", terminatedAt: new Date() });
          onEvent({ type: "diagnostic", severity: "info", message: `Terminated ${s.instanceId} in ${s.groupName}; waiting for its replacement.` });
        }
        return s;
      }),
    );

    const deadline = Date.now() + deps.timeoutMs;
    for (;;) {
      seen = await deps.cloud.describe(groups, signal);
      const claimed = new Set(steps.map((s) => s.replacementInstanceId).filter((id): id is string => id !== null));
      const olds = new Set([...known, ...steps.map((s) => s.instanceId)]);
      for (const [i, step] of todo.entries()) {
        if (step.status === "done") continue;
        let s = step;
        if (s.replacementInstanceId === null) {
          const since = (s.startedAt ?? s.terminatedAt ?? new Date(0)).getTime() - LAUNCH_SKEW_MS;
          const candidate = seen
            .filter((c) => c.groupName === s.groupName && !olds.has(c.instanceId) && !claimed.has(c.instanceId) && !gone(c) && c.launchedAt.getTime() >= since)
            .sort((a, b) => a.launchedAt.getTime() - b.launchedAt.getTime() || (a.instanceId < b.instanceId ? -1 : 1))[0];
          if (candidate) {
            s = await record(s, workerId, { replacementInstanceId: candidate.instanceId });
            claimed.add(candidate.instanceId);
            steps[steps.findIndex((x) => x.id === s.id)] = s;
            onEvent({ type: "diagnostic", severity: "info", message: `${candidate.instanceId} launched in ${s.zone} to replace ${s.instanceId}.` });
          }
        }
        const replacement = s.replacementInstanceId === null ? undefined : seen.find((c) => c.instanceId === s.replacementInstanceId);
        const rule = rules.get(`${s.region}\u0000${s.role}`) ?? "rejoin";
        const green = rule !== "green" || seen.filter((c) => c.groupName === s.groupName && !gone(c)).every(inService);
        if (replacement && inService(replacement) && green) {
          s = await record(s, workerId, { status: "done", doneAt: new Date() });
          steps[steps.findIndex((x) => x.id === s.id)] = s;
          onEvent({ type: "resource-done", resource: resourceOf(s) });
          onEvent({
            type: "diagnostic",
            severity: "info",
            message: `${s.replacementInstanceId ?? "The replacement"} is in service and healthy${rule === "green" ? " and the group is green" : ""}; ${s.instanceId} is replaced.`,
          });
        }
        todo[i] = s;
      }
      if (todo.every((s) => s.status === "done")) break;
      if (Date.now() > deadline) {
        const late = todo.filter((s) => s.status !== "done");
        for (const s of late)
          await record(s, workerId, { status: "failed", error: `not in service and healthy within ${Math.round(deps.timeoutMs / 60_000)} minutes` });
        throw new EngineError({
          code: "engine",
          message: `The replacement of ${late.map((s) => s.instanceId).join(", ")} was not in service and healthy within ${Math.round(deps.timeoutMs / 60_000)} minutes; the next batches were not started.`,
          resourceName: late[0]?.instanceId,
          resourceType: "aws:ec2/instance:Instance",
        });
      }
      await abortable(deps.pollMs, signal);
    }
  }

  try {
    await deps.refreshInventory(op.datastoreId, signal);
    onEvent({ type: "diagnostic", severity: "info", message: "The datastore's inventory was refreshed." });
  } catch (error) {
    if (signal.aborted) throw error;
    onEvent({
      type: "diagnostic",
      severity: "warning",
      message: `Every node was replaced, but refreshing the inventory failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const changes = steps.map(resourceOf);
  return { summary: { replace: steps.length }, changes, outputs: null };
}
