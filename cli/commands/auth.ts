// dsp login | logout | whoami: store a verified token, forget it, and say who it acts for.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { Me } from "@/lib/schemas/access";
import { apiClient } from "../api";
import { configPath, removeConfig, writeConfig } from "../config";
import { printJson, stringFlag, type CommandContext, type Io } from "../context";
import { EXIT, usageError } from "../exit-codes";
import { renderFields, renderTable } from "../table";

/** Reads the token: the first line of piped standard input, or typed at a prompt without echo. */
async function readToken(io: Io): Promise<string> {
  if (!io.stdin.isTTY) {
    let text = "";
    for await (const chunk of io.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0]?.trim() ?? "";
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) io.stderr.write(String(chunk));
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question("API token (dsp_…, not shown): ", (answer) => {
      rl.close();
      io.stderr.write("\n");
      resolve(answer.trim());
    });
    muted = true;
  });
}

function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--url ${raw} is not an address; give one such as https://portal.example.com.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`--url must be an http(s) address, not ${url.protocol}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function describeMe(me: Me): string {
  const fields: [string, string][] = [
    ["person", `${me.user.name} <${me.user.email}>`],
    ["credential", me.token ? `token "${me.token.name}" (expires ${me.token.expiresAt.slice(0, 10)})` : "browser session"],
    ["admin", me.isAdmin ? "yes" : "no"],
    ["platform reviewer", me.platformReviewer ? "yes (reviews every team)" : "no"],
  ];
  const teams =
    me.teams.length > 0
      ? renderTable(me.teams, [
          { header: "TEAM", cell: (t) => t.slug },
          { header: "NAME", cell: (t) => t.name },
          { header: "ROLE", cell: (t) => t.role },
        ])
      : "no teams\n";
  return `${renderFields(fields)}\n${teams}`;
}

async function login(ctx: CommandContext) {
  const raw = stringFlag(ctx, "url") ?? ctx.io.env.DSP_URL;
  if (!raw) throw usageError("dsp login needs --url (the portal's address).");
  const url = normaliseUrl(raw);
  const token = stringFlag(ctx, "token") ?? (await readToken(ctx.io));
  if (!token) throw usageError("No token given: pass --token, pipe it on standard input, or type it at the prompt.");
  const me = await (await apiClient(url, token)).get("getMe");
  const path = writeConfig(ctx.io.env, { url, token });
  if (ctx.json) return printJson(ctx, { url, configPath: path, me });
  ctx.io.stdout.write(`Logged in to ${url} as ${me.user.email}; saved to ${path}.\n\n${describeMe(me)}`);
}

async function logout(ctx: CommandContext) {
  const path = configPath(ctx.io.env);
  const removed = removeConfig(ctx.io.env);
  if (ctx.json) return printJson(ctx, { loggedOut: removed, configPath: path });
  ctx.io.stdout.write(removed ? `Forgot the token stored in ${path}. It stays valid until revoked in the portal (Tokens).\n` : `No login stored (${path}).\n`);
  if (ctx.io.env.DSP_TOKEN) ctx.io.stdout.write("DSP_TOKEN is still set in this environment.\n");
}

async function whoami(ctx: CommandContext) {
  const me = await (await ctx.client()).get("getMe");
  if (ctx.json) return printJson(ctx, { url: ctx.baseUrl(), ...me });
  ctx.io.stdout.write(`portal: ${ctx.baseUrl()}\n${describeMe(me)}`);
}

export async function run(ctx: CommandContext) {
  if (ctx.name === "login") await login(ctx);
  else if (ctx.name === "logout") await logout(ctx);
  else await whoami(ctx);
  return EXIT.ok;
}
