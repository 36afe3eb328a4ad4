// Pulumi's engine events (the Automation API's `onEvent` stream) normalised to the portal's EngineEvent, and the
// structured diff and summary collected from the same stream. One resource, one step: the create-replacement /
// replace / delete-replaced sequence of a replacement folds into a single "replace", and the Stack and the
// program's components (type tokens `portal:…`), which provision nothing themselves, are left out of the diff and
// of the step counts, so a preview's count is exactly the resource-done events the confirming up will emit.
import type { DiagnosticEvent, EngineEvent as PulumiEngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { ChangeSummary, EngineEvent, OperationError, PropertyChange, ResourceChange, ResourceOp } from "../../lib/schemas/operation";
import { resourceLocation } from "./resource-location";

const FOLDED_OPS = {
  same: "same",
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  read: "read",
  "read-replacement": "read",
  refresh: "refresh",
  discard: "discard",
  "discard-replaced": "discard",
  "remove-pending-replace": "delete",
  import: "import",
  "import-replacement": "import",
} as const satisfies Record<OpType, ResourceOp>;

export function foldOp(op: OpType): ResourceOp {
  return FOLDED_OPS[op] ?? "update";
}

/** Whether a resource is a step of its own: not the Stack, not one of the program's components. */
export function isStepResource(type: string): boolean {
  return type !== "pulumi:pulumi:Stack" && !type.startsWith("portal:");
}

/** The logical name: the last `::` part of a URN. */
export function resourceNameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Strips what only a terminal needs — ANSI escapes, Pulumi's `<{%reset%}>` colour tags — and the Terraform bridge's
 * source-location prefix (`sdk-v2/provider2.go:572: sdk.helper_schema: `), so the provider's words remain.
 */
export function cleanMessage(message: string): string {
  return message
    .replace(/\u001b\[[0-9;]*m/g, "")
    .replace(/<\{%[^%]*%\}>/g, "")
    .replace(/^\s*[\w./-]+\.go:\d+:\s*/gm, "")
    .replace(/^\s*sdk\.helper_schema:\s*/gm, "")
    .trim();
}

/** Counts of steps by op. */
export function summarise(changes: readonly ResourceChange[]): ChangeSummary {
  const summary: ChangeSummary = {};
  for (const c of changes) summary[c.op] = (summary[c.op] ?? 0) + 1;
  return summary;
}

/** Pulumi's marker of a secret value in engine events and state (the value beside it is never shown). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** Longer strings (user data, policies) are summarised by their length: a diff names the change, it is not a dump. */
const MAX_STRING = 200;
/** A larger structured value is summarised too. */
const MAX_JSON = 4000;

const characters = (n: number) => `(a ${n.toLocaleString("en-US")} character value)`;

function shownValue(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_STRING ? characters(value.length) : value;
  if (Array.isArray(value)) return value.map(shownValue);
  if (value !== null && typeof value === "object") {
    if (SECRET_SIG in value) return "[secret]";
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shownValue(v)]));
  }
  return value;
}

function valueOf(value: unknown): unknown {
  const shown = shownValue(value);
  const json = JSON.stringify(shown);
  return json !== undefined && json.length > MAX_JSON ? characters(json.length) : shown;
}

/** The named input properties before → after, as a preview's diff carries them (secrets masked, long values summarised). */
export function propertyChangesOf(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  names: readonly string[],
): PropertyChange[] {
  return names.map((name) => {
    const change: PropertyChange = { name };
    if (before && before[name] !== undefined) change.before = valueOf(before[name]);
    if (after && after[name] !== undefined) change.after = valueOf(after[name]);
    return change;
  });
}

/** A change as an event carries it: the values stay in the operation's diff, not in every event of the log. */
export function eventResource(change: ResourceChange): ResourceChange {
  const { propertyChanges: _values, ...rest } = change;
  return rest;
}

/** Pulumi's generic end-of-run lines: never "the" failure when a resource said more. */
const GENERIC_FAILURE = /^(update|preview|refresh|destroy) failed$|^\d+ errors? occurred:?$/i;

function changedProperties(meta: StepEventMetadata): string[] | undefined {
  const keys = new Set<string>([...(meta.diffs ?? []), ...(meta.keys ?? []), ...Object.keys(meta.detailedDiff ?? {}).map((p) => p.split(/[.[]/)[0] ?? p)]);
  return keys.size > 0 ? [...keys].sort() : undefined;
}

/**
 * Reads one engine run's event stream: emits the normalised events, and keeps the diff, the summary and the deepest
 * failure (the failed resource's own error diagnostic) for the result or the error.
 */
export class PulumiEventCollector {
  private readonly byUrn = new Map<string, ResourceChange>();
  private readonly done = new Set<string>();
  private readonly started = new Map<string, number>();
  private readonly errorsByUrn = new Map<string, string>();
  private readonly otherErrors: string[] = [];
  private readonly failed: string[] = [];
  /** Failed steps whose error diagnostic has not arrived yet (it usually comes first, but need not). */
  private readonly pendingFailures = new Set<string>();

  constructor(
    private readonly emit: (event: EngineEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  handle(event: PulumiEngineEvent): void {
    if (event.resourcePreEvent) this.onPre(event.resourcePreEvent.metadata);
    else if (event.resOutputsEvent) this.onOutputs(event.resOutputsEvent.metadata);
    else if (event.resOpFailedEvent) this.onFailed(event.resOpFailedEvent.metadata);
    else if (event.diagnosticEvent) this.onDiagnostic(event.diagnosticEvent);
  }

  /**
   * Call once the run has ended: emits the failures still waiting for a message and, after a success, finishes the
   * steps the engine reported no outputs for, so every announced step of a successful run ends with resource-done.
   */
  finish(succeeded: boolean): void {
    for (const urn of [...this.pendingFailures]) this.emitFailure(urn);
    if (!succeeded) return;
    for (const [urn, change] of this.byUrn) {
      if (this.failed.includes(urn) || this.done.has(urn)) continue;
      // A refresh step the engine reported no difference for found no drift.
      if (change.op === "refresh") change.op = "same";
      this.markDone(urn);
    }
  }

  changes(): ResourceChange[] {
    return [...this.byUrn.values()];
  }

  summary(): ChangeSummary {
    return summarise(this.changes());
  }

  /** The deepest failure: a failed resource's provider message, else any resource's error, else the engine's. */
  failure(): OperationError | null {
    for (const urn of this.failed) {
      const message = this.errorsByUrn.get(urn);
      if (message) return this.resourceFailure(urn, message);
    }
    for (const [urn, message] of this.errorsByUrn) {
      if (this.byUrn.has(urn)) return this.resourceFailure(urn, message);
    }
    const [firstFailed] = this.failed;
    const engineMessage = [...this.errorsByUrn.values(), ...this.otherErrors].find((m) => !GENERIC_FAILURE.test(m));
    if (firstFailed) return this.resourceFailure(firstFailed, engineMessage ?? `${this.byUrn.get(firstFailed)?.op ?? "operation"} failed`);
    return engineMessage ? { message: engineMessage } : null;
  }

  private resourceFailure(urn: string, message: string): OperationError {
    const change = this.byUrn.get(urn);
    return { message, urn, resourceType: change?.type ?? urn.split("::")[2]?.split("$").pop() ?? "", resourceName: resourceNameOf(urn) };
  }

  private changeOf(meta: StepEventMetadata): ResourceChange {
    const existing = this.byUrn.get(meta.urn);
    if (existing) return existing;
    const name = resourceNameOf(meta.urn);
    const inputs = meta.new?.inputs ?? meta.old?.inputs;
    const change: ResourceChange = { urn: meta.urn, type: meta.type, name, op: foldOp(meta.op), ...resourceLocation(meta.type, name, inputs) };
    const changed = changedProperties(meta);
    if (changed) {
      change.changedProperties = changed;
      if (meta.old && meta.new) change.propertyChanges = propertyChangesOf(meta.old.inputs, meta.new.inputs, changed);
    }
    this.byUrn.set(meta.urn, change);
    return change;
  }

  private onPre(meta: StepEventMetadata): void {
    if (!isStepResource(meta.type)) return;
    if (this.byUrn.has(meta.urn)) {
      // A later step of a replacement: the resource is already announced.
      const change = this.byUrn.get(meta.urn) as ResourceChange;
      if (foldOp(meta.op) === "replace") change.op = "replace";
      return;
    }
    const change = this.changeOf(meta);
    this.started.set(meta.urn, this.now());
    this.emit({ type: "resource-pre", resource: eventResource(change) });
  }

  private onOutputs(meta: StepEventMetadata): void {
    if (!isStepResource(meta.type) || this.done.has(meta.urn)) return;
    // A replacement is done when its logical `replace` step is: the physical create-replacement and delete-replaced
    // steps come before or after it depending on delete-before-replace.
    if (meta.op === "create-replacement" || meta.op === "delete-replaced") return;
    const change = this.changeOf(meta);
    if (meta.op === "refresh") {
      // A refresh step that found a difference is drift.
      const changed = changedProperties(meta);
      change.op = changed ? "update" : "same";
      if (changed) {
        change.changedProperties = changed;
        // Drift: what Pulumi recorded → what the cloud has now.
        if (meta.old && meta.new) change.propertyChanges = propertyChangesOf(meta.old.inputs, meta.new.inputs, changed);
      }
    }
    this.markDone(meta.urn);
  }

  private markDone(urn: string): void {
    const change = this.byUrn.get(urn);
    if (!change || this.done.has(urn)) return;
    this.done.add(urn);
    const started = this.started.get(urn);
    this.emit({ type: "resource-done", resource: eventResource(change), ...(started === undefined ? {} : { durationMs: Math.max(0, this.now() - started) }) });
  }

  private onFailed(meta: StepEventMetadata): void {
    if (!isStepResource(meta.type)) return;
    this.changeOf(meta);
    if (!this.failed.includes(meta.urn)) this.failed.push(meta.urn);
    if (this.errorsByUrn.has(meta.urn)) this.emitFailure(meta.urn);
    else this.pendingFailures.add(meta.urn);
  }

  private emitFailure(urn: string): void {
    this.pendingFailures.delete(urn);
    const change = this.byUrn.get(urn);
    if (!change) return;
    const message = this.errorsByUrn.get(urn) ?? this.otherErrors.find((m) => !GENERIC_FAILURE.test(m)) ?? `${change.op} of ${change.name} failed`;
    this.emit({ type: "resource-failed", resource: eventResource(change), message });
  }

  private onDiagnostic(d: DiagnosticEvent): void {
    if (d.ephemeral) return;
    const message = cleanMessage(d.message);
    if (!message) return;
    const severity = d.severity === "info#err" ? "info" : d.severity;
    this.emit({ type: "diagnostic", severity, message, ...(d.urn ? { urn: d.urn } : {}) });
    if (severity !== "error") return;
    const ownUrn = d.urn && isStepResource(d.urn.split("::")[2]?.split("$").pop() ?? "") ? d.urn : undefined;
    if (ownUrn && !GENERIC_FAILURE.test(message)) {
      // The first error a resource reports is the provider's; later ones repeat or summarise it.
      if (!this.errorsByUrn.has(ownUrn)) this.errorsByUrn.set(ownUrn, message);
      if (this.pendingFailures.has(ownUrn)) this.emitFailure(ownUrn);
    } else {
      this.otherErrors.push(message);
    }
  }
}
