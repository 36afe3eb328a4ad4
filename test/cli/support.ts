// A fake terminal for running `dsp` in-process: captured stdout and stderr, an environment, a working directory.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { main } from "@/cli/main";
import type { Io } from "@/cli/context";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function dsp(argv: string[], opts: { env?: Record<string, string>; cwd?: string; stdin?: string; isTTY?: boolean } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
    stderr: { write: (t: string | Uint8Array) => (stderr += String(t)) },
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
    env: opts.env ?? { HOME: "/nonexistent-home" },
    isTTY: opts.isTTY ?? false,
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A route handler of app/api as Next calls it. */
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The portal's own route handlers behind a real HTTP server on a free loopback port (the CLI talks HTTP to it): each
 * route a path pattern (named groups are the params), a method and its handler; anything else is a 404 problem.
 */
export async function serveRoutes(routes: readonly (readonly [RegExp, string, Handler])[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const route = routes.find(([re, method]) => method === req.method && re.test(path));
      if (!route)
        return void res.writeHead(404, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Not found", status: 404, detail: path }));
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        ...(body.length > 0 ? { body } : {}),
      });
      const response = await route[2](request, { params: Promise.resolve({ ...(route[0].exec(path)?.groups ?? {}) }) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
