/**
 * A benchmark driver, in NdBench's sense: a thin adapter that reads and writes one key on one of its connections,
 * on a store's own client. The harness owns scheduling, timing and statistics; a driver owns only the client.
 *
 * Connections are numbered 0 … connections − 1 and the harness sends at most one request at a time on each (no
 * pipelining), so a driver keeps one client connection per number.
 */
export interface BenchDriver {
  /** What it drives, as results name it: "memcached", "redis", "cassandra", "elasticsearch", … */
  readonly name: string;
  /** Connects `connections` client connections (and creates what the store needs: a table, an index). */
  open(options: DriverOpenOptions): Promise<void>;
  /** Reads `key` on connection `conn`: true when the store had it. A miss is not an error. */
  read(key: string, conn: number): Promise<boolean>;
  write(key: string, value: Uint8Array, conn: number): Promise<void>;
  /** Closes every connection; safe to call after a failed open. */
  close(): Promise<void>;
  /** The kind of a failure for the errors-by-kind table: "timeout", "connection", "server", … */
  errorKind(error: unknown): string;
}

export interface DriverOpenOptions {
  connections: number;
  /** The client gives up on one request after this long; the failure is of kind "timeout". */
  requestTimeoutMs: number;
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTCONN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "EAI_AGAIN", "ENOTFOUND"]);

/** The kinds most clients share: timeouts, broken or refused connections; anything else the server said. */
export function commonErrorKind(error: unknown): "timeout" | "connection" | "server" {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const text = `${typeof e?.name === "string" ? e.name : ""} ${typeof e?.message === "string" ? e.message : ""}`;
  if (code === "ETIMEDOUT" || /time(d)?[ _-]?out/i.test(text)) return "timeout";
  if (CONNECTION_CODES.has(code) || /connection (is )?(closed|refused|reset|lost)|socket (hang up|closed)|not connected|ECONNREFUSED|ECONNRESET/i.test(text))
    return "connection";
  return "server";
}

/** A message for the errors table: short, one line. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 300);
}
