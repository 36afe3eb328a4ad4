// The security headers of every response (proxy.ts sets them): a Content Security Policy that lets only scripts
// carrying this response's nonce run (Next.js puts it on its own scripts), no framing, no MIME sniffing, no full
// URLs in Referer to other sites, and HSTS when the portal is served over https.
//
// No Next.js imports, so that the rules can be tested without a server.
import "server-only";

/** A fresh nonce: 16 random bytes, base64 (CSP nonces are base64-value). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface PolicyOptions {
  /** The page's nonce; API responses (JSON, YAML, archives) run no scripts and get none. */
  nonce?: string;
  /** PUBLIC_URL is https: upgrade stray http subresources. */
  https: boolean;
  /** next dev: React's dev build evaluates code for its error overlays. */
  development: boolean;
}

/**
 * The Content-Security-Policy header. Styles allow 'unsafe-inline' because React renders style attributes (bar
 * widths) that a nonce cannot cover; scripts never do.
 */
export function contentSecurityPolicy(opts: PolicyOptions): string {
  if (!opts.nonce) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** One year: browsers keep using https for the portal's host even when someone types http://. */
export const HSTS_VALUE = "max-age=31536000";

/** Every header of a response, the CSP included. */
export function securityHeaders(opts: PolicyOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(opts),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    // Browsers honour (and otherwise complain in the console about) these two only over https.
    ...(opts.https ? { "cross-origin-opener-policy": "same-origin", "strict-transport-security": HSTS_VALUE } : {}),
  };
}

/** True when a path holds a % that does not start a valid UTF-8 escape sequence (Next.js would answer 500). */
export function hasMalformedEscape(path: string): boolean {
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}
