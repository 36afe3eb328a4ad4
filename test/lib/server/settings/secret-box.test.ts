// Secrets at rest: AES-256-GCM under a key derived from the portal's secret; only the right key opens them.
import { describe, expect, it } from "vitest";
import { deriveSecretKey, openSecret, portalSecretKey, sealSecret } from "@/lib/server/settings/secret-box";

const key = deriveSecretKey("a-portal-secret-of-at-least-thirty-two-characters");
const otherKey = deriveSecretKey("another-portal-secret-of-at-least-thirty-two-chars");

describe("secret box", () => {
  it("seals to iv.tag.ciphertext in base64url and opens back to the plaintext", () => {
    const sealed = sealSecret("correct horse battery staple ✓", key);
    expect(sealed).toMatch(/^[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain("correct horse");
    expect(openSecret(sealed, key)).toBe("correct horse battery staple ✓");
  });

  it("uses a fresh IV each time: the same plaintext never seals the same twice", () => {
    expect(sealSecret("same passphrase", key)).not.toBe(sealSecret("same passphrase", key));
  });

  it("does not open under another key (the portal's secret changed)", () => {
    expect(openSecret(sealSecret("my passphrase", key), otherKey)).toBeNull();
  });

  it("does not open a tampered or malformed value", () => {
    const [iv = "", tag = "", data = ""] = sealSecret("my passphrase", key).split(".");
    const flipped = (data[0] === "A" ? "B" : "A") + data.slice(1);
    expect(openSecret(`${iv}.${tag}.${flipped}`, key)).toBeNull();
    expect(openSecret(`${iv}.${tag}`, key)).toBeNull();
    expect(openSecret("not-sealed-at-all", key)).toBeNull();
    expect(openSecret(`${iv}.${tag.slice(2)}.${data}`, key)).toBeNull();
  });

  it("derives distinct keys from distinct secrets, and the portal's key from its auth secret", () => {
    expect(key.equals(otherKey)).toBe(false);
    expect(key).toHaveLength(32);
    // The portal's key is stable across calls (the auth secret is generated once under DATA_DIR).
    expect(openSecret(sealSecret("portal passphrase"), portalSecretKey())).toBe("portal passphrase");
  });
});
