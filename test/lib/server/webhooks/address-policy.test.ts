// The SSRF classifier: every blocked range is blocked wherever in it an address falls, in IPv4 and in every IPv6 form
// that carries an IPv4 address; public addresses pass.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress, type BlockedRange } from "@/lib/server/webhooks/address-policy";

const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
const v4Base = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);

/** An IPv4 address anywhere in a CIDR range. */
const inV4 = (cidr: string) => {
  const [base = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return fc.integer({ min: 0, max: size - 1 }).map((offset) => dotted(v4Base(base) + offset));
};

const V4_BLOCKED: [string, BlockedRange][] = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
];

/** Every IPv4 address outside the blocked ranges. */
const publicV4 = fc
  .integer({ min: 0, max: 2 ** 32 - 1 })
  .map(dotted)
  .filter((ip) => !V4_BLOCKED.some(([cidr]) => inCidr(ip, cidr)));

function inCidr(ip: string, cidr: string): boolean {
  const [base = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const n = v4Base(ip);
  return n >= v4Base(base) && n < v4Base(base) + size;
}

const hex4 = (n: number) => n.toString(16);
/** The IPv6 forms that carry an IPv4 address. */
const carriers = (ip: string): string[] => {
  const n = v4Base(ip);
  const hi = hex4(Math.floor(n / 65536));
  const lo = hex4(n % 65536);
  return [`::ffff:${ip}`, `::ffff:${hi}:${lo}`, `0:0:0:0:0:ffff:${hi}:${lo}`, `64:ff9b::${ip}`, `2002:${hi}:${lo}::1`];
};

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "link-local"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "reserved"],
    ["224.0.0.251", "multicast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00::1", "private"],
    ["fc12:3456::1", "private"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:a9fe:a9fe::", "link-local"],
    ["::127.0.0.1", "loopback"],
  ] as const)("classifies %s as %s", (ip, range) => {
    expect(classifyAddress(ip)).toBe(range);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450::1", "::ffff:8.8.8.8"])(
    "lets the public address %s through",
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
    },
  );

  it("throws for what is not an IP address", () => {
    expect(() => classifyAddress("example.com")).toThrow(TypeError);
    expect(() => classifyAddress("999.1.1.1")).toThrow(TypeError);
  });

  it("blocks every IPv4 address of every blocked range, and each of its IPv6 carriers", () => {
    for (const [cidr, range] of V4_BLOCKED) {
      fc.assert(
        fc.property(inV4(cidr), (ip) => {
          expect(classifyAddress(ip)).toBe(range);
          for (const form of carriers(ip)) expect(classifyAddress(form), form).toBe(range);
        }),
        { numRuns: 200 },
      );
    }
  });

  it("lets every other IPv4 address through, as itself and as an IPv4-mapped IPv6 address", () => {
    fc.assert(
      fc.property(publicV4, (ip) => {
        expect(classifyAddress(ip)).toBeNull();
        expect(classifyAddress(`::ffff:${ip}`)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("blocks every address of fc00::/7, fe80::/10 and ff00::/8", () => {
    const hextet = fc.integer({ min: 0, max: 0xffff });
    const tail = fc.array(hextet, { minLength: 7, maxLength: 7 });
    const cases: [number, number, BlockedRange][] = [
      [0xfc00, 0xfe00, "private"],
      [0xfe80, 0xffc0, "link-local"],
      [0xff00, 0xff00, "multicast"],
    ];
    for (const [prefix, mask, range] of cases) {
      fc.assert(
        fc.property(hextet, tail, (first, rest) => {
          const head = prefix | (first & ~mask & 0xffff);
          const ip = [head, ...rest].map(hex4).join(":");
          expect(classifyAddress(ip), ip).toBe(range);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("lets global unicast IPv6 (2000::/3 outside 6to4 and the blocked ranges) through", () => {
    const hextet = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(
        fc.integer({ min: 0x2000, max: 0x3fff }).filter((h) => h !== 0x2002),
        fc.array(hextet, { minLength: 7, maxLength: 7 }),
        (first, rest) => {
          const ip = [first, ...rest].map(hex4).join(":");
          expect(classifyAddress(ip), ip).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
