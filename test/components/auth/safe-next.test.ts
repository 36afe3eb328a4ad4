// safeNext keeps a sign-in's `next` on this site: every way a browser would resolve it off-site is refused, and what
// it returns is plain ASCII (safe in a Location header).
import { describe, expect, it } from "vitest";
import { safeNext } from "@/components/auth/safe-next";

/** What a browser does with a Location header or location.assign(): resolve it against the page's origin. */
const resolved = (target: string) => new URL(target, "https://portal.example.com/sign-in");

describe("safeNext", () => {
  it.each([
    ["a tab between slashes (/%09/evil-host decoded)", "/\t/evil-host"],
    ["a newline between slashes", "/\n/evil-host"],
    ["a carriage return between slashes", "/\r/evil-host"],
    ["a protocol-relative path", "//evil-host"],
    ["a backslash", "/\\evil-host"],
    ["a backslash after a tab", "/\t\\evil-host"],
    ["a dot segment that leaves //", "/.//evil-host"],
    ["an absolute URL", "https://evil-host/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path without a slash", "evil-host"],
    ["leading whitespace", " /requests"],
    ["the sign-in page itself", "/sign-in?next=/sign-in"],
    ["the sign-in page with a trailing slash", "/sign-in/"],
  ])("refuses %s", (_what, next) => {
    expect(safeNext(next)).toBe("/");
  });

  it.each([
    ["/requests/abc", "/requests/abc"],
    ["/catalog?q=viewing&tier=1", "/catalog?q=viewing&tier=1"],
    ["/reviews#queue", "/reviews#queue"],
    ["/%2F%2Fevil-host", "/%2F%2Fevil-host"],
    ["/café", "/caf%C3%A9"],
    ["/a\r\nSet-Cookie: x=1", "/aSet-Cookie:%20x=1"],
    ["/x/../requests", "/requests"],
  ])("keeps %j on this site as %j", (next, expected) => {
    const target = safeNext(next);
    expect(target).toBe(expected);
    expect(resolved(target).origin).toBe("https://portal.example.com");
  });

  it("returns only printable ASCII, whatever comes in", () => {
    for (const next of ["/\u00e9\u4e2d", "/\ud800", "/a\u0000b", "/\u2028x", `/${"a".repeat(1990)}`]) {
      const target = safeNext(next);
      expect(target, JSON.stringify(next)).toMatch(/^\/[\x21-\x7e]*$/);
      expect(resolved(target).origin).toBe("https://portal.example.com");
    }
    expect(safeNext(`/${"a".repeat(2000)}`)).toBe("/");
    expect(safeNext(undefined)).toBe("/");
  });
});
