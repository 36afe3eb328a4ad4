// Helpers for calling the real route handlers as Next would: a Request in, a Response out.
import { expect } from "vitest";
import { ProblemSchema, type Problem } from "@/lib/errors";
import type { WorkloadInput } from "@/lib/schemas";

export const BASE = "http://localhost";

/** Netflix's viewing-history use case (QCon SF 2017): time-series, very high write rate, cross-region, large. */
export const viewingHistory = {
  name: "viewing-history",
  tier: 1,
  accessPattern: "time-series",
  readsPerSecond: 20_000,
  writesPerSecond: 100_000,
  readItemBytes: 1024,
  writeItemBytes: 512,
  datasetGiB: 5000,
  growthGiBPerMonth: 200,
  consistency: "read-your-writes",
  durability: "durable",
  regions: ["us-east-1", "eu-west-1"],
  crossRegionReplication: true,
} as const satisfies WorkloadInput;

export function jsonRequest(path: string, body: unknown, init: { method?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Asserts a problem+json response with the status, and returns the problem (validated against its schema). */
export async function expectProblem(res: Response, status: number): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = ProblemSchema.parse(JSON.parse(text));
  expect(problem.status).toBe(status);
  return problem;
}

export async function expectJson(res: Response, status = 200): Promise<unknown> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text) as unknown;
}
