// dsp review list | approve | reject | request-changes: a reviewer's decisions on submitted requests.
import { isApiProblem, type ApiClient } from "@/lib/client";
import type { ReviewItem } from "@/lib/schemas/review";
import { printJson, stringFlag, type CommandContext } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { renderChange, renderRequest } from "../render";
import { renderTable } from "../table";

const DECISION_OF = { "review approve": "approved", "review reject": "rejected", "review request-changes": "changes-requested" } as const;

async function list(ctx: CommandContext) {
  const client = await ctx.client();
  const limit = stringFlag(ctx, "limit");
  const queue = await client.get("listReviews", { query: limit ? { limit } : {} });
  if (ctx.json) return printJson(ctx, queue);
  ctx.io.stdout.write(`waiting: ${queue.waiting.total} (${queue.waiting.forYou} for you)\n`);
  if (queue.items.length > 0)
    ctx.io.stdout.write(
      renderTable(queue.items, [
        { header: "KIND", cell: (i) => i.kind },
        { header: "ID", cell: (i) => i.id },
        { header: "NAME", cell: (i) => i.name },
        { header: "TEAM", cell: (i) => i.team.slug },
        { header: "SINCE", cell: (i) => i.waitingSince.slice(0, 16).replace("T", " ") },
      ]),
    );
}

/** The day-2 change or decommission of the review queue with this id, or null. */
async function queuedChange(client: ApiClient, id: string): Promise<ReviewItem | null> {
  let cursor: string | undefined;
  do {
    const page = await client.get("listReviews", { query: { limit: "100", ...(cursor ? { cursor } : {}) } });
    const item = page.items.find((i) => i.id === id && i.kind !== "request");
    if (item) return item;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return null;
}

export async function run(ctx: CommandContext) {
  if (ctx.name === "review list") return list(ctx);
  const decision = DECISION_OF[ctx.name as keyof typeof DECISION_OF];
  const comment = stringFlag(ctx, "message");
  if (decision !== "approved" && !comment) throw usageError(`dsp ${ctx.name} needs -m "why": the requester needs to know.`);
  const rankFlag = stringFlag(ctx, "rank");
  const chosenRank = rankFlag === undefined ? undefined : Number(rankFlag);
  if (chosenRank !== undefined && (!Number.isInteger(chosenRank) || chosenRank < 1)) throw usageError("--rank must be a plan's rank (1, 2, …).");
  const client = await ctx.client();
  const id = ctx.positionals[0] ?? "";
  let request;
  try {
    request = await client.get("reviewRequest", {
      params: { id },
      body: { decision, ...(comment ? { comment } : {}), ...(chosenRank ? { chosenRank } : {}) },
    });
  } catch (error) {
    // Not a request: a day-2 change or decommission in the queue is approved or rejected the same way.
    const change = isApiProblem(error) && error.status === 404 ? await queuedChange(client, id) : null;
    if (!change?.datastoreId) throw error;
    if (decision === "changes-requested") throw usageError(`${id} is a ${change.kind}: approve or reject it.`);
    const decided = await client.get("decideDatastoreChange", {
      params: { id: change.datastoreId, changeId: id },
      body: { decision, ...(comment ? { comment } : {}) },
    });
    if (ctx.json) return printJson(ctx, decided);
    ctx.io.stdout.write(renderChange(decided));
    return EXIT.ok;
  }
  if (ctx.json) return printJson(ctx, request);
  ctx.io.stdout.write(renderRequest(request));
  if (request.datastoreId)
    ctx.io.stdout.write(`\nThe datastore ${request.datastoreId} is created; its provisioning preview: dsp ops list ${request.datastoreId}\n`);
  return EXIT.ok;
}
