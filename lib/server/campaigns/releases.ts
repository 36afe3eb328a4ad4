// Family releases: an administrator sets a new engine version and image for a family; the newest is its current
// release (what campaigns roll out). Creating one is audited; the same version and image twice is a 409.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CreateReleaseBody, FamilyReleaseDto, FamilyReleaseList } from "@/lib/schemas/campaign";
import type { Family } from "@/lib/schemas/plan";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";

export type ReleaseRow = Awaited<ReturnType<Tx["familyRelease"]["findFirstOrThrow"]>>;

export function toReleaseDto(row: ReleaseRow, currentId: string | null): FamilyReleaseDto {
  return {
    id: row.id,
    family: row.family as Family,
    engineVersion: row.engineVersion,
    imageId: row.imageId,
    notes: row.notes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    current: row.id === currentId,
  };
}

/** The current (newest) release id of a family. */
export async function currentReleaseId(tx: Tx, family: string): Promise<string | null> {
  const row = await tx.familyRelease.findFirst({ where: { family }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return row?.id ?? null;
}

export async function releaseDto(tx: Tx, row: ReleaseRow): Promise<FamilyReleaseDto> {
  return toReleaseDto(row, await currentReleaseId(tx, row.family));
}

export async function findRelease(tx: Tx, id: string): Promise<ReleaseRow> {
  const row = await tx.familyRelease.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", `No release ${JSON.stringify(id.slice(0, 100))}.`);
  return row;
}

export async function listReleases({ family }: { actor: Actor; family?: Family }): Promise<FamilyReleaseList> {
  const rows = await db().familyRelease.findMany({ where: family ? { family } : {}, orderBy: [{ family: "asc" }, { createdAt: "desc" }, { id: "desc" }] });
  const current = new Map<string, string>();
  for (const r of rows) if (!current.has(r.family)) current.set(r.family, r.id);
  return { items: rows.map((r) => toReleaseDto(r, current.get(r.family) ?? null)) };
}

export async function createRelease({ actor, input }: { actor: Actor; input: CreateReleaseBody }): Promise<FamilyReleaseDto> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only administrators release new versions of a family.");
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.familyRelease.create({
        data: { family: input.family, engineVersion: input.engineVersion, imageId: input.imageId, notes: input.notes ?? null, createdBy: actor.label },
      });
      await audit(tx, actor, {
        action: "release.created",
        subjectType: "settings",
        subjectId: row.id,
        detail: { family: row.family, engineVersion: row.engineVersion, imageId: row.imageId },
      });
      return toReleaseDto(row, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `${input.family} ${input.engineVersion} with image ${input.imageId} is released already.`, {
        fieldErrors: [{ field: "engineVersion", message: "is released already with this image" }],
      });
    throw error;
  }
}
