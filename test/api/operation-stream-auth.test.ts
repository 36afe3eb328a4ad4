// Issue 10.5: an open live-event stream (GET /api/v1/operations/{id}/stream) must stop when the credential that
// opened it stops being valid — a revoked token, a signed-out session, a person who left the team — instead of
// delivering for as long as the connection lasts. The stream checks again on every heartbeat and closes with a
// `closed` event that says why. Real credentials, revoked through the real routes.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/v1/tokens/[id]/route";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { authenticate } from "@/lib/server/auth/authenticate";
import "@/lib/server/auth/session";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { operationEventStream } from "@/lib/server/provisioning/operation-stream";
import { OperationSchema, type OperationDto } from "@/lib/schemas/operation";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { provisionableDatastore, storeOrgSettings } from "../support/provisioning";
import { prov, useSimulatedEngine } from "./provisioning-support";
import { expectJson } from "./support";

beforeAll(storeOrgSettings);
beforeEach(async () => {
  await useSimulatedEngine();
});
afterEach(() => setEngineForTests(null));

async function queuedPreview(teamId: string, by: TestPerson): Promise<OperationDto> {
  const ds = await provisionableDatastore({ teamId, status: "approved" });
  return OperationSchema.parse(await expectJson(await prov.queue(by, ds.id, { kind: "preview" }), 202));
}

/** Reads until `until` holds (or the stream ends by itself); fails after `timeoutMs`. */
async function readUntil(stream: ReadableStream<Uint8Array>, until: (text: string) => boolean, timeoutMs: number) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const deadline = Date.now() + timeoutMs;
  while (!until(text)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([reader.read(), new Promise<"late">((r) => setTimeout(() => r("late"), left))]);
    if (next === "late") break;
    if (next.done) {
      ended = true;
      break;
    }
    text += decoder.decode(next.value, { stream: true });
  }
  return { text, ended, reader };
}

/** The stream as the route opens it for `request`: the same re-check on every heartbeat, a short heartbeat. */
async function streamFor(request: Request, id: string) {
  const actor = await authenticate(request);
  if (!actor) throw new Error("no actor");
  return operationEventStream({ actor, id, heartbeatMs: 100, pollMs: 50, reauthenticate: () => authenticate(request) });
}

describe("an open operation stream", () => {
  it("closes within a heartbeat once its API token is revoked", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const op = await queuedPreview(team.id, member);
    const request = jsonRequest("GET", `/api/v1/operations/${op.id}/stream`, member);
    const stream = await streamFor(request, op.id);
    const { text: before, reader } = await readUntil(stream, (t) => t.split(": heartbeat").length > 2, 10_000);
    expect(before).toContain(": heartbeat");
    expect(before).not.toContain("event: closed");
    reader.releaseLock();

    const revoked = await revokeRoute(jsonRequest("DELETE", `/api/v1/tokens/${member.tokenId}`, member), { params: Promise.resolve({ id: member.tokenId }) });
    expect(revoked.status).toBe(200);
    const { text, ended, reader: after } = await readUntil(stream, (t) => t.includes("event: closed"), 5_000);
    expect(text).toContain(`event: closed\ndata: ${JSON.stringify({ reason: "unauthenticated" })}`);
    // ...and the stream ends there.
    expect(ended || (await after.read()).done).toBe(true);
  });

  it("closes within a heartbeat once its browser session signs out", async () => {
    const team = await makeTeam();
    const person = await signedInPerson(team.id, "member");
    const op = await queuedPreview(team.id, await makePerson(team.id, "member"));
    const request = jsonRequest("GET", `/api/v1/operations/${op.id}/stream`, person);
    const stream = await streamFor(request, op.id);
    const { text: before, reader } = await readUntil(stream, (t) => t.includes(": heartbeat"), 10_000);
    expect(before).not.toContain("event: closed");
    reader.releaseLock();

    const signOut = await authPost(
      new Request("http://localhost:3000/api/auth/sign-out", { method: "POST", headers: { ...person.headers, origin: "http://localhost:3000" } }),
    );
    expect(signOut.status).toBe(200);
    const { text } = await readUntil(stream, (t) => t.includes("event: closed"), 5_000);
    expect(text).toContain(`event: closed\ndata: ${JSON.stringify({ reason: "unauthenticated" })}`);
  });

  it("closes within a heartbeat once its person may no longer see the operation", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const op = await queuedPreview(team.id, member);
    const stream = await streamFor(jsonRequest("GET", `/api/v1/operations/${op.id}/stream`, member), op.id);
    const { reader } = await readUntil(stream, (t) => t.includes(": heartbeat"), 10_000);
    reader.releaseLock();
    await db().membership.deleteMany({ where: { userId: member.userId, teamId: team.id } });
    const { text } = await readUntil(stream, (t) => t.includes("event: closed"), 5_000);
    expect(text).toMatch(/event: closed\ndata: \{"reason":"(unauthenticated|not_found)"\}/);
  });

  it("opened through the route, ends by itself after a revoke (one 15 s heartbeat at most)", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const op = await queuedPreview(team.id, member);
    const res = await prov.stream(member, op.id);
    expect(res.status).toBe(200);
    const body = res.body;
    if (!body) throw new Error("no body");
    const { reader } = await readUntil(body, (t) => t.includes("id: 1\n"), 10_000);
    reader.releaseLock();
    await revokeRoute(jsonRequest("DELETE", `/api/v1/tokens/${member.tokenId}`, member), { params: Promise.resolve({ id: member.tokenId }) });
    const { text } = await readUntil(body, (t) => t.includes("event: closed"), 25_000);
    expect(text).toContain("event: closed");
  }, 40_000);
});
