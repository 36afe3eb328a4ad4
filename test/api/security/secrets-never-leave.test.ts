// Secrets never leave the server: with credentials in the Pulumi backend URL (userinfo, query parameters — each of
// the URL forms Pulumi takes), a stored passphrase, the session-signing secret, a password hash and an API token
// secret in the database, no export (the Pulumi project archive, Backstage's catalog-info.yaml) and no response of
// any GET route of the API, to an administrator or a team member, contains any of them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT as putSettings } from "@/app/api/v1/admin/settings/route";
import { env } from "@/lib/env";
import { SECRET_FILE_NAME } from "@/lib/server/auth/secret";
import { db } from "@/lib/server/db/client";
import { isMethodNotAllowedHandler } from "@/lib/server/http/method-not-allowed";
import { regionSettings } from "../../infra/fixtures";
import { jsonRequest, makePerson, signedInPerson, type TestPerson } from "../../support/actors";
import { provisionableDatastore, queue } from "../../support/provisioning";
import { draft } from "../../support/requests";
import { expectJson } from "../support";

const API_DIR = join(__dirname, "..", "..", "..", "app", "api", "v1");
const PASSPHRASE = "StoredPassphraseSecret-9x";

/** Backend URLs in the forms Pulumi accepts, each with its credentials, and what the export may keep of it. */
const BACKENDS = [
  {
    url: "postgres://pulumi:PgUserinfoSecret-1x@db.internal:5432/state?sslmode=require&password=PgQuerySecret-2x",
    secrets: ["PgUserinfoSecret-1x", "PgQuerySecret-2x"],
    exported: "postgres://db.internal:5432/state?sslmode=require",
  },
  {
    url: "s3://state-bucket?region=us-east-1&access_key_id=AKIAQUERYSECRET4X&secret_access_key=S3QuerySecret-3x",
    secrets: ["S3QuerySecret-3x", "AKIAQUERYSECRET4X"],
    exported: "s3://state-bucket?region=us-east-1",
  },
  {
    url: "azblob://state?storage_account=acct&sv=2022-11-02&sig=AzSigSecret-6x;SharedAccessSignature=AzSasSecret-5x",
    secrets: ["AzSigSecret-6x", "AzSasSecret-5x"],
    exported: "azblob://state?storage_account=acct&sv=2022-11-02",
  },
  {
    url: "https://ci:HttpsUserinfoSecret-7x@api.pulumi.example/?%74oken=HttpsTokenSecret-8x",
    secrets: ["HttpsUserinfoSecret-7x", "HttpsTokenSecret-8x"],
    exported: "https://api.pulumi.example/",
  },
] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

let admin: TestPerson;
let owner: TestPerson;
const ids = { datastore: "", operation: "", request: "", team: "", user: "" };
/** Secrets that do not depend on the backend URL: filled in beforeAll. */
const standing: string[] = [PASSPHRASE];

beforeAll(async () => {
  admin = await signedInPerson(null, "portal-admin");
  const ds = await provisionableDatastore();
  owner = await makePerson(ds.teamId, "member", "owner");
  Object.assign(ids, { datastore: ds.id, request: (await draft(owner, ds.teamId)).id, team: ds.teamId, user: owner.userId });
  ids.operation = (await queue(ds.id, "preview", "provision")).id;
  // The token secret the owner calls with, the admin's password hash, and the session-signing secret (created on
  // the first sign-in under DATA_DIR).
  standing.push(owner.headers.authorization?.replace("Bearer ", "") ?? "missing-token");
  const account = await db().account.findFirstOrThrow({ where: { userId: admin.userId, providerId: "credential" } });
  standing.push(account.password ?? "missing-hash");
  standing.push(readFileSync(join(env.DATA_DIR, SECRET_FILE_NAME), "utf8").trim());
  expect(standing.every((s) => s.length >= 16)).toBe(true);
});

async function saveBackend(url: string): Promise<void> {
  const body = { regions: { "us-east-1": regionSettings("us-east-1", 1) }, pulumi: { backendUrl: url, passphrase: { source: "stored", value: PASSPHRASE } } };
  await expectJson(await putSettings(jsonRequest("PUT", "/api/v1/admin/settings", admin, body, { "if-match": "*" }), { params: Promise.resolve({}) }));
}

/** Every GET of the API with real ids, as `who`: [path, body text] (a live stream: its first chunk). */
async function everyGet(who: TestPerson): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const file of routeFiles(API_DIR)) {
    const segments = relative(API_DIR, file).split(sep).slice(0, -1);
    if (segments.some((s) => s.startsWith("[..."))) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    const handler = mod.GET;
    if (typeof handler !== "function" || isMethodNotAllowedHandler(handler)) continue;
    const under = segments[0];
    const params: Record<string, string> = {
      id: under === "operations" ? ids.operation : under === "requests" ? ids.request : under === "admin" ? ids.user : ids.datastore,
      teamId: ids.team,
      userId: ids.user,
      changeId: "none",
    };
    const path = "/api/v1/" + segments.map((s) => s.replace(/^\[(.+)\]$/, (_m, name: string) => params[name] ?? "x")).join("/");
    const abort = new AbortController();
    const request = new Request(jsonRequest("GET", path, who), { signal: abort.signal });
    const res = await (handler as (r: Request, c: unknown) => Promise<Response>)(request, { params: Promise.resolve(params) });
    let text: string;
    if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
      const reader = res.body?.getReader();
      const first = reader ? await Promise.race([reader.read(), new Promise<{ value?: undefined }>((r) => setTimeout(() => r({}), 2000))]) : {};
      text = first.value ? new TextDecoder().decode(first.value) : "";
      abort.abort();
      await reader?.cancel().catch(() => undefined);
    } else if (res.headers.get("content-type")?.includes("gzip")) {
      text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString("latin1");
    } else text = await res.text();
    out.push([`${res.status} GET ${path}`, text]);
  }
  return out;
}

function leaks(responses: [string, string][], secrets: readonly string[]): string[] {
  return responses.flatMap(([where, text]) =>
    secrets.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s))).map((s) => `${where} contains ${s.slice(0, 12)}…`),
  );
}

describe("secrets in responses and exports", () => {
  it.each(BACKENDS.map((b) => [b.url.split(":")[0], b] as const))("none with a %s backend URL holding credentials", async (_scheme, backend) => {
    await saveBackend(backend.url);
    const responses = [...(await everyGet(admin)), ...(await everyGet(owner))];
    // The scan reached the exports and the admin's settings, with content.
    const exported = responses.find(([where]) => where.startsWith("200 GET") && where.endsWith("/pulumi-project"));
    expect(exported, responses.map(([w]) => w).join("\n")).toBeDefined();
    expect(responses.some(([where, text]) => where.endsWith("/catalog-info.yaml") && text.includes('kind: "Resource"'))).toBe(true);
    expect(responses.some(([where, text]) => where.startsWith("200 GET /api/v1/admin/settings") && text.includes("***"))).toBe(true);
    expect(responses.filter(([where]) => where.startsWith("200")).length).toBeGreaterThanOrEqual(30);
    expect(leaks(responses, [...backend.secrets, ...standing])).toEqual([]);
    // What the export keeps of the backend: where the state is, without who may open it.
    expect(exported?.[1]).toContain(`url: ${JSON.stringify(backend.exported)}`);
  });
});
