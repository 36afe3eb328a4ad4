// The typed client against a real HTTP server that records what it was sent: paths filled and escaped, queries,
// bodies, the headers of concurrency and idempotency, and problem+json answers turned into ApiProblem.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiProblem, createApiClient, fillPath, type CallInput, type CallOutput } from "@/lib/client";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
let answer: { status: number; headers?: Record<string, string>; body: string } = { status: 200, body: "{}" };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("createApiClient", () => {
  it("fills and escapes path parameters, sends the bearer token and reads the ETag", async () => {
    answer = { status: 200, headers: { etag: '"v3"' }, body: JSON.stringify({ id: "r 1" }) };
    const client = createApiClient({ baseUrl, token: "dsp_secret" });
    const { data, etag, status } = await client.call("getRequest", { params: { id: "r 1/x" } });
    const last = seen.at(-1)!;
    expect(last.method).toBe("GET");
    expect(last.url).toBe("/api/v1/requests/r%201%2Fx");
    expect(last.headers.authorization).toBe("Bearer dsp_secret");
    expect(etag).toBe('"v3"');
    expect(status).toBe(200);
    expect(data).toEqual({ id: "r 1" });
  });

  it("sends the query's defined values only", async () => {
    answer = { status: 200, body: JSON.stringify({ items: [], nextCursor: null }) };
    await createApiClient({ baseUrl }).get("listRequests", { query: { status: "submitted", cursor: undefined } });
    expect(seen.at(-1)!.url).toBe("/api/v1/requests?status=submitted");
  });

  it("sends a JSON body, If-Match, and an Idempotency-Key for operations that take one", async () => {
    answer = { status: 201, body: "{}" };
    const client = createApiClient({ baseUrl });
    await client.call("updateRequest", { params: { id: "a" }, body: { name: "orders" }, ifMatch: '"v2"' });
    const patch = seen.at(-1)!;
    expect(patch.method).toBe("PATCH");
    expect(patch.headers["if-match"]).toBe('"v2"');
    expect(patch.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(patch.body)).toEqual({ name: "orders" });
    expect(patch.headers["idempotency-key"]).toBeUndefined();

    await client.call("addRequestComment", { params: { id: "a" }, body: { body: "hi" } });
    expect(seen.at(-1)!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await client.call("addRequestComment", { params: { id: "a" }, body: { body: "hi" }, idempotencyKey: "k-1" });
    expect(seen.at(-1)!.headers["idempotency-key"]).toBe("k-1");
  });

  it("turns a problem+json answer into an ApiProblem with its field errors", async () => {
    answer = {
      status: 422,
      body: JSON.stringify({
        type: "about:blank",
        title: "Invalid input",
        status: 422,
        detail: "The request has 1 invalid field: name.",
        code: "invalid_input",
        errors: [{ field: "name", message: "Required" }],
      }),
    };
    const error = await createApiClient({ baseUrl })
      .call("createRequest", { body: {} as CallInput<"createRequest">["body"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).fieldErrors).toEqual([{ field: "name", message: "Required" }]);
  });

  it("names a missing path parameter instead of calling a wrong URL", () => {
    expect(() => fillPath("/api/v1/requests/{id}", {})).toThrow(/"id"/);
  });

  it("takes a number for a query parameter that is any string on the wire, and only the registry's values for an enumeration", async () => {
    answer = { status: 200, body: JSON.stringify({ items: [], lastSeq: 0, status: "running" }) };
    await createApiClient({ baseUrl }).get("listOperationEvents", { params: { id: "o1" }, query: { after: 12, limit: 1000 } });
    expect(seen.at(-1)!.url).toBe("/api/v1/operations/o1/events?after=12&limit=1000");
    expectTypeOf<NonNullable<CallInput<"listOperationEvents">["query"]>["limit"]>().toEqualTypeOf<string | number | undefined>();
    // @ts-expect-error — mine is "true" or "false" on the wire, not a boolean
    expectTypeOf<{ mine: boolean }>().toMatchTypeOf<NonNullable<CallInput<"listRequests">["query"]>>();
  });

  it("knows only the registry's operations: another id does not compile (and names nothing at run time)", () => {
    const client = createApiClient({ baseUrl });
    // @ts-expect-error — "getRequests" is no operation id of the registry
    expect(() => client.url("getRequests")).toThrow(TypeError);
  });

  it("types inputs and outputs from the registry's schemas", () => {
    expectTypeOf<CallInput<"getRequest">["params"]>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<CallOutput<"getRequest">>().toHaveProperty("status");
    expectTypeOf<CallInput<"createRequest">>().toHaveProperty("body");
  });
});
