// Queues a benchmark of one cluster (region × role) of an active datastore: a `benchmark` operation (the worker runs
// it beside the others, one operation per datastore at a time) and its bench_runs row, holding the profile it will
// run, the driver, the target and the nodes' engine version. Inside the caller's transaction: a campaign's gate
// queues its baseline with its own step, a person's start with its audit.
import "server-only";
import type { DeriveOptionsInput } from "@/lib/bench/derive-profile";
import { BenchProfileSchema, type BenchProfileInput } from "@/lib/bench/profile";
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import type { BenchPurpose } from "@/lib/schemas/bench-run";
import type { Tx } from "../db/client";
import { DATASTORE_INCLUDE } from "../datastores/datastore-dto";
import { appendEvents, insertOperation } from "../provisioning/operation-rows";
import { specOfDatastore } from "../provisioning/spec";
import { benchTargetOf, deriveBenchProfile, DRIVER_OF_FAMILY, engineVersionOf, resolveBenchCluster } from "./bench-target";

export interface QueueBenchmarkInput {
  datastoreId: string;
  region?: string;
  role?: string;
  purpose: BenchPurpose;
  label?: string;
  campaignTargetId?: string;
  /** A full profile; else one derived from the workload with `derive` over the defaults (bench-target.ts). */
  profile?: BenchProfileInput;
  derive?: Partial<DeriveOptionsInput>;
  /** "user:<email>", "token:<name>", "campaign:<id>". */
  actorLabel: string;
  /** The person behind actorLabel, if any. */
  actorUserId?: string | null;
}

export async function queueBenchmark(tx: Tx, input: QueueBenchmarkInput): Promise<{ operationId: string; runId: string }> {
  // The datastore's row lock, as every queueing takes it (provisioning/queue-operation's lockDatastore).
  await tx.$executeRaw`UPDATE "datastores" SET "version" = "version" WHERE "id" = ${input.datastoreId}`;
  const datastore = await tx.datastore.findUnique({ where: { id: input.datastoreId }, include: DATASTORE_INCLUDE });
  if (!datastore) throw new AppError("not_found", `No datastore ${JSON.stringify(input.datastoreId.slice(0, 100))}.`);
  if (datastore.status !== "active") throw new AppError("conflict", `${datastore.name} is ${datastore.status}: only an active datastore is benchmarked.`);
  const cluster = resolveBenchCluster(datastore, input.region, input.role);
  const target = benchTargetOf(cluster.family);
  if (target === "synthetic" && benchTargetOf(cluster.family, "simulated") !== "synthetic")
    throw new AppError("conflict", `The harness has no driver for ${cluster.family} clusters outside the simulation.`);

  let profile;
  let profileNotes: string[] | null = null;
  if (input.profile !== undefined) {
    const parsed = BenchProfileSchema.safeParse(input.profile);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFromZod(parsed.error, ["profile"]);
      throw new AppError("invalid_input", `The benchmark profile has invalid fields: ${fieldErrors.map((e) => e.field).join(", ")}.`, { fieldErrors });
    }
    profile = parsed.data;
  } else {
    const derived = await deriveBenchProfile(tx, datastore, cluster, input.derive);
    profile = derived.profile;
    profileNotes = derived.notes;
  }

  const op = await insertOperation(tx, {
    datastoreId: datastore.id,
    kind: "benchmark",
    purpose: "benchmark",
    actor: { label: input.actorLabel, userId: input.actorUserId ?? null },
    spec: specOfDatastore(datastore),
  });
  const run = await tx.benchRun.create({
    data: {
      datastoreId: datastore.id,
      operationId: op.id,
      purpose: input.purpose,
      label: input.label?.trim() || input.purpose,
      campaignTargetId: input.campaignTargetId ?? null,
      region: cluster.region,
      role: cluster.role,
      driver: DRIVER_OF_FAMILY[cluster.family],
      target,
      engineVersion: await engineVersionOf(tx, datastore, cluster),
      profile: JSON.parse(JSON.stringify(profile)),
      ...(profileNotes ? { profileNotes } : {}),
      createdBy: input.actorLabel,
    },
  });
  const rate = profile.rate === "unbounded" ? "unbounded (closed loop)" : `${Math.round(profile.rate)}/s`;
  await appendEvents(tx, op.id, [
    {
      type: "diagnostic",
      severity: "info",
      message: `Benchmark ${run.id} of ${cluster.region} ${cluster.role} (${DRIVER_OF_FAMILY[cluster.family]}, ${target}): ${rate} for ${profile.durationS} s on ${profile.connections} connections.`,
    },
  ]);
  return { operationId: op.id, runId: run.id };
}
