// The API's response shapes as the browser reads them: all z.infer of the shared schemas in lib/schemas, so the
// pages and the handlers cannot disagree about a field.
export type { Me, TeamRole, Token as TokenDto, CreatedToken, AdminUser as AdminUserDto, Team as TeamDto, UserRef } from "@/lib/schemas/access";
export type { RequestStatus, Decision, RequestDto, RequestDetailDto, RequestSummary, ReviewDecisionDto, CommentDto } from "@/lib/schemas/request";
export type { ReviewItem, ReviewKind, ReviewQueue } from "@/lib/schemas/review";
export type { DatastoreDto, DatastoreDetailDto, DatastoreActions, DatastoreSummary, AuditEventDto, TopologyCluster } from "@/lib/schemas/datastore";
export type { Action } from "@/lib/schemas/actions";

/** Every list of the API: a page of items and the cursor of the next (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
