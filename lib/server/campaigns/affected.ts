// What a release affects: every active datastore of its family with nodes (from the inventory) not on the release's
// engine version or on the release's image for their region — or, before the inventory saw it, a recorded engine
// version that differs — with the summary of its last preview with the release's version. A datastore in a region
// the release has no image for is listed as not upgradable (naming the regions): campaigns and batch previews leave
// it out. And batch previews: one preview per upgradable affected datastore, the datastore's own spec with the
// release's engine version and images, run by the worker like any preview.
import "server-only";
import { AppError } from "@/lib/errors";
import { regionsWithoutImage, type AffectedDatastoreDto, type AffectedList, type BatchPreviewResult } from "@/lib/schemas/campaign";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { ALLOWED, conflict, toAction } from "../auth/verdict";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { requireProvisioner } from "../provisioning/provisioner-status";
import type { OperationRow } from "../provisioning/operation-rows";
import { queueReleasePreview } from "./campaign-steps";
import { summarisePreview, specEngineVersion } from "./preview-summary";
import { findRelease, isOnRelease, missingImagesReason, regionImagesOf, releaseDto, type ReleaseRow } from "./releases";

type AffectedRow = Omit<AffectedDatastoreDto, "preview"> & {
  datastoreId: string;
  /** Per region, the image its nodes run now (the most common among those not on the release): a rollback's. */
  fromImageIds: Record<string, string>;
};

interface NodeImage {
  region: string;
  engineVersion: string;
  imageId: string;
}

/** Per region, the most common image of `preferred` nodes there, else of any node there. */
function imagesByRegion(preferred: readonly NodeImage[], all: readonly NodeImage[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const region of [...new Set(all.map((n) => n.region))].sort()) {
    const pick = (nodes: readonly NodeImage[]) => {
      const counts = new Map<string, number>();
      for (const n of nodes) if (n.region === region) counts.set(n.imageId, (counts.get(n.imageId) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    };
    const image = pick(preferred) ?? pick(all);
    if (image) out[region] = image;
  }
  return out;
}

const regionsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : []);

/** The affected datastores of a release, tier 3 first, early-upgrade teams first within a tier, then by name. */
export async function affectedDatastores(tx: Tx, release: ReleaseRow): Promise<AffectedRow[]> {
  const rows = await tx.datastore.findMany({
    where: { family: release.family, status: "active" },
    include: { team: { select: { id: true, slug: true, name: true, upgradeEarly: true } }, fleetNodes: { where: { goneAt: null } } },
  });
  const images = regionImagesOf(release);
  const out: AffectedRow[] = [];
  for (const d of rows) {
    const nodes = d.fleetNodes.filter((n) => !isOnRelease(release, images, n));
    const inventoried = d.fleetNodes.length > 0;
    if (nodes.length === 0 && (inventoried || d.engineVersion === release.engineVersion)) continue;
    // The regions it is provisioned in and any the inventory saw nodes in (a region being added or removed).
    const missing = regionsWithoutImage(images, [...regionsOf(d.regions), ...d.fleetNodes.map((n) => n.region)]);
    nodes.sort((a, b) => a.region.localeCompare(b.region) || a.zone.localeCompare(b.zone) || a.instanceId.localeCompare(b.instanceId));
    out.push({
      datastoreId: d.id,
      datastore: { id: d.id, name: d.name },
      team: { id: d.team.id, slug: d.team.slug, name: d.team.name },
      tier: d.tier,
      upgradeEarly: d.team.upgradeEarly,
      engineVersion: d.engineVersion,
      nodes: nodes.map((n) => ({ instanceId: n.instanceId, region: n.region, zone: n.zone, role: n.role, engineVersion: n.engineVersion, imageId: n.imageId })),
      versions: [...new Set(d.fleetNodes.map((n) => n.engineVersion))].sort(),
      missingImageRegions: missing,
      actions: { upgrade: toAction(missing.length > 0 ? conflict(missingImagesReason(missing)) : ALLOWED) },
      fromImageIds: imagesByRegion(nodes, d.fleetNodes),
    });
  }
  return out.sort((a, b) => b.tier - a.tier || Number(b.upgradeEarly) - Number(a.upgradeEarly) || a.datastore.name.localeCompare(b.datastore.name));
}

/** The newest preview of each datastore with the release's engine version (queued since the release). */
async function latestPreviews(tx: Tx, release: ReleaseRow, datastoreIds: string[]): Promise<Map<string, OperationRow>> {
  const ops = await tx.operation.findMany({
    where: { datastoreId: { in: datastoreIds }, kind: "preview", createdAt: { gte: release.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const out = new Map<string, OperationRow>();
  for (const op of ops) if (!out.has(op.datastoreId) && specEngineVersion(op.spec) === release.engineVersion) out.set(op.datastoreId, op);
  return out;
}

export async function listAffected({ actor, releaseId }: { actor: Actor; releaseId: string }): Promise<AffectedList> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only administrators see what a release affects across every team.");
  const tx = db();
  const release = await findRelease(tx, releaseId);
  const affected = await affectedDatastores(tx, release);
  const previews = await latestPreviews(
    tx,
    release,
    affected.map((a) => a.datastoreId),
  );
  const items = affected.map(({ datastoreId, fromImageIds: _from, ...a }) => {
    const op = previews.get(datastoreId);
    return { ...a, preview: op ? summarisePreview(op, a.engineVersion) : null };
  });
  return { release: await releaseDto(tx, release), items, datastoreCount: items.length, nodeCount: items.reduce((n, i) => n + i.nodes.length, 0) };
}

export async function queueBatchPreviews({ actor, releaseId }: { actor: Actor; releaseId: string }): Promise<BatchPreviewResult> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only administrators preview a release across the fleet.");
  await requireProvisioner();
  return db().$transaction(async (tx) => {
    const release = await findRelease(tx, releaseId);
    const affected = await affectedDatastores(tx, release);
    const busy = new Set(
      (
        await tx.operation.findMany({
          where: { datastoreId: { in: affected.map((a) => a.datastoreId) }, kind: "preview", status: { in: ["queued", "running"] } },
          select: { datastoreId: true, spec: true },
        })
      )
        .filter((o) => specEngineVersion(o.spec) === release.engineVersion)
        .map((o) => o.datastoreId),
    );
    const result: BatchPreviewResult = { queued: [], skipped: [] };
    for (const a of affected) {
      if (a.missingImageRegions.length > 0) {
        result.skipped.push({ datastoreId: a.datastoreId, reason: missingImagesReason(a.missingImageRegions) });
        continue;
      }
      if (busy.has(a.datastoreId)) {
        result.skipped.push({ datastoreId: a.datastoreId, reason: "a preview with this version is queued or running already" });
        continue;
      }
      const op = await queueReleasePreview(tx, a.datastoreId, release, actor);
      result.queued.push({ datastoreId: a.datastoreId, operationId: op.id });
    }
    await audit(tx, actor, {
      action: "release.previewed",
      subjectType: "settings",
      subjectId: release.id,
      detail: { family: release.family, engineVersion: release.engineVersion, operationIds: result.queued.map((q) => q.operationId) },
    });
    return result;
  });
}
