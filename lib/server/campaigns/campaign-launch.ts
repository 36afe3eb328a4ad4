// The version a campaign step's replace-nodes launches its replacements on; read by the replace-nodes runner.
import "server-only";
import type { Tx } from "../db/client";
import type { LaunchVersion } from "../fleet/fleet-cloud";
import { regionImagesOf, storedImageIds } from "./releases";

/**
 * The version a replace-nodes operation's replacements launch on when a campaign step ordered it: the release's for
 * the canary and the rollout, the version the datastore came from for a rollback. Null for every other replacement
 * (maintenance launches what the group's launch template says).
 *
 * The images are per region (an AMI exists in one region), for the regions of the operation's nodes. A region with
 * no image is left out of the map, so that launching there fails by name (launchImageIn) instead of launching another
 * region's AMI. A release or a target from before images were per region has one image: it stands for every region,
 * as it did then. A rollback of a target that recorded no image launches what the terminated node ran (imageIds null).
 */
export async function campaignLaunchOf(tx: Tx, operationId: string): Promise<LaunchVersion | null> {
  const target = await tx.campaignTarget.findFirst({ where: { operationId }, include: { campaign: { include: { release: true } } } });
  if (!target) return null;
  const regions = (await tx.replacementStep.findMany({ where: { operationId }, select: { region: true }, distinct: ["region"] })).map((s) => s.region);
  const perRegion = (imageIds: Readonly<Record<string, string>>, every: string | null): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const region of regions) {
      const image = imageIds[region] ?? every;
      if (image) out[region] = image;
    }
    return out;
  };
  if (target.step === "rolling-back") {
    const from = storedImageIds(target.fromImageIds);
    if (Object.keys(from).length === 0 && target.fromImageId === null) return { engineVersion: target.fromVersion, imageIds: null };
    return { engineVersion: target.fromVersion, imageIds: perRegion(from, target.fromImageId) };
  }
  if (target.step === "canary" || target.step === "rollout") {
    const images = regionImagesOf(target.campaign.release);
    return { engineVersion: target.campaign.release.engineVersion, imageIds: perRegion(images.imageIds, images.imageId) };
  }
  return null;
}
