// What a caller may do with a request they can see, and why not: the verdicts the request use-cases enforce and the
// `actions` of its summary and detail carry — one rule for the API's answer and the browser's buttons.
import "server-only";
import { CANCELLABLE_STATUSES, EDITABLE_STATUSES, type RequestActions } from "@/lib/schemas/request";
import type { Actor } from "../auth/actor";
import { canRequestFor, canReviewTeam } from "../auth/policy";
import { ALLOWED, conflict, firstDenial, forbidden, toAction, type Verdict } from "../auth/verdict";

/** What the rules read of a request. */
export interface RequestFacts {
  status: string;
  teamId: string;
  createdById: string;
}

const editable = (r: RequestFacts) => (EDITABLE_STATUSES as readonly string[]).includes(r.status);
const ofTeam = (actor: Actor, r: RequestFacts, verb: string) => () =>
  canRequestFor(actor, r.teamId) ? ALLOWED : forbidden(`Only the requesting team can ${verb} this request.`);

/** Change the name, workload or family: the requesting team, while a draft or sent back for changes. */
export function editVerdict(actor: Actor, r: RequestFacts): Verdict {
  return firstDenial(ofTeam(actor, r, "edit"), () =>
    editable(r) ? ALLOWED : conflict(`The request is ${r.status}; only a draft or a request with changes requested can be edited.`),
  );
}

/** Submit for review: the requesting team, while a draft or sent back for changes. */
export function submitVerdict(actor: Actor, r: RequestFacts): Verdict {
  return firstDenial(ofTeam(actor, r, "submit"), () =>
    editable(r) ? ALLOWED : conflict(`The request is ${r.status}; only a draft or a request with changes requested can be submitted.`),
  );
}

/** Cancel: the requesting team, until it is finally decided. */
export function cancelVerdict(actor: Actor, r: RequestFacts): Verdict {
  return firstDenial(ofTeam(actor, r, "cancel"), () =>
    (CANCELLABLE_STATUSES as readonly string[]).includes(r.status) ? ALLOWED : conflict(`The request is ${r.status}; it can no longer be cancelled.`),
  );
}

/** Approve, send back or reject: a reviewer of its team (policy canReview), never its requester; while submitted. */
export function decideVerdict(actor: Actor, r: RequestFacts): Verdict {
  return firstDenial(
    () =>
      r.createdById === actor.userId
        ? forbidden("You cannot approve your own request: a request you created yourself is decided by another reviewer.")
        : ALLOWED,
    () => (canReviewTeam(actor, r.teamId) ? ALLOWED : forbidden("Only the team's reviewers and platform reviewers can decide on its requests.")),
    () => (r.status === "submitted" ? ALLOWED : conflict(`The request is ${r.status}; only a submitted request can be reviewed.`)),
  );
}

/** Comment: anyone who may see the request (its team, reviewers of its team, platform reviewers, admins), always. */
export function commentVerdict(): Verdict {
  return ALLOWED;
}

/** The `actions` of a request's summary and detail. */
export function requestActions(actor: Actor, r: RequestFacts): RequestActions {
  return {
    edit: toAction(editVerdict(actor, r)),
    submit: toAction(submitVerdict(actor, r)),
    cancel: toAction(cancelVerdict(actor, r)),
    decide: toAction(decideVerdict(actor, r)),
    comment: toAction(commentVerdict()),
  };
}
