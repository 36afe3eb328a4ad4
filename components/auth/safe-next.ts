// Where to go after signing in: only a path on this site, never another origin (an open redirect). The value is
// resolved as a browser would resolve it — tabs and newlines dropped, backslashes read as slashes, dot segments
// applied — and kept only if it stays on this origin and is not protocol-relative. It comes back re-serialised
// (percent-encoded ASCII), so it is also safe in a Location header. Used by the sign-in page and the form.

/** A placeholder origin: what `next` resolves against; anything that leaves it is refused. */
const HERE = "http://portal.invalid";
const MAX_LENGTH = 2000;

export function safeNext(next: string | undefined): string {
  if (!next || next.length > MAX_LENGTH || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return "/";
  }
  if (url.origin !== HERE) return "/";
  const target = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  if (target.startsWith("//")) return "/";
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return "/";
  return target;
}
