// Signing: what the portal sends verifies with the standardwebhooks library receivers use; a changed body, another
// secret or another message id does not; the secret is sealed at rest and bound to its subscription.
import { describe, expect, it } from "vitest";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { newWebhookId, newWebhookSecret, openWebhookSecret, sealWebhookSecret, signedHeaders } from "@/lib/server/webhooks/signing";

describe("webhook signing", () => {
  it("makes whsec_ secrets of 32 random bytes", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it("signs so that Webhook.verify accepts the message and returns its payload", () => {
    const secret = newWebhookSecret();
    const id = newWebhookId();
    const body = JSON.stringify({ type: "request.submitted", timestamp: new Date().toISOString(), data: { request: { id: "r1" } } });
    const headers = signedHeaders(secret, id, body);
    expect(headers["webhook-id"]).toBe(id);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("fails verification for a changed body, another secret, another id, or an old timestamp", () => {
    const secret = newWebhookSecret();
    const body = '{"type":"webhook.ping"}';
    const headers = signedHeaders(secret, "msg_1", body);
    expect(() => new Webhook(secret).verify('{"type":"webhook.pong"}', { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow(WebhookVerificationError);
    const old = signedHeaders(secret, "msg_1", body, new Date(Date.now() - 10 * 60 * 1000));
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow(WebhookVerificationError);
  });

  it("seals the secret at rest: the sealed text does not contain it and opens only for its own subscription", () => {
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret("wh_a", secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(openWebhookSecret("wh_a", sealed)).toBe(secret);
    expect(openWebhookSecret("wh_b", sealed)).toBeNull();
    expect(openWebhookSecret("wh_a", `${sealed.slice(0, -2)}AA`)).toBeNull();
  });
});
