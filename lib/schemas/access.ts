// People, teams and access: the bodies clients send and the DTOs the API returns for /me, API tokens, users,
// teams and memberships. One schema for the handler, the form, the OpenAPI document and the browser's types.
import { z } from "zod";
import { actionsSchema } from "./actions";

export const TEAM_ROLES = ["member", "reviewer", "admin"] as const;
export const TeamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof TeamRoleSchema>;

/** Tokens act for automation: never with a team-admin role. */
export const TOKEN_ROLES = ["member", "reviewer"] as const;
export const TokenRoleSchema = z.enum(TOKEN_ROLES);

const AccessIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const NameSchema = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const EmailSchema = z
  .email("must be an email address")
  .max(320)
  .transform((e) => e.toLowerCase());
const DateTimeSchema = z.iso.datetime();

/** ?limit= and ?cursor= as query strings carry them. */
const PageQueryShape = {
  cursor: z.string().min(1, "must not be empty").max(64, "is not a cursor this API returned").optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 200")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 200, "must be a whole number from 1 to 200")
    .default(50),
};

// ── /me and teams ───────────────────────────────────────────────────────────────────────────────────────
export const UserRefSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

export const MyTeamSchema = z.strictObject({ id: z.string(), slug: z.string(), name: z.string(), role: TeamRoleSchema });

export const MeSchema = z.strictObject({
  /** session: a person in the browser; token: an API token acting for the person who created it. */
  kind: z.enum(["session", "token"]),
  user: UserRefSchema,
  isAdmin: z.boolean(),
  /** Reviews every team's requests and changes (the platform-reviewer grant; a token only when created with it). */
  platformReviewer: z.boolean(),
  /** Teams and roles this credential may act with (a token: exactly its own team and role). */
  teams: z.array(MyTeamSchema),
  token: z.strictObject({ id: z.string(), name: z.string(), expiresAt: DateTimeSchema }).nullable(),
  /**
   * What this credential may do beyond its teams' own work: review (GET /api/v1/reviews — some team's requests and
   * changes wait for it) and administer (users, teams and provisioning settings).
   */
  actions: actionsSchema(["review", "administer"]),
});
export type Me = z.infer<typeof MeSchema>;

export const TeamMemberSchema = z.strictObject({ userId: z.string(), role: TeamRoleSchema, user: UserRefSchema });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamSchema = z.strictObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  createdAt: DateTimeSchema,
  /** The caller's role in the team; null where they see it as a reviewer or admin without being in it. */
  role: TeamRoleSchema.nullable(),
  members: z.array(TeamMemberSchema),
  /** The team's policy: replacements of its tier 0/1 datastores' nodes run without a reviewer's approval. */
  autoMaintenance: z.boolean(),
  /** The team's channel for alarm warnings (an SNS topic ARN); null: the organisation's topic. */
  warningTopicArn: z.string().nullable(),
  /** The team takes upgrades in the first wave of their tier: campaigns order its datastores first within a tier. */
  upgradeEarly: z.boolean(),
  /** changePolicy: autoMaintenance, warningTopicArn and upgradeEarly (PATCH /api/v1/teams/{id}): its admins, portal admins. */
  actions: actionsSchema(["changePolicy"]),
});
export type Team = z.infer<typeof TeamSchema>;
export const TeamListSchema = z.strictObject({ items: z.array(TeamSchema), nextCursor: z.string().nullable() });

export const CreateTeamBodySchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1–40 lowercase letters, digits and dashes, not starting or ending with a dash"),
  name: NameSchema,
});
export type CreateTeamBody = z.output<typeof CreateTeamBodySchema>;

export const AddMemberBodySchema = z.strictObject({ userId: AccessIdSchema, role: TeamRoleSchema });
export const ChangeMemberBodySchema = z.strictObject({ role: TeamRoleSchema });

// ── API tokens ──────────────────────────────────────────────────────────────────────────────────────────
export const CreateTokenBodySchema = z.strictObject({
  name: NameSchema,
  teamId: AccessIdSchema,
  role: TokenRoleSchema,
  /** Carry your platform-reviewer grant (review every team's requests); only for people who hold it. */
  platformReviewer: z.boolean().default(false),
  expiresInDays: z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(365, "must be at most 365 days").default(90),
});
export type CreateTokenBody = z.output<typeof CreateTokenBodySchema>;
export type CreateTokenBodyInput = z.input<typeof CreateTokenBodySchema>;

export const TokenSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, to recognise it; the secret itself is never returned again. */
  prefix: z.string(),
  teamId: z.string(),
  team: z.strictObject({ id: z.string(), slug: z.string(), name: z.string() }),
  role: TokenRoleSchema,
  /** Carries its creator's platform-reviewer grant (while the creator holds it). */
  platformReviewer: z.boolean(),
  createdById: z.string(),
  createdAt: DateTimeSchema,
  expiresAt: DateTimeSchema,
  revokedAt: DateTimeSchema.nullable(),
  lastUsedAt: DateTimeSchema.nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});
export type Token = z.infer<typeof TokenSchema>;

/** The answer to creating a token: the only time its secret is sent. */
export const CreatedTokenSchema = z.strictObject({ ...TokenSchema.shape, secret: z.string() });
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

export const TokenListSchema = z.strictObject({ items: z.array(TokenSchema), nextCursor: z.string().nullable() });
export const TokenListQuerySchema = z.strictObject({
  /** Admins: every person's tokens, not only their own. */
  all: z
    .enum(["true", "false"], "must be true or false")
    .transform((v) => v === "true")
    .default(false),
  ...PageQueryShape,
});
export type TokenListQuery = z.output<typeof TokenListQuerySchema>;

// ── Users (administration) ──────────────────────────────────────────────────────────────────────────────
export const AdminUserSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  /** Reviews every team's requests and changes, not only those of teams where they are a reviewer. */
  platformReviewer: z.boolean(),
  createdAt: DateTimeSchema,
  memberships: z.array(z.strictObject({ teamId: z.string(), teamSlug: z.string(), role: TeamRoleSchema })),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;
export const AdminUserListSchema = z.strictObject({ items: z.array(AdminUserSchema), nextCursor: z.string().nullable() });
export const UserListQuerySchema = z.strictObject(PageQueryShape);
export type UserListQuery = z.output<typeof UserListQuerySchema>;

export const CreateUserBodySchema = z.strictObject({
  name: NameSchema,
  email: EmailSchema,
  /** Omitted: the portal generates one and returns it once. */
  password: z.string().min(12, "must be at least 12 characters").max(128, "must be at most 128 characters").optional(),
  isAdmin: z.boolean().default(false),
  platformReviewer: z.boolean().default(false),
});
export type CreateUserBody = z.output<typeof CreateUserBodySchema>;

/** A created user; `password` only when the portal generated it — shown this once. */
export const CreatedUserSchema = z.strictObject({ ...AdminUserSchema.shape, password: z.string().optional() });

/** Grants and withdrawals: portal administration, platform review; at least one. */
export const UpdateUserBodySchema = z
  .strictObject({ isAdmin: z.boolean().optional(), platformReviewer: z.boolean().optional() })
  .refine((b) => b.isAdmin !== undefined || b.platformReviewer !== undefined, { message: "must set isAdmin, platformReviewer or both" });
export type UpdateUserBody = z.output<typeof UpdateUserBodySchema>;
