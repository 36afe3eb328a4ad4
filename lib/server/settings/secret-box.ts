// Secrets at rest (the stored Pulumi passphrase): AES-256-GCM under a key derived from the portal's auth secret, so
// a copy of the database alone does not reveal them. Sealed text is `iv.tag.ciphertext`, each base64url.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { resolveAuthSecret } from "../auth/secret";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF's info: a key for this purpose only, never the session-signing key itself. */
const KEY_INFO = "datastore-portal/org-settings/secret-box/v1";
/** Bound into the tag: a sealed value only opens as what it was sealed for. */
const AAD = Buffer.from("org-settings:pulumi-passphrase");

/** A 256-bit key for sealing, derived from a secret (HKDF-SHA-256). */
export function deriveSecretKey(secret: string, info: string = KEY_INFO): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), info, 32));
}

/** The portal's key: from BETTER_AUTH_SECRET, or the secret generated under DATA_DIR (the same one sessions use). */
export function portalSecretKey(): Buffer {
  return deriveSecretKey(resolveAuthSecret({ configured: env.BETTER_AUTH_SECRET, dataDir: env.DATA_DIR }));
}

/** `aad` binds the sealed text to what it is for (default: the Pulumi passphrase); opening needs the same. */
export function sealSecret(plaintext: string, key: Buffer = portalSecretKey(), aad: Buffer = AAD): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

/**
 * The plaintext of a sealed value, or null when it cannot be opened: malformed, tampered with, or sealed under
 * another key (the portal's secret changed). Never throws: callers treat an unreadable secret as "not set".
 */
export function openSecret(sealed: string, key: Buffer = portalSecretKey(), aad: Buffer = AAD): string | null {
  const parts = sealed.split(".");
  if (parts.length !== 3) return null;
  const [iv, tag, data] = parts.map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !data || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
