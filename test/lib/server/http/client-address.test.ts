// Who the client is: X-Forwarded-For (and -Proto, -Host) believed only from TRUSTED_PROXIES. The guard runs on a real
// Node HTTP server here, as it does under `next start`, and rewrites what a client sent before anything reads it.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientAddress,
  guardForwardedHeaders,
  installForwardedHeaderGuard,
  normaliseAddress,
  rateLimitSubject,
  trustedProxyList,
} from "@/lib/server/http/client-address";

const NONE = trustedProxyList([]);
const PROXIES = trustedProxyList(["10.0.0.0/8", "::1"]);

const guarded = (headers: IncomingHttpHeaders, peer: string, trusted = NONE) => {
  const copy = { ...headers };
  guardForwardedHeaders(copy, peer, trusted);
  return copy;
};
const asHeaders = (h: IncomingHttpHeaders) => new Headers(Object.entries(h).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));

describe("the forwarding guard", () => {
  it("replaces everything a client sent with its own address when no proxy is trusted", () => {
    const h = guarded(
      {
        host: "portal:3000",
        "x-forwarded-for": "203.0.113.9",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
        "x-real-ip": "203.0.113.10",
        forwarded: "for=203.0.113.11",
      },
      "::ffff:192.0.2.7",
    );
    expect(h).toEqual({ host: "portal:3000", "x-forwarded-for": "192.0.2.7" });
    expect(clientAddress(asHeaders(h), NONE)).toBe("192.0.2.7");
  });

  it("keeps a trusted proxy's headers, adds the proxy as the last hop, and reads the client past the proxies", () => {
    const h = guarded(
      { "x-forwarded-for": "198.51.100.1, 203.0.113.5, 10.1.2.3", "x-forwarded-proto": "https", "x-forwarded-host": "portal.example.com" },
      "10.9.9.9",
      PROXIES,
    );
    expect(h).toMatchObject({
      "x-forwarded-for": "198.51.100.1, 203.0.113.5, 10.1.2.3, 10.9.9.9",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "portal.example.com",
    });
    // 198.51.100.1 is whatever the client claimed; 203.0.113.5 is who connected to the first trusted proxy.
    expect(clientAddress(asHeaders(h), PROXIES)).toBe("203.0.113.5");
  });

  it("still drops the headers of a peer outside the trusted ranges", () => {
    expect(guarded({ "x-forwarded-for": "10.0.0.1" }, "192.0.2.50", PROXIES)).toEqual({ "x-forwarded-for": "192.0.2.50" });
  });

  it("gives up on a chain with garbage in it, and names the proxy itself when it is the client", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "not-an-ip, 10.0.0.2" }), PROXIES)).toBeNull();
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.0.0.2, 10.0.0.3" }), PROXIES)).toBe("10.0.0.2");
    expect(clientAddress(new Headers(), PROXIES)).toBeNull();
  });
});

describe("addresses as rate-limit subjects", () => {
  it("writes IPv4-mapped IPv6 as IPv4, refuses non-addresses", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normaliseAddress("localhost")).toBeNull();
  });

  it("counts an IPv6 client by its /64, an IPv4 client by its address", () => {
    expect(rateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitSubject("192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitSubject(null)).toBe("unknown");
  });
});

describe("installed on a real HTTP server", () => {
  let server: Server;
  let base = "";
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    installForwardedHeaderGuard([]);
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.end(clientAddress(asHeaders(req.headers)) ?? "none");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    installForwardedHeaderGuard([]);
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers with the connection's address whatever X-Forwarded-For says", async () => {
    const res = await fetch(base, { headers: { "x-forwarded-for": "203.0.113.99", "x-forwarded-host": "evil.example" } });
    expect(await res.text()).toBe("127.0.0.1");
    expect(seen.at(-1)?.["x-forwarded-host"]).toBeUndefined();
  });

  it("believes the header once the loopback proxy is trusted", async () => {
    installForwardedHeaderGuard(["127.0.0.1"]);
    const res = await fetch(base, { headers: { "x-forwarded-for": "203.0.113.99" } });
    expect(await res.text()).toBe("203.0.113.99");
    expect(seen.at(-1)?.["x-forwarded-for"]).toBe("203.0.113.99, 127.0.0.1");
  });
});
