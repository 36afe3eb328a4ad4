// The SSRF guard's classifier: which IP addresses a webhook may never be sent to, unless an administrator allows
// private targets (WEBHOOK_ALLOW_PRIVATE). IPv6 addresses that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d,
// IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside, so
// ::ffff:127.0.0.1 is loopback whichever way it is written.
import "server-only";
import { isIPv4, isIPv6 } from "node:net";

export type BlockedRange = "unspecified" | "loopback" | "private" | "shared" | "link-local" | "multicast" | "reserved";

/** What each kind of range is, for the error a person reads. */
export const RANGE_NAMES: Record<BlockedRange, string> = {
  unspecified: "an unspecified address",
  loopback: "a loopback address",
  private: "a private network address",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  "link-local": "a link-local address (cloud metadata services live there)",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

interface Range {
  base: bigint;
  bits: number;
  kind: BlockedRange;
}

function v4ToBigInt(ip: string): bigint {
  return ip.split(".").reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);
}

/** The 128-bit value of a valid IPv6 address (a zone id, %eth0, is ignored). */
function v6ToBigInt(ip: string): bigint {
  let text = ip.split("%")[0] ?? "";
  // A trailing dotted IPv4 part is two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = v4ToBigInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headParts = head === "" ? [] : head.split(":");
  const tailParts = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  const hextets = [...headParts, ...Array<string>(zeros).fill("0"), ...tailParts];
  return hextets.reduce((n, h) => (n << 16n) | BigInt(parseInt(h, 16)), 0n);
}

const v4 = (cidr: string, kind: BlockedRange): Range => {
  const [base = "", bits = "32"] = cidr.split("/");
  return { base: v4ToBigInt(base), bits: Number(bits), kind };
};
const v6 = (cidr: string, kind: BlockedRange): Range => {
  const [base = "", bits = "128"] = cidr.split("/");
  return { base: v6ToBigInt(base), bits: Number(bits), kind };
};

// IANA's special-purpose registries, the ranges a request from the portal must not reach.
const V4_RANGES: readonly Range[] = [
  v4("0.0.0.0/8", "unspecified"),
  v4("10.0.0.0/8", "private"),
  v4("100.64.0.0/10", "shared"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local"),
  v4("172.16.0.0/12", "private"),
  v4("192.0.0.0/24", "reserved"),
  v4("192.168.0.0/16", "private"),
  v4("198.18.0.0/15", "reserved"),
  v4("224.0.0.0/4", "multicast"),
  v4("240.0.0.0/4", "reserved"),
];
const V6_RANGES: readonly Range[] = [
  v6("::/128", "unspecified"),
  v6("::1/128", "loopback"),
  v6("64:ff9b:1::/48", "private"),
  v6("100::/64", "reserved"),
  v6("fc00::/7", "private"),
  v6("fe80::/10", "link-local"),
  v6("fec0::/10", "private"),
  v6("ff00::/8", "multicast"),
];

const inRange = (value: bigint, width: number, r: Range) => value >> BigInt(width - r.bits) === r.base >> BigInt(width - r.bits);

function classifyV4(value: bigint): BlockedRange | null {
  return V4_RANGES.find((r) => inRange(value, 32, r))?.kind ?? null;
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
function embeddedV4(value: bigint): bigint | null {
  const top96 = value >> 32n;
  if (top96 === 0xffffn) return value & 0xffffffffn; // ::ffff:a.b.c.d
  if (top96 === 0n) return value & 0xffffffffn; // ::a.b.c.d (deprecated, still routed by some stacks)
  if (top96 === 0x0064ff9b0000000000000000n) return value & 0xffffffffn; // 64:ff9b::a.b.c.d
  if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn; // 2002:aabb:ccdd::
  return null;
}

/** The blocked range an IP address falls in, or null when it is a public address. Not an IP address: throws. */
export function classifyAddress(ip: string): BlockedRange | null {
  if (isIPv4(ip)) return classifyV4(v4ToBigInt(ip));
  if (!isIPv6(ip)) throw new TypeError(`not an IP address: ${ip}`);
  const value = v6ToBigInt(ip);
  const own = V6_RANGES.find((r) => inRange(value, 128, r))?.kind;
  if (own) return own;
  const inner = embeddedV4(value);
  return inner === null ? null : classifyV4(inner);
}
