// A real webhook receiver on 127.0.0.1 for tests: records every request, verifies its Standard Webhooks signature with
// the standardwebhooks library (as a receiving team would), and answers what the test scripts (503 a few times, then
// 200; a redirect; silence past the deadline; a long body).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The payload when the signature verified with the secret set for the path, else null. */
  verified: unknown;
  at: number;
}

export type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

export interface Receiver {
  url(path: string): string;
  /** The secret to verify a path's messages with. */
  secretFor(path: string, secret: string): void;
  /** Answers for a path, in order; after the last, the last one again (default: 200). */
  script(path: string, answers: Answer[]): void;
  received(path: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const secrets = new Map<string, string>();
  const scripts = new Map<string, Answer[]>();
  const log: Received[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = secrets.get(path);
      let verified: unknown = null;
      if (secret) {
        try {
          verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
        } catch {
          verified = null;
        }
      }
      log.push({ path, headers: req.headers, body, verified, at: Date.now() });
      const answers = scripts.get(path) ?? [];
      const answer = answers.length > 1 ? answers.shift() : (answers[0] ?? { status: 200, body: "ok" });
      if (answer === undefined || answer === "hang") {
        // Never answers; released when the receiver closes.
        hanging.add(() => res.destroy());
        return;
      }
      res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secretFor: (path, secret) => void secrets.set(path, secret),
    script: (path, answers) => void scripts.set(path, [...answers]),
    received: (path) => log.filter((r) => r.path === path),
    close: async () => {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
