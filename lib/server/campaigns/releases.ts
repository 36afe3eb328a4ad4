// Family releases: an administrator sets a new engine version and machine images (one per region: an AMI lives in
// one region) for a family; the newest is its current release (what campaigns roll out). Creating one is audited;
// the same version and images twice is a 409. A release from before images were per region has one image (imageId),
// which stands for every region — what it meant when it was released; see regionImagesOf.
import "server-only";
import { AppError } from "@/lib/errors";
import {
  describeImages,
  imageInRegion,
  imagesKey,
  type CreateReleaseBody,
  type FamilyReleaseDto,
  type FamilyReleaseList,
  type RegionImages,
} from "@/lib/schemas/campaign";
import type { Family } from "@/lib/schemas/plan";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";

export type ReleaseRow = Awaited<ReturnType<Tx["familyRelease"]["findFirstOrThrow"]>>;

/** A stored region → image map (a JSON column), keeping only string entries. */
export function storedImageIds(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** What the release launches, region by region (a release from before images were per region: its one image everywhere). */
export function regionImagesOf(row: Pick<ReleaseRow, "imageIds" | "imageId">): RegionImages {
  return { imageIds: storedImageIds(row.imageIds), imageId: row.imageId };
}

/** A node is on the release when it runs the release's engine version on the release's image for its region. */
export function isOnRelease(
  release: Pick<ReleaseRow, "engineVersion">,
  images: RegionImages,
  node: { region: string; engineVersion: string; imageId: string },
): boolean {
  return node.engineVersion === release.engineVersion && node.imageId === imageInRegion(images, node.region);
}

/** Why a datastore cannot be upgraded with the release: the regions it runs in that the release has no image for. */
export function missingImagesReason(regions: readonly string[]): string {
  return `The release has no image for ${regions.join(", ")}, where the datastore runs: add a release with an image for ${regions.length === 1 ? "that region" : "those regions"}.`;
}

export function toReleaseDto(row: ReleaseRow, currentId: string | null): FamilyReleaseDto {
  const images = regionImagesOf(row);
  return {
    id: row.id,
    family: row.family as Family,
    engineVersion: row.engineVersion,
    imageIds: { ...images.imageIds },
    imageId: images.imageId,
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
        data: {
          family: input.family,
          engineVersion: input.engineVersion,
          imageIds: input.imageIds,
          imageId: null,
          imagesKey: imagesKey(input.imageIds),
          notes: input.notes ?? null,
          createdBy: actor.label,
        },
      });
      await audit(tx, actor, {
        action: "release.created",
        subjectType: "settings",
        subjectId: row.id,
        detail: { family: row.family, engineVersion: row.engineVersion, imageIds: input.imageIds },
      });
      return toReleaseDto(row, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        "conflict",
        `${input.family} ${input.engineVersion} with images ${describeImages({ imageIds: input.imageIds, imageId: null })} is released already.`,
        { fieldErrors: [{ field: "engineVersion", message: "is released already with these images" }] },
      );
    throw error;
  }
}
