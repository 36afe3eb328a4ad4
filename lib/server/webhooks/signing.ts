// Standard Webhooks signing: `whsec_` secrets, message ids, and the three headers of every attempt, made by the
// `standardwebhooks` library (the reference implementation receivers verify with).
import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { env } from "@/lib/env";
import { deriveSecretKey, openSecret, sealSecret } from "../settings/secret-box";
import { resolveAuthSecret } from "../auth/secret";

/** A new signing secret: 32 random bytes, base64, with the `whsec_` prefix receivers' libraries expect. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The webhook-id of a new message (the same on every attempt and redelivery of it). */
export function newWebhookId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** A subscription id, made before the row so the sealed secret can be bound to it. */
export function newSubscriptionId(): string {
  return `wh_${randomBytes(12).toString("base64url")}`;
}

/** What the list shows of a secret: enough to tell two apart, nothing to sign with. */
export function secretPrefix(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** The headers of one attempt: signed over `webhook-id.timestamp.body` with the subscription's secret. */
export function signedHeaders(secret: string, webhookId: string, body: string, at: Date = new Date()): SignedHeaders {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return { "webhook-id": webhookId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
}

// ── At rest ─────────────────────────────────────────────────────────────────────────────────────────────────
// A signing secret must be readable to sign with, so it cannot be hashed as an API token is. It is sealed with
// AES-256-GCM under a key of its own derived (HKDF) from the portal's auth secret, and bound to its subscription's id:
// a database copy alone reveals no secret, and a sealed secret moved to another row does not open.
const KEY_INFO = "datastore-portal/webhooks/signing-secret/v1";
let cachedKey: Buffer | undefined;
const webhookKey = () => (cachedKey ??= deriveSecretKey(resolveAuthSecret({ configured: env.BETTER_AUTH_SECRET, dataDir: env.DATA_DIR }), KEY_INFO));
const aadOf = (subscriptionId: string) => Buffer.from(`webhook-subscription:${subscriptionId}`);

export function sealWebhookSecret(subscriptionId: string, secret: string): string {
  return sealSecret(secret, webhookKey(), aadOf(subscriptionId));
}

/** The secret, or null when it cannot be opened (the portal's auth secret changed): rotate to get a new one. */
export function openWebhookSecret(subscriptionId: string, sealed: string): string | null {
  return openSecret(sealed, webhookKey(), aadOf(subscriptionId));
}
