// dsp requests create | submit | show | list | cancel.
import { boolFlag, printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { loadFile } from "../files";
import { renderRequest, renderRequestList } from "../render";
import { resolveTeam } from "../resolve";
import { readWorkloadFile } from "../workload-file";

const REQUEST_STATUSES = ["draft", "submitted", "approved", "changes-requested", "rejected", "cancelled"] as const;
type Status = (typeof REQUEST_STATUSES)[number];

async function create(ctx: CommandContext) {
  const { workload, family: fileFamily, datastore } = readWorkloadFile(await loadFile(ctx.io, stringFlag(ctx, "file")));
  const client = await ctx.client();
  const team = await resolveTeam(client, stringFlag(ctx, "team") ?? datastore?.metadata.team);
  const { FamilySchema } = await import("@/lib/schemas/plan");
  const familyFlag = stringFlag(ctx, "family");
  const family = familyFlag === undefined ? fileFamily : FamilySchema.safeParse(familyFlag).data;
  if (familyFlag !== undefined && !family) throw usageError(`--family must be one of ${FamilySchema.options.join(", ")}.`);
  let request = await client.get("createRequest", { body: { teamId: team.id, name: stringFlag(ctx, "name"), workload, family } });
  if (boolFlag(ctx, "submit")) request = await client.get("submitRequest", { params: { id: request.id } });
  if (ctx.json) printJson(ctx, request);
  else {
    ctx.io.stdout.write(renderRequest(request));
    if (request.status === "draft") ctx.io.stdout.write(`\nSubmit it for review: dsp requests submit ${request.id}\n`);
  }
  return request.status === "submitted" ? EXIT.waitingForReview : EXIT.ok;
}

async function list(ctx: CommandContext) {
  const client = await ctx.client();
  const status = stringFlag(ctx, "status");
  if (status !== undefined && !REQUEST_STATUSES.includes(status as Status)) throw usageError(`--status must be one of ${REQUEST_STATUSES.join(", ")}.`);
  const teamSlug = stringFlag(ctx, "team");
  const team = teamSlug ? await resolveTeam(client, teamSlug) : undefined;
  const page = await client.get("listRequests", {
    query: {
      ...(status ? { status: status as Status } : {}),
      ...(team ? { teamId: team.id } : {}),
      ...(boolFlag(ctx, "mine") ? { mine: "true" as const } : {}),
      ...(stringFlag(ctx, "limit") ? { limit: stringFlag(ctx, "limit") } : {}),
    },
  });
  if (ctx.json) printJson(ctx, page);
  else ctx.io.stdout.write(renderRequestList(page.items));
}

export async function run(ctx: CommandContext) {
  if (ctx.name === "requests create") return create(ctx);
  if (ctx.name === "requests list") return list(ctx);
  const client = await ctx.client();
  const id = ctx.positionals[0] ?? "";
  const request =
    ctx.name === "requests submit"
      ? await client.get("submitRequest", { params: { id } })
      : ctx.name === "requests cancel"
        ? await client.get("cancelRequest", { params: { id } })
        : await client.get("getRequest", { params: { id } });
  if (ctx.json) printJson(ctx, request);
  else ctx.io.stdout.write(renderRequest(request));
  // A submitted request waits for a reviewer: scripts can tell from the exit code.
  return ctx.name === "requests submit" && request.status === "submitted" ? EXIT.waitingForReview : EXIT.ok;
}
