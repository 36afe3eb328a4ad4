// dsp mcp: the portal's agent tools (lib/mcp) over stdio, for an agent that starts its tools itself (an editor, a
// desktop assistant). The tools call the portal over HTTP with the stored or DSP_TOKEN token. Standard output carries
// the protocol only; the command runs until the agent closes standard input.
import type { Readable, Writable } from "node:stream";
import type { CommandContext } from "../context";
import { EXIT } from "../exit-codes";

export async function run(ctx: CommandContext) {
  const baseUrl = ctx.baseUrl();
  const token = ctx.token();
  const { runMcpStdio } = await import("@/lib/mcp/stdio");
  const stdin = ctx.io.stdin as unknown as Readable;
  const closed = new Promise<void>((resolve) => {
    stdin.once("end", resolve);
    stdin.once("close", resolve);
  });
  const server = await runMcpStdio({ baseUrl, token, stdin, stdout: ctx.io.stdout as unknown as Writable });
  await closed;
  await server.close();
  return EXIT.ok;
}
