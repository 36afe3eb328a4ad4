// Webhooks (Standard Webhooks): the event types a team can subscribe to, the bodies clients send to manage
// subscriptions, and the DTOs of subscriptions and deliveries. One schema for the handler, the form and the document.
import { z } from "zod";
import { PageQuerySchema } from "./datastore";

/** Every event the portal emits, as `<resource>.<transition>`. */
export const WEBHOOK_EVENTS = [
  "request.submitted",
  "request.approved",
  "request.changes_requested",
  "request.rejected",
  "datastore.active",
  "datastore.failed",
  "datastore.decommissioned",
  "datastore.drifted",
  "operation.succeeded",
  "operation.failed",
  "change.awaiting_review",
  "threshold.changed",
  "fleet.event_scheduled",
  "fleet.node_impaired",
  "maintenance.scheduled",
  "maintenance.completed",
  "maintenance.failed",
  "benchmark.completed",
  "campaign.started",
  "campaign.awaiting_review",
  "campaign.halted",
  "campaign.completed",
  "campaign.aborted",
] as const;
/** The upgrade campaign's events: the teams owning its datastores receive them. */
export const CAMPAIGN_WEBHOOK_EVENTS = WEBHOOK_EVENTS.filter((e): e is Extract<(typeof WEBHOOK_EVENTS)[number], `campaign.${string}`> =>
  e.startsWith("campaign."),
);
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(", ")}` });
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** The test message a person sends from the portal (never emitted by a state change, always deliverable). */
export const WEBHOOK_PING = "webhook.ping";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivering", "delivered", "failed"] as const;
export const WebhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);

const IdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const DateTimeSchema = z.iso.datetime();

/** An absolute http(s) URL without credentials; whether its host may be called is the server's check (SSRF guard). */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .refine((v) => URL.canParse(v), "must be an absolute URL (https://…)")
  .refine((v) => !URL.canParse(v) || /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL")
  .refine((v) => !URL.canParse(v) || (new URL(v).username === "" && new URL(v).password === ""), "must not carry a user name or password");

const EventsSchema = z
  .array(WebhookEventSchema)
  .min(1, "must name at least one event")
  .max(WEBHOOK_EVENTS.length, `must name at most ${WEBHOOK_EVENTS.length} events`)
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

const DescriptionSchema = z.string().trim().max(200, "must be at most 200 characters");

export const CreateWebhookBodySchema = z.strictObject({
  teamId: IdSchema,
  url: WebhookUrlSchema,
  events: EventsSchema,
  description: DescriptionSchema.optional(),
});
export type CreateWebhookBody = z.output<typeof CreateWebhookBodySchema>;
export type CreateWebhookBodyInput = z.input<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z
  .strictObject({
    url: WebhookUrlSchema.optional(),
    events: EventsSchema.optional(),
    description: DescriptionSchema.nullable().optional(),
    /** false disables (reason "manual"); true enables and resets the failure count. */
    enabled: z.boolean("must be true or false").optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "must change at least one of url, events, description, enabled" });
export type UpdateWebhookBody = z.output<typeof UpdateWebhookBodySchema>;
export type UpdateWebhookBodyInput = z.input<typeof UpdateWebhookBodySchema>;

export const WebhookSchema = z.strictObject({
  id: z.string(),
  team: z.strictObject({ id: z.string(), slug: z.string(), name: z.string() }),
  url: z.string(),
  events: z.array(WebhookEventSchema),
  description: z.string().nullable(),
  /** The first characters of the signing secret (the secret itself is shown once). */
  secretPrefix: z.string(),
  enabled: z.boolean(),
  /** Why it is disabled: "manual" (a person) or "failures" (the portal, after repeated failed deliveries). */
  disabledReason: z.enum(["manual", "failures"]).nullable(),
  disabledAt: DateTimeSchema.nullable(),
  /** Failed delivery attempts in a row; at the limit the portal disables the subscription. */
  failureCount: z.number().int().nonnegative(),
  failureLimit: z.number().int().positive(),
  createdBy: z.string(),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type WebhookDto = z.infer<typeof WebhookSchema>;

/** A subscription with its signing secret: the answer to a create or a rotation, and only those. */
export const WebhookWithSecretSchema = WebhookSchema.extend({ secret: z.string().meta({ description: "whsec_…: shown this once." }) });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecretSchema>;

export const WebhookListSchema = z.strictObject({ items: z.array(WebhookSchema), nextCursor: z.string().nullable() });
export type WebhookList = z.infer<typeof WebhookListSchema>;

export const WebhookListQuerySchema = PageQuerySchema.extend({
  /** One team's subscriptions; without it, those of every team you belong to (administrators: every team's). */
  teamId: IdSchema.optional(),
});
export type WebhookListQuery = z.output<typeof WebhookListQuerySchema>;

export const WebhookDeliverySchema = z.strictObject({
  id: z.string(),
  subscriptionId: z.string(),
  eventType: z.string(),
  /** The webhook-id header: the same on every attempt and on a redelivery. */
  webhookId: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  nextAttemptAt: DateTimeSchema.nullable(),
  lastAttemptAt: DateTimeSchema.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** The start of the receiver's last answer (at most 1 KiB). */
  responseExcerpt: z.string().nullable(),
  redeliveryOfId: z.string().nullable(),
  deliveredAt: DateTimeSchema.nullable(),
  createdAt: DateTimeSchema,
  /** The body sent, as sent. */
  payload: z.string(),
});
export type WebhookDeliveryDto = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListSchema = z.strictObject({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;
export const WebhookDeliveryListQuerySchema = PageQuerySchema;
