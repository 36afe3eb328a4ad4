// One delivery attempt over HTTP: a POST of the exact body with the signed headers, to an address the SSRF guard
// checked (the connection goes to the address the guard resolved), redirects not followed (a 3xx is a failure), one
// deadline for the whole exchange, and at most 1 KiB of the answer kept.
import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { classifyAddress, RANGE_NAMES } from "./address-policy";
import { guardedLookup, hostOf, schemeRefusal, type TargetPolicy } from "./target";

export const RESPONSE_EXCERPT_BYTES = 1024;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed (null when delivered). */
  error: string | null;
  responseExcerpt: string | null;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: TargetPolicy;
}

function readExcerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8"));
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // Enough read: the rest of a large answer is not waited for.
      if (size >= RESPONSE_EXCERPT_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on("end", done);
    res.on("error", done);
    res.on("close", done);
  });
}

export async function sendWebhook(opts: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, statusCode: number | null = null, responseExcerpt: string | null = null): AttemptResult => ({
    ok: false,
    statusCode,
    latencyMs: elapsed(),
    error,
    responseExcerpt,
  });
  const url = new URL(opts.url);
  const scheme = schemeRefusal(url, opts.policy);
  if (scheme) return fail(`refused: the URL ${scheme}`);
  const host = hostOf(url);
  // An address in the URL is never looked up, so the guard's lookup would not see it: check it here.
  if (isIP(host) && !opts.policy.allowPrivate) {
    const range = classifyAddress(host);
    if (range) return fail(`refused: ${host} is ${RANGE_NAMES[range]}`);
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const settle = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = send(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "DatastorePortal-Webhooks/1",
        ...opts.headers,
        "content-length": Buffer.byteLength(opts.body),
      },
      lookup: guardedLookup(opts.policy),
      // A fresh connection per attempt: a pooled one could be to an address resolved (and checked) long ago.
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      settle(fail(`timed out after ${opts.timeoutMs / 1000} s`));
    }, opts.timeoutMs);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      void readExcerpt(res).then((excerpt) => {
        const ok = status >= 200 && status < 300;
        settle({
          ok,
          statusCode: status,
          latencyMs: elapsed(),
          error: ok ? null : status >= 300 && status < 400 ? `answered ${status} (redirects are not followed)` : `answered ${status}`,
          responseExcerpt: excerpt === "" ? null : excerpt,
        });
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "EWEBHOOKTARGET" ? `refused: ${error.message}` : `${error.code ?? "error"}: ${error.message}`;
      settle(fail(why));
    });
    req.end(opts.body);
  });
}
