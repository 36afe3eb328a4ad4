// The version a campaign step's replace-nodes launches its replacements on; read by the replace-nodes runner.
import "server-only";
import type { Tx } from "../db/client";

/**
 * The version a replace-nodes operation's replacements launch on when a campaign step ordered it: the release's for
 * the canary and the rollout, the version the datastore came from for a rollback. Null for every other replacement
 * (maintenance launches what the group's launch template says).
 */
export async function campaignLaunchOf(tx: Tx, operationId: string): Promise<{ engineVersion: string; imageId: string | null } | null> {
  const target = await tx.campaignTarget.findFirst({ where: { operationId }, include: { campaign: { include: { release: true } } } });
  if (!target) return null;
  if (target.step === "rolling-back") return { engineVersion: target.fromVersion, imageId: target.fromImageId };
  if (target.step === "canary" || target.step === "rollout")
    return { engineVersion: target.campaign.release.engineVersion, imageId: target.campaign.release.imageId };
  return null;
}
