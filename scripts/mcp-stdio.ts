// The agent tools over stdio, standalone (until `dsp mcp` serves them): DSP_URL=https://portal… DSP_TOKEN=dsp_… tsx scripts/mcp-stdio.ts
import { runMcpStdio } from "@/lib/mcp/stdio";

const baseUrl = process.env.DSP_URL;
const token = process.env.DSP_TOKEN;
// stderr for people: stdout belongs to the protocol.
if (!baseUrl || !token) {
  process.stderr.write("mcp-stdio: set DSP_URL (the portal) and DSP_TOKEN (an API token).\n");
  process.exit(2);
}
runMcpStdio({ baseUrl, token }).catch((error: unknown) => {
  process.stderr.write(`mcp-stdio: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
