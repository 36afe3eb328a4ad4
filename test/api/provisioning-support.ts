// Calling the provisioning API as people: typed wrappers over the real route handlers, engines for the provisioner
// check (the real simulated engine, and one that reports no Pulumi CLI), and settling an operation by hand where a
// test is about the API's rules rather than the worker.
import { GET as provisionerRoute } from "@/app/api/v1/provisioner/route";
import { GET as listOpsRoute, POST as queueRoute } from "@/app/api/v1/datastores/[id]/operations/route";
import { GET as opRoute, POST as opPostRoute, PUT as opPutRoute } from "@/app/api/v1/operations/[id]/route";
import { POST as cancelRoute } from "@/app/api/v1/operations/[id]/cancel/route";
import { POST as retryRoute } from "@/app/api/v1/operations/[id]/retry/route";
import { POST as approveRoute } from "@/app/api/v1/operations/[id]/approve/route";
import { GET as eventsRoute } from "@/app/api/v1/operations/[id]/events/route";
import { GET as streamRoute } from "@/app/api/v1/operations/[id]/stream/route";
import { GET as listChangesRoute, POST as createChangeRoute } from "@/app/api/v1/datastores/[id]/changes/route";
import { POST as decideChangeRoute } from "@/app/api/v1/datastores/[id]/changes/[changeId]/decisions/route";
import { POST as cancelChangeRoute } from "@/app/api/v1/datastores/[id]/changes/[changeId]/cancel/route";
import type { ProvisioningEngine } from "@/lib/server/provisioning/engine-contract";
import { db } from "@/lib/server/db/client";
import { appendEvents } from "@/lib/server/provisioning/operation-rows";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import type { ResourceChange } from "@/lib/schemas/operation";
import { jsonRequest, type TestPerson } from "../support/actors";
import { simulatedEngine, tempDir } from "../support/provisioning";

type Body = unknown;
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const changeParams = (id: string, changeId: string) => ({ params: Promise.resolve({ id, changeId }) });

export const prov = {
  provisioner: (p: TestPerson | null) => provisionerRoute(jsonRequest("GET", "/api/v1/provisioner", p)),
  queue: (p: TestPerson | null, datastoreId: string, body: Body, headers: Record<string, string> = {}) =>
    queueRoute(jsonRequest("POST", `/api/v1/datastores/${datastoreId}/operations`, p, body, headers), params(datastoreId)),
  list: (p: TestPerson | null, datastoreId: string, query = "") =>
    listOpsRoute(jsonRequest("GET", `/api/v1/datastores/${datastoreId}/operations${query}`, p), params(datastoreId)),
  get: (p: TestPerson | null, id: string) => opRoute(jsonRequest("GET", `/api/v1/operations/${id}`, p), params(id)),
  /**
   * POST /api/v1/operations/{segment}: `segment` is the raw last path segment as Next passes it (`abc:cancel`, the
   * deprecated custom-method form).
   */
  post: (p: TestPerson | null, segment: string, headers: Record<string, string> = {}, body?: Body) =>
    opPostRoute(jsonRequest("POST", `/api/v1/operations/${segment}`, p, body, headers), params(segment)),
  put: (p: TestPerson | null, id: string) => opPutRoute(jsonRequest("PUT", `/api/v1/operations/${id}`, p, {})),
  cancel: (p: TestPerson | null, id: string, body?: Body) => cancelRoute(jsonRequest("POST", `/api/v1/operations/${id}/cancel`, p, body), params(id)),
  approve: (p: TestPerson | null, id: string) => approveRoute(jsonRequest("POST", `/api/v1/operations/${id}/approve`, p), params(id)),
  retry: (p: TestPerson | null, id: string, headers: Record<string, string> = {}) =>
    retryRoute(jsonRequest("POST", `/api/v1/operations/${id}/retry`, p, undefined, headers), params(id)),
  events: (p: TestPerson | null, id: string, query = "") => eventsRoute(jsonRequest("GET", `/api/v1/operations/${id}/events${query}`, p), params(id)),
  stream: (p: TestPerson | null, id: string, headers: Record<string, string> = {}, query = "", signal?: AbortSignal) => {
    const base = jsonRequest("GET", `/api/v1/operations/${id}/stream${query}`, p, undefined, headers);
    return streamRoute(signal ? new Request(base, { signal }) : base, params(id));
  },
  changes: (p: TestPerson | null, datastoreId: string) =>
    listChangesRoute(jsonRequest("GET", `/api/v1/datastores/${datastoreId}/changes`, p), params(datastoreId)),
  createChange: (p: TestPerson | null, datastoreId: string, body: Body, headers: Record<string, string> = {}) =>
    createChangeRoute(jsonRequest("POST", `/api/v1/datastores/${datastoreId}/changes`, p, body, headers), params(datastoreId)),
  decideChange: (p: TestPerson | null, datastoreId: string, changeId: string, body: Body) =>
    decideChangeRoute(jsonRequest("POST", `/api/v1/datastores/${datastoreId}/changes/${changeId}/decisions`, p, body), changeParams(datastoreId, changeId)),
  cancelChange: (p: TestPerson | null, datastoreId: string, changeId: string) =>
    cancelChangeRoute(jsonRequest("POST", `/api/v1/datastores/${datastoreId}/changes/${changeId}/cancel`, p), changeParams(datastoreId, changeId)),
  // Imported on use: the export loads the standalone project generator, which only the export tests need.
  exportProject: async (p: TestPerson | null, datastoreId: string) => {
    const { GET } = await import("@/app/api/v1/datastores/[id]/pulumi-project/route");
    return GET(jsonRequest("GET", `/api/v1/datastores/${datastoreId}/pulumi-project`, p), params(datastoreId));
  },
};

/** Installs the real simulated engine (state under a temporary directory) as the process's provisioner. */
export async function useSimulatedEngine(stepMs = 1): Promise<{ engine: ProvisioningEngine; dataDir: string }> {
  const dataDir = tempDir("portal-prov-api-");
  const engine = await simulatedEngine(dataDir, stepMs);
  setEngineForTests(engine);
  return { engine, dataDir };
}

/** A Pulumi engine on a machine without the CLI: everything but status() is unreachable. */
export function engineWithoutCli(): ProvisioningEngine {
  const unreachable = () => Promise.reject(new Error("no CLI"));
  return {
    kind: "pulumi",
    status: () => Promise.resolve({ available: false, version: null, message: "No pulumi CLI was found on the PATH." }),
    run: unreachable,
    cancel: unreachable,
    outputs: unreachable,
  };
}

/** A diff of `n` resources to create in us-east-1 (what a preview's structured diff looks like). */
export function diffOf(n: number): ResourceChange[] {
  return Array.from({ length: n }, (_, i) => ({
    urn: `urn:pulumi:s::datastores::aws:ec2/launchTemplate:LaunchTemplate::r${i}`,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    name: `r${i}`,
    op: "create" as const,
    region: "us-east-1",
  }));
}

/** Settles an operation by hand (as a worker would): running, then `status` with a diff for a preview. */
export async function settleByHand(
  id: string,
  status: "succeeded" | "failed" | "cancelled" | "interrupted",
  diff: ResourceChange[] = diffOf(3),
): Promise<void> {
  await db().$transaction(async (tx) => {
    const op = await tx.operation.findUniqueOrThrow({ where: { id } });
    const ok = status === "succeeded";
    await tx.operation.update({
      where: { id },
      data: {
        status,
        startedAt: new Date(),
        finishedAt: new Date(),
        ...(ok && op.kind === "preview" ? { diff: JSON.parse(JSON.stringify(diff)), summary: { create: diff.length } } : {}),
        ...(ok ? {} : { error: { message: `${status} by the test`, code: status === "interrupted" ? "interrupted" : "engine" } }),
      },
    });
    await appendEvents(tx, id, [
      { type: "status", status: "running" },
      { type: "status", status, message: `${status} by the test` },
    ]);
  });
}

/** Reads a whole text/event-stream body (the stream must end by itself). */
export async function readStream(res: Response): Promise<string> {
  return res.text();
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

/** Splits an SSE body into its events (blank-line separated), field by field. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block !== "")
    .map((block) => {
      const e: SseEvent = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) e.comment = line.slice(1).trim();
        else {
          const i = line.indexOf(":");
          const field = line.slice(0, i) as keyof SseEvent;
          e[field] = line.slice(i + 1).replace(/^ /, "");
        }
      }
      return e;
    });
}
