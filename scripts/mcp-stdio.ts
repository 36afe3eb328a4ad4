// The agent tools over stdio, standalone (until `dsp mcp` serves them): DSP_URL=https://portal… DSP_TOKEN=dsp_… tsx scripts/mcp-stdio.ts
import { runMcpStdio } from "@/lib/mcp/stdio";

const baseUrl = process.env.DSP_URL;
const token = process.env.DSP_TOKEN;
if (!baseUrl || !token) {
  // stderr: stdout belongs to the protocol.
  process.stderr.write("mcp-stdio: set DSP_URL (the portal) and DSP_TOKEN (an API token).\n");
  process.exit(2);
}
await runMcpStdio({ baseUrl, token });
