// Authorization rules, in one place. Use-cases call these as guard clauses and throw forbidden/not_found.
import "server-only";
import { hasTeamRole, isReviewer, type Actor } from "./actor";

/** See a team's requests and datastores: its members, reviewers (they review every team) and admins. */
export function canViewTeam(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member") || isReviewer(actor);
}

/** Create, edit, submit or cancel a team's requests: the team's own members (any role) and admins. */
export function canRequestFor(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member");
}

/** Review a team's requests and changes: reviewers and admins, who review every team's (the team is for scoped rules). */
export function canReviewTeam(actor: Actor, _teamId: string): boolean {
  return isReviewer(actor);
}

/** Decide on a request or change: a reviewer of its team, never on one they asked for themselves. */
export function canReview(actor: Actor, subject: { teamId: string; createdById: string }): boolean {
  return canReviewTeam(actor, subject.teamId) && subject.createdById !== actor.userId;
}

/** Edit a datastore's SLA thresholds: its owners (team members) and reviewers. */
export function canEditDatastore(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member") || isReviewer(actor);
}

/** Users, teams and settings. */
export function canAdminister(actor: Actor): boolean {
  return actor.isAdmin && actor.kind === "user";
}
