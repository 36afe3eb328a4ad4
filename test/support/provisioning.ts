// Provisioning tests: organisation settings written straight into the test database, datastores ready to provision,
// operations queued the way the lifecycle use-cases queue them (insertOperation), the real simulated engine with a
// short step, and waiting for the worker to get somewhere.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { db } from "@/lib/server/db/client";
import { DATASTORE_INCLUDE } from "@/lib/server/datastores/datastore-dto";
import { insertOperation, type NewOperation, type OperationRow } from "@/lib/server/provisioning/operation-rows";
import { specOfDatastore } from "@/lib/server/provisioning/spec";
import type { ProvisioningEngine } from "@/lib/server/provisioning/engine-contract";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { OperationEventData, OperationKind, OperationPurpose } from "@/lib/schemas/operation";
import { ORG } from "../infra/fixtures";
import { makeTeam } from "./actors";
import { makeDatastore, type MakeDatastoreOptions } from "./datastores";

/** Settings for us-east-1, us-west-2 and eu-west-1 (the program fixtures'); the passphrase from the environment. */
export async function storeOrgSettings(): Promise<void> {
  const data = { regions: JSON.parse(JSON.stringify(ORG.regions)) as object, passphraseSource: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE" } };
  await db().orgSetting.upsert({ where: { id: "org" }, create: { id: "org", ...data }, update: data });
}

/** A datastore in one configured region (Cassandra with an EVCache tier unless told otherwise), of a new team. */
export async function provisionableDatastore(opts: Partial<MakeDatastoreOptions> = {}) {
  const teamId = opts.teamId ?? (await makeTeam()).id;
  const row = await makeDatastore({ regions: ["us-east-1"], ...opts, teamId });
  return db().datastore.findUniqueOrThrow({ where: { id: row.id }, include: DATASTORE_INCLUDE });
}

export async function specOf(datastoreId: string): Promise<DatastoreSpec> {
  return specOfDatastore(await db().datastore.findUniqueOrThrow({ where: { id: datastoreId }, include: DATASTORE_INCLUDE }));
}

/** Queues an operation on the datastore's current spec, as the lifecycle use-cases do. */
export async function queue(
  datastoreId: string,
  kind: OperationKind,
  purpose: OperationPurpose,
  extra: Partial<Omit<NewOperation, "datastoreId" | "kind" | "purpose">> = {},
): Promise<OperationRow> {
  const spec = extra.spec ?? (await specOf(datastoreId));
  return db().$transaction((tx) => insertOperation(tx, { datastoreId, kind, purpose, actor: null, ...extra, spec }));
}

/** The real simulated engine (infra/engine), keeping its state under `dataDir`, with `stepMs` per resource. */
export async function simulatedEngine(dataDir: string, stepMs = 5): Promise<ProvisioningEngine> {
  const { createEngine } = await import("@/infra/engine");
  return createEngine("simulated", { dataDir, stepMs });
}

export function tempDir(prefix = "portal-worker-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Polls until `probe` returns a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const TERMINAL = ["succeeded", "failed", "cancelled", "interrupted"];

/** Waits until the operation is terminal and returns its row. */
export function settled(operationId: string, timeoutMs = 30_000): Promise<OperationRow> {
  return waitFor(
    `operation ${operationId} to end`,
    async () => {
      const row = await db().operation.findUniqueOrThrow({ where: { id: operationId } });
      return TERMINAL.includes(row.status) ? row : undefined;
    },
    timeoutMs,
  );
}

/** The operation's events in seq order, with their data. */
export async function eventsOf(operationId: string): Promise<{ seq: number; data: OperationEventData }[]> {
  const rows = await db().operationEvent.findMany({ where: { operationId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ seq: r.seq, data: r.data as OperationEventData }));
}
