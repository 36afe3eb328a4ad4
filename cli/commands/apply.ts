// dsp apply -f datastore.yaml [--wait] [--dry-run] and dsp diff -f datastore.yaml: read the file, read what the portal
// holds, decide (cli/apply/decide.ts), then do it — or, for diff and --dry-run, say what would be done with the plan
// and its cost delta.
import type { ApiClient } from "@/lib/client";
import { workloadOfFile } from "@/lib/schemas/datastore-file";
import type { PlanResult } from "@/lib/schemas/plan";
import { decide, type Action, type Current, type Decision, type Desired } from "../apply/decide";
import { readCurrent } from "../apply/state";
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, type ExitCode } from "../exit-codes";
import { loadFile } from "../files";
import { renderChange, renderPlans, renderRequest } from "../render";
import { resolveTeam, type TeamRef } from "../resolve";
import { dollars, dollarsDelta } from "../table";
import { watchOperation } from "../watch";
import { readDatastoreFile } from "../workload-file";

const EXIT_OF = {
  unchanged: EXIT.ok,
  applied: EXIT.ok,
  "in-progress": EXIT.ok,
  "waiting-for-review": EXIT.waitingForReview,
  conflict: EXIT.conflict,
  failed: EXIT.failure,
} as const satisfies Record<Decision["outcome"], ExitCode>;

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

function describeAction(a: Action): string {
  switch (a.kind) {
    case "create-request":
      return "create a request and submit it for review";
    case "edit-request":
      return `edit request ${a.requestId}: ${a.changes.map((c) => `${c.field} ${show(c.before)} → ${show(c.after)}`).join(", ")}`;
    case "submit-request":
      return `submit request ${a.requestId} for review`;
    case "queue-preview":
      return `queue a provisioning preview of ${a.datastoreId}`;
    case "confirm-preview":
      return `confirm preview ${a.previewId}: an up of ${a.datastoreId}`;
    case "open-change":
      return `open a day-2 change of ${a.datastoreId}: ${a.changes.map((c) => `${c.field} ${show(c.before)} → ${show(c.after)}`).join(", ")}`;
    case "update-thresholds":
      return `replace the thresholds of ${a.datastoreId}: ${a.changes.join("; ")}`;
  }
}

/** The plan the decision leads to and its cost against the datastore's now (planCapacity; nothing is stored). */
async function planPreview(client: ApiClient, desired: Desired, current: Current, decision: Decision) {
  const plans = decision.actions.some((a) => a.kind === "create-request" || a.kind === "edit-request" || a.kind === "open-change");
  if (!plans) return null;
  const family = desired.family ?? current.datastore?.detail.family;
  const plan: PlanResult = await client.get("planCapacity", { body: { workload: desired.workload, family, alternatives: 3 } });
  const best = plan.plans[0];
  const before = current.datastore?.detail.annualCost ?? 0;
  return { plan, annualCostBefore: before, annualCostAfter: best?.annualCost ?? null, annualCostDelta: best ? best.annualCost - before : null };
}

async function execute(ctx: CommandContext, client: ApiClient, desired: Desired, team: TeamRef, decision: Decision): Promise<Decision> {
  const out = (line: string) => !ctx.json && ctx.io.stdout.write(`${line}\n`);
  let waitFor = decision.waitFor;
  let outcome = decision.outcome;
  for (const action of decision.actions) {
    switch (action.kind) {
      case "create-request": {
        const draft = await client.get("createRequest", { body: { teamId: team.id, name: desired.name, workload: desired.workload, family: desired.family } });
        const submitted = await client.get("submitRequest", { params: { id: draft.id } });
        out(`Created and submitted request ${submitted.id}.`);
        if (!ctx.json) ctx.io.stdout.write(renderRequest(submitted));
        outcome = submitted.status === "submitted" ? "waiting-for-review" : outcome;
        waitFor = { request: submitted.id };
        break;
      }
      case "edit-request": {
        await client.get("updateRequest", {
          params: { id: action.requestId },
          ifMatch: action.etag,
          body: { workload: desired.workload, family: desired.family ?? null },
        });
        out(`Edited request ${action.requestId}.`);
        break;
      }
      case "submit-request": {
        const submitted = await client.get("submitRequest", { params: { id: action.requestId } });
        out(`Submitted request ${submitted.id}.`);
        outcome = "waiting-for-review";
        waitFor = { request: submitted.id };
        break;
      }
      case "queue-preview":
      case "confirm-preview": {
        const op = await client.get("queueDatastoreOperation", {
          params: { id: action.datastoreId },
          body: action.kind === "queue-preview" ? { kind: "preview" } : { kind: "up", previewId: action.previewId },
        });
        out(`Queued ${op.kind} ${op.id}: follow it with dsp ops watch ${op.id}`);
        outcome = "in-progress";
        waitFor = { operation: op.id };
        break;
      }
      case "open-change": {
        const change = await client.get("createDatastoreChange", {
          params: { id: action.datastoreId },
          body: { kind: "update", workload: desired.workload, reason: "dsp apply: the datastore file's workload changed" },
        });
        out(`Opened change ${change.id}.`);
        if (!ctx.json) ctx.io.stdout.write(renderChange(change));
        if (change.status === "pending-approval") {
          outcome = "waiting-for-review";
          waitFor = { change: change.id, datastoreId: action.datastoreId };
        } else {
          outcome = "in-progress";
          waitFor = change.previewId ? { operation: change.previewId } : undefined;
        }
        break;
      }
      case "update-thresholds": {
        await client.get("updateDatastoreThresholds", {
          params: { id: action.datastoreId },
          ifMatch: action.etag,
          body: { thresholds: desired.thresholds ?? [] },
        });
        out(`Replaced the thresholds (${action.changes.join("; ")}).`);
        break;
      }
    }
  }
  return { ...decision, outcome, waitFor };
}

/**
 * Waits for what the decision waits on: a reviewer's decision (polled), or an operation (followed live). Null to go
 * on converging; an exit code when the wait ended it (rejected, sent back, the operation failed).
 */
async function waitOn(ctx: CommandContext, client: ApiClient, waitFor: NonNullable<Decision["waitFor"]>): Promise<ExitCode | null> {
  const say = (line: string) => (ctx.json ? printJson(ctx, { stopped: line }) : ctx.io.stdout.write(`${line}\n`));
  if ("operation" in waitFor) {
    const op = await watchOperation(ctx, client, waitFor.operation);
    if (op.status === "succeeded") return null;
    say(`Operation ${op.id} ${op.status}: see dsp ops show ${op.id}; dsp ops retry ${op.id} runs it again.`);
    return EXIT.failure;
  }
  if (!ctx.json) ctx.io.stdout.write("Waiting for a reviewer…\n");
  for (;;) {
    if ("request" in waitFor) {
      const request = await client.get("getRequest", { params: { id: waitFor.request } });
      if (request.status === "approved") return null;
      if (request.status !== "submitted") {
        const last = request.decisions.at(-1);
        say(`Request ${request.id} is ${request.status}${last?.comment ? `: "${last.comment}" (${last.reviewer.email})` : ""}. Edit the file and apply again.`);
        return EXIT.failure;
      }
    } else {
      const change = (await client.get("listDatastoreChanges", { params: { id: waitFor.datastoreId } })).items.find((c) => c.id === waitFor.change);
      if (!change || change.status === "approved" || change.status === "applied") return null;
      if (change.status !== "pending-approval") {
        say(`Change ${change.id} is ${change.status}${change.decisionComment ? `: "${change.decisionComment}"` : ""}.`);
        return EXIT.failure;
      }
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const file = readDatastoreFile(await loadFile(ctx.io, stringFlag(ctx, "file")));
  const desired: Desired = {
    name: file.metadata.name,
    team: file.metadata.team,
    workload: workloadOfFile(file),
    family: file.spec.family,
    thresholds: file.spec.thresholds,
  };
  const client = await ctx.client();
  const team = await resolveTeam(client, desired.team);
  const dryRun = ctx.name === "diff" || boolFlag(ctx, "dry-run");
  const wait = boolFlag(ctx, "wait") && !dryRun;

  // --wait goes round until nothing is left to do or wait for; a bound keeps a loop from spinning on a rule's bug.
  for (let round = 0; round < 20; round++) {
    const current = await readCurrent(client, desired.name, team);
    const decision = decide(desired, current);
    if (dryRun) {
      const preview = await planPreview(client, desired, current, decision);
      if (ctx.json) printJson(ctx, { name: desired.name, team: desired.team, dryRun: true, ...decision, plan: preview });
      else {
        // A dry run applies nothing: "applied" is what it would do.
        ctx.io.stdout.write(`${desired.name} (${desired.team}): ${decision.outcome === "applied" ? "changes to apply" : decision.outcome}\n`);
        for (const n of decision.notes) ctx.io.stdout.write(`  ${n}\n`);
        for (const a of decision.actions) ctx.io.stdout.write(`  would ${describeAction(a)}\n`);
        if (preview) {
          ctx.io.stdout.write(`\n${renderPlans(preview.plan)}`);
          if (preview.annualCostAfter !== null)
            ctx.io.stdout.write(
              `cost: ${dollars(preview.annualCostBefore)}/yr → ${dollars(preview.annualCostAfter)}/yr (${dollarsDelta(preview.annualCostDelta ?? 0)}/yr)${current.datastore ? "; the change is re-planned on the datastore's current shape when opened" : ""}\n`,
            );
        }
      }
      return EXIT_OF[decision.outcome];
    }
    if (!ctx.json) for (const n of decision.notes) ctx.io.stdout.write(`${n}\n`);
    const done = await execute(ctx, client, desired, team, decision);
    if (!wait || !done.waitFor || done.outcome === "conflict" || done.outcome === "failed" || done.outcome === "unchanged") {
      if (ctx.json)
        printJson(ctx, {
          name: desired.name,
          team: desired.team,
          outcome: done.outcome,
          actions: done.actions,
          notes: done.notes,
          waitFor: done.waitFor ?? null,
        });
      else if (done.outcome === "waiting-for-review")
        ctx.io.stdout.write("Waiting for review (exit 5): run dsp apply again once a reviewer has decided, or add --wait.\n");
      else if (done.outcome === "unchanged") ctx.io.stdout.write("unchanged\n");
      return EXIT_OF[done.outcome];
    }
    const stopped = await waitOn(ctx, client, done.waitFor);
    if (stopped !== null) return stopped;
  }
  throw new Error("dsp apply --wait went round 20 times without settling; run dsp diff to see where it stands.");
}
