// Who is on the other end of a request. A client may send any X-Forwarded-* header it likes, so they are believed
// only from TRUSTED_PROXIES (default: none): a guard on Node's HTTP server rewrites them from the TCP connection before
// Next.js reads the request, and everything after it (rate limits, audit, better-auth, the Origin check) reads the
// rewritten headers through clientAddress() and requestOrigin().
import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/** The forwarding headers a client could forge: dropped unless a trusted proxy sent them. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"] as const;

/** An address as written in logs and rate-limit keys: IPv4-mapped IPv6 (::ffff:10.0.0.1) as plain IPv4; null if not an IP. */
export function normaliseAddress(raw: string): string | null {
  const trimmed = raw.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const address = mapped?.[1] ?? trimmed;
  const family = isIP(address);
  if (family === 0) return null;
  return family === 6 ? address.toLowerCase() : address;
}

/** TRUSTED_PROXIES as a lookup (entries were validated by lib/env.ts). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const normal = normaliseAddress(address);
    if (!normal) continue;
    const type = isIP(normal) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(normal, type);
    else list.addSubnet(normal, Number(prefix), type);
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * Rewrites a request's forwarding headers from its connection: from an untrusted peer every forwarding header goes
 * and X-Forwarded-For becomes the peer's address (Next.js then fills -Proto and -Host from the socket and Host); a
 * trusted proxy's headers stay, with the proxy appended to X-Forwarded-For as the next hop.
 */
export function guardForwardedHeaders(headers: IncomingMessage["headers"], peer: string | undefined, trusted: BlockList): void {
  const address = peer ? normaliseAddress(peer) : null;
  if (address && isTrusted(address, trusted)) {
    const chain = headers["x-forwarded-for"];
    const previous = Array.isArray(chain) ? chain.join(", ") : chain;
    headers["x-forwarded-for"] = previous ? `${previous}, ${address}` : address;
    return;
  }
  for (const name of FORWARDING_HEADERS) delete headers[name];
  if (address) headers["x-forwarded-for"] = address;
}

const globalForGuard = globalThis as unknown as { portalForwardingGuard?: BlockList };

/**
 * Installs the guard on every HTTP request this process serves (Node's `http.server.request.start` channel fires
 * before the request reaches Next.js). Called once from instrumentation.ts; later calls only update the list.
 */
export function installForwardedHeaderGuard(trustedProxies: readonly string[]): void {
  const first = globalForGuard.portalForwardingGuard === undefined;
  globalForGuard.portalForwardingGuard = trustedProxyList(trustedProxies);
  if (!first) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: { remoteAddress?: string } };
    guardForwardedHeaders(request.headers, socket.remoteAddress, globalForGuard.portalForwardingGuard ?? new BlockList());
  });
}

/**
 * The client's address: X-Forwarded-For read from the right, past the trusted proxies (the guard has already made
 * it the connection's address when no trusted proxy is in front). null when there is none to go by.
 */
export function clientAddress(headers: Headers | undefined, trusted: BlockList = globalForGuard.portalForwardingGuard ?? new BlockList()): string | null {
  const hops = (headers?.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  let client: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = normaliseAddress(hops[i] ?? "");
    // Garbage in the chain: nothing left of it can be believed.
    if (!client) return null;
    if (!isTrusted(client, trusted)) return client;
  }
  // Only trusted hops (a request from the proxy itself): the first of them.
  return client;
}

/**
 * The key that counts one client's attempts: an IPv6 client controls a whole /64, so that is the unit (as
 * better-auth's own rate limiter does); an IPv4 address is its own.
 */
export function rateLimitSubject(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : address.split(":");
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
