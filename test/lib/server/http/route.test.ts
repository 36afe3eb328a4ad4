import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ProblemSchema } from "@/lib/errors";
import { respond } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

const request = () => new Request("http://localhost/api/v1/things?token=abc", { method: "POST" });

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return ProblemSchema.parse(await res.json());
}

afterEach(() => vi.restoreAllMocks());

describe("route()", () => {
  it("passes a handler's response through untouched", async () => {
    const res = await route(async () => new Response("ok", { status: 201 }))(request());
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("ok");
  });

  it("renders an AppError as a problem with its catalogue status, field errors and the path (without the query) as instance", async () => {
    const handler = route(async () => {
      throw new AppError("conflict", "The plan changed since you read it.", { fieldErrors: [{ field: "version", message: "is stale" }] });
    });
    const res = await handler(request());
    expect(res.status).toBe(409);
    expect(await problemOf(res)).toEqual({
      type: "urn:datastore-portal:problem:conflict",
      title: "Conflict",
      status: 409,
      detail: "The plan changed since you read it.",
      instance: "/api/v1/things",
      code: "conflict",
      errors: [{ field: "version", message: "is stale" }],
    });
  });

  it("turns an unknown error into a generic 500 that logs the cause and never returns it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await route(async () => {
      throw new Error("connect ECONNREFUSED postgres://admin:hunter2@db", { cause: new Error("socket closed") });
    })(request());
    expect(res.status).toBe(500);
    const problem = await problemOf(res);
    expect(problem.code).toBe("internal");
    expect(JSON.stringify(problem)).not.toMatch(/hunter2|ECONNREFUSED|socket|stack/);
    const line = logged.mock.calls.map((c) => String(c[0])).join("\n");
    expect(line).toContain("ECONNREFUSED");
    expect(line).toContain("socket closed");
  });

  it("treats a response that does not fit its DTO schema as a server bug (500), not as the caller's fault", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const Dto = z.strictObject({ id: z.string() });
    const leaky = { id: "a", passwordHash: "x" } as unknown as z.input<typeof Dto>;
    const res = await route(async () => respond(Dto, leaky))(request());
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("passwordHash");
  });
});
