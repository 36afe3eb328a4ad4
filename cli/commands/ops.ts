// dsp ops list | show | cancel | retry | watch.
import { printJson, stringFlag, type CommandContext } from "../context";
import { EXIT } from "../exit-codes";
import { renderOperation, renderOperationList } from "../render";
import { resolveDatastoreId } from "../resolve";
import { watchOperation } from "../watch";

export async function run(ctx: CommandContext) {
  const client = await ctx.client();
  const arg = ctx.positionals[0] ?? "";
  if (ctx.name === "ops list") {
    const id = await resolveDatastoreId(client, arg, stringFlag(ctx, "team"));
    const limit = stringFlag(ctx, "limit");
    const page = await client.get("listDatastoreOperations", { params: { id }, query: limit ? { limit } : {} });
    if (ctx.json) printJson(ctx, page);
    else ctx.io.stdout.write(renderOperationList(page.items));
    return EXIT.ok;
  }
  if (ctx.name === "ops watch") {
    const final = await watchOperation(ctx, client, arg);
    return final.status === "succeeded" ? EXIT.ok : EXIT.failure;
  }
  const op =
    ctx.name === "ops cancel"
      ? await client.get("cancelOperation", { params: { id: arg } })
      : ctx.name === "ops retry"
        ? await client.get("retryOperation", { params: { id: arg } })
        : await client.get("getOperation", { params: { id: arg } });
  if (ctx.json) printJson(ctx, op);
  else {
    ctx.io.stdout.write(renderOperation(op));
    if (ctx.name === "ops retry") ctx.io.stdout.write(`\nFollow it: dsp ops watch ${op.id}\n`);
  }
  return EXIT.ok;
}
