// API token secrets: 32 random bytes, shown once, stored as SHA-256. A hash is enough for high-entropy secrets
// (unlike passwords there is nothing to guess); the prefix lets people recognise a token in a list.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "dsp_";

export function newTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX.length + 6), hash: hashToken(secret) };
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
