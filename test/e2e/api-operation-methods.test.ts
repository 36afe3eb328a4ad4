// Cancel and retry of an operation over real HTTP to the running portal: Next routes `/operations/{id}/cancel` to its
// own route file and `/operations/{id}:cancel` (the deprecated colon form, `:` as is or as %3A) to the operation's
// route, which hands it to the same handler and adds Deprecation and Link. The operation does not exist: the
// answer is the cancel handler's own 404, which shows which handler answered.
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Problem } from "@/lib/errors";
import { PortalHttp, type Session } from "./http";

describe("cancel and retry of an operation, at the sub-path and in the deprecated colon form", () => {
  const http = new PortalHttp(inject("baseUrl"), "198.51.100.92");
  let mo: Session;
  const id = "no-such-operation";

  beforeAll(async () => {
    mo = await http.signIn("mo@portal.local", inject("demoPassword"));
  });

  it.each(["cancel", "retry"])("%s: the colon form answers as the sub-path does, with Deprecation and a Link to it", async (verb) => {
    const current = await http.call<Problem>(`/api/v1/operations/${id}/${verb}`, { cookie: mo.cookie }, { method: "POST" });
    expect(current.status).toBe(404);
    expect(current.body.detail).toContain(id);
    expect(current.headers.get("deprecation")).toBeNull();
    for (const colon of [":", "%3A"]) {
      const old = await http.call<Problem>(`/api/v1/operations/${id}${colon}${verb}`, { cookie: mo.cookie }, { method: "POST" });
      expect(old.status, colon).toBe(404);
      expect(old.body.detail).toBe(current.body.detail);
      expect(old.headers.get("deprecation")).toBe("@1796169600");
      expect(old.headers.get("link")).toBe(`</api/v1/operations/${id}/${verb}>; rel="successor-version"`);
    }
  });

  it("answers a plain POST on the operation 405 with Allow, and GET on the sub-path 405", async () => {
    const plain = await http.call<Problem>(`/api/v1/operations/${id}`, { cookie: mo.cookie }, { method: "POST" });
    expect(plain.status).toBe(405);
    expect(plain.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const get = await http.call<Problem>(`/api/v1/operations/${id}/cancel`, { cookie: mo.cookie });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });
});
