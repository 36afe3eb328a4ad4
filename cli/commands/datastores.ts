// dsp datastores list | show | export --pulumi|--backstage.
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { renderDatastore, renderDatastoreList } from "../render";
import { resolveDatastoreId } from "../resolve";

const FAMILIES = ["evcache", "cassandra", "elasticsearch", "graph", "dynomite"] as const;
const STATUSES = ["approved", "provisioning", "active", "failed", "decommissioning", "decommissioned"] as const;

async function list(ctx: CommandContext) {
  const family = stringFlag(ctx, "family");
  const status = stringFlag(ctx, "status");
  if (family !== undefined && !FAMILIES.includes(family as never)) throw usageError(`--family must be one of ${FAMILIES.join(", ")}.`);
  if (status !== undefined && !STATUSES.includes(status as never)) throw usageError(`--status must be one of ${STATUSES.join(", ")}.`);
  const client = await ctx.client();
  const page = await client.get("listDatastores", {
    query: {
      q: stringFlag(ctx, "query"),
      team: stringFlag(ctx, "team"),
      family: family as (typeof FAMILIES)[number] | undefined,
      status: status as (typeof STATUSES)[number] | undefined,
      limit: stringFlag(ctx, "limit"),
    },
  });
  if (ctx.json) printJson(ctx, page);
  else ctx.io.stdout.write(renderDatastoreList(page.items));
}

async function exportDatastore(ctx: CommandContext) {
  const pulumi = boolFlag(ctx, "pulumi");
  const backstage = boolFlag(ctx, "backstage");
  if (pulumi === backstage) throw usageError("Say what to export: --pulumi (a Pulumi project) or --backstage (catalog-info.yaml).");
  const client = await ctx.client();
  const id = await resolveDatastoreId(client, ctx.positionals[0] ?? "", stringFlag(ctx, "team"));
  const res = await client.raw(pulumi ? "exportDatastorePulumiProject" : "exportDatastoreBackstage", { params: { id } });
  const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  const output = stringFlag(ctx, "output") ?? (pulumi ? (fileName ?? `${ctx.positionals[0]}-pulumi.tar.gz`) : "-");
  if (output === "-") {
    if (pulumi && ctx.io.isTTY) throw usageError("A .tar.gz is not for a terminal: add -o FILE, or redirect standard output.");
    ctx.io.stdout.write(pulumi ? Buffer.from(await res.arrayBuffer()) : await res.text());
    return;
  }
  const path = resolve(ctx.io.cwd, output);
  if (!res.body) throw new Error("The portal sent no body.");
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(path));
  if (ctx.json) printJson(ctx, { datastoreId: id, written: path });
  else ctx.io.stdout.write(`Wrote ${path}\n`);
}

export async function run(ctx: CommandContext) {
  if (ctx.name === "datastores list") await list(ctx);
  else if (ctx.name === "datastores export") await exportDatastore(ctx);
  else {
    const client = await ctx.client();
    const id = await resolveDatastoreId(client, ctx.positionals[0] ?? "", stringFlag(ctx, "team"));
    const datastore = await client.get("getDatastore", { params: { id } });
    if (ctx.json) printJson(ctx, datastore);
    else ctx.io.stdout.write(renderDatastore(datastore));
  }
  return EXIT.ok;
}
