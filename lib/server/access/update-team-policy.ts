// A team's maintenance policy, warning channel and upgrade opt-in: automatic maintenance (its tier 0/1 datastores'
// node replacements run without a reviewer), the SNS topic its alarm warnings go to, and whether its datastores take
// upgrades in the first wave of their tier (campaigns created afterwards order them first). The team's admins and
// portal administrators; audited with the values before and after.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Team } from "@/lib/schemas/access";
import type { TeamPolicyPatch } from "@/lib/schemas/maintenance";
import type { Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { requireAllowed } from "../auth/verdict";
import { changeTeamPolicyVerdict, TEAM_INCLUDE, toTeamDto } from "./access-dto";

export async function updateTeamPolicy({ actor, teamId, body }: { actor: Actor; teamId: string; body: TeamPolicyPatch }): Promise<Team> {
  return db().$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, include: TEAM_INCLUDE });
    if (!team || !canViewTeam(actor, team.id)) throw new AppError("not_found", `No team ${JSON.stringify(teamId.slice(0, 100))} that you can see.`);
    requireAllowed(changeTeamPolicyVerdict(actor, team.id));
    const before = { autoMaintenance: team.autoMaintenance, warningTopicArn: team.warningTopicArn, upgradeEarly: team.upgradeEarly };
    const after = {
      autoMaintenance: body.autoMaintenance ?? team.autoMaintenance,
      warningTopicArn: body.warningTopicArn === undefined ? team.warningTopicArn : body.warningTopicArn,
      upgradeEarly: body.upgradeEarly ?? team.upgradeEarly,
    };
    const updated = await tx.team.update({ where: { id: team.id }, data: after, include: TEAM_INCLUDE });
    await audit(tx, actor, { action: "team.policy-changed", subjectType: "team", subjectId: team.id, teamId: team.id, detail: { before, after } });
    return toTeamDto(updated, actor);
  });
}
