// Named schemas of the OpenAPI document: the shared zod schemas themselves, under the names clients see.
import { FieldErrorSchema, ProblemSchema } from "../errors";
import {
  CatalogInstanceSchema,
  ClusterSchema,
  FamilySchema,
  InstanceListSchema,
  PlanRequestSchema,
  PlanResultSchema,
  PlanSchema,
  RangeSchema,
  RecommendationResultSchema,
  RecommendationSchema,
  RejectedShapeSchema,
  ThresholdSchema,
  WorkloadSchema,
} from "../schemas";
import {
  AuditEventListSchema,
  AuditEventSchema,
  BackstageCatalogInfoSchema,
  DatastoreListSchema,
  DatastoreSchema,
  ThresholdsUpdateSchema,
  TopologyClusterSchema,
} from "../schemas/datastore";
import {
  AddMemberBodySchema,
  AdminUserListSchema,
  AdminUserSchema,
  ChangeMemberBodySchema,
  CreatedTokenSchema,
  CreatedUserSchema,
  CreateTeamBodySchema,
  CreateTokenBodySchema,
  CreateUserBodySchema,
  MeSchema,
  TeamListSchema,
  TeamSchema,
  TokenListSchema,
  TokenSchema,
  UpdateUserBodySchema,
} from "../schemas/access";
import {
  CommentBodySchema,
  CommentDtoSchema,
  CommentListSchema,
  CreateRequestBodySchema,
  EmptyBodySchema,
  RequestDetailDtoSchema,
  RequestDtoSchema,
  RequestListSchema,
  ReviewDecisionBodySchema,
  ReviewDecisionDtoSchema,
  UpdateRequestBodySchema,
} from "../schemas/request";
import { OpenApiDocumentSchema } from "./document-schema";

/** What clients send: rendered as zod's input types (defaults make fields optional). */
export const REQUEST_COMPONENTS = {
  Workload: WorkloadSchema,
  PlanRequest: PlanRequestSchema,
  Range: RangeSchema,
  Family: FamilySchema,
  ThresholdsUpdate: ThresholdsUpdateSchema,
  // Requests and review
  CreateRequestBody: CreateRequestBodySchema,
  UpdateRequestBody: UpdateRequestBodySchema,
  ReviewDecisionBody: ReviewDecisionBodySchema,
  CommentBody: CommentBodySchema,
  EmptyBody: EmptyBodySchema,
  // People, teams and access
  CreateTokenBody: CreateTokenBodySchema,
  CreateTeamBody: CreateTeamBodySchema,
  AddMemberBody: AddMemberBodySchema,
  ChangeMemberBody: ChangeMemberBodySchema,
  CreateUserBody: CreateUserBodySchema,
  UpdateUserBody: UpdateUserBodySchema,
};

/** What the API returns: rendered as zod's output types. */
export const RESPONSE_COMPONENTS = {
  RecommendationResult: RecommendationResultSchema,
  Recommendation: RecommendationSchema,
  PlanResult: PlanResultSchema,
  Plan: PlanSchema,
  Cluster: ClusterSchema,
  Threshold: ThresholdSchema,
  RejectedShape: RejectedShapeSchema,
  InstanceList: InstanceListSchema,
  CatalogInstance: CatalogInstanceSchema,
  Family: FamilySchema,
  Problem: ProblemSchema,
  FieldError: FieldErrorSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  // People, teams and access
  Me: MeSchema,
  Team: TeamSchema,
  TeamList: TeamListSchema,
  Token: TokenSchema,
  CreatedToken: CreatedTokenSchema,
  TokenList: TokenListSchema,
  AdminUser: AdminUserSchema,
  AdminUserList: AdminUserListSchema,
  CreatedUser: CreatedUserSchema,
  Datastore: DatastoreSchema,
  DatastoreList: DatastoreListSchema,
  TopologyCluster: TopologyClusterSchema,
  AuditEvent: AuditEventSchema,
  AuditEventList: AuditEventListSchema,
  BackstageCatalogInfo: BackstageCatalogInfoSchema,
  // Requests and review
  Request: RequestDtoSchema,
  RequestDetail: RequestDetailDtoSchema,
  RequestList: RequestListSchema,
  ReviewDecision: ReviewDecisionDtoSchema,
  RequestComment: CommentDtoSchema,
  RequestCommentList: CommentListSchema,
};
