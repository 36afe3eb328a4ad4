// Authorization rules, in one place. Use-cases call these as guard clauses and throw forbidden/not_found.
//
// Reviewing: a reviewer (or team admin) of a team reviews that team's requests and changes; reviewing every team's
// is the explicit platform-reviewer grant (the data-platform experts, the Netflix way), held by people an
// administrator names and by tokens created with it. Nobody decides on what they asked for themselves.
import "server-only";
import { hasTeamRole, reviewsEveryTeam, type Actor } from "./actor";

/** See a team's requests and datastores: its members (any role), platform reviewers and admins. */
export function canViewTeam(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member") || reviewsEveryTeam(actor);
}

/** Create, edit, submit or cancel a team's requests: the team's own members (any role) and admins. */
export function canRequestFor(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member");
}

/** Review a team's requests and changes: its reviewers and team admins, platform reviewers and portal admins. */
export function canReviewTeam(actor: Actor, teamId: string): boolean {
  return reviewsEveryTeam(actor) || hasTeamRole(actor, teamId, "reviewer");
}

/** Decide on a request or change: a reviewer of its team, never on one they asked for themselves. */
export function canReview(actor: Actor, subject: { teamId: string; createdById: string }): boolean {
  return canReviewTeam(actor, subject.teamId) && subject.createdById !== actor.userId;
}

/** Edit a datastore's SLA thresholds and run its operations: its owners (team members) and platform reviewers. */
export function canEditDatastore(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, "member") || reviewsEveryTeam(actor);
}

/** Users, teams and settings. */
export function canAdminister(actor: Actor): boolean {
  return actor.isAdmin && actor.kind === "user";
}
