import Redis from "ioredis";
import { commonErrorKind, type BenchDriver, type DriverOpenOptions } from "../driver";

export interface RedisDriverOptions {
  host: string;
  port: number;
  /** Database number (SELECT); Dynomite speaks only database 0. */
  db?: number;
  password?: string;
  /** Seconds a written key lives; none by default. */
  ttlSeconds?: number;
}

/**
 * Redis — and Dynomite, which speaks the Redis protocol in front of Redis — on ioredis: GET and SET, one client
 * connection per harness connection. No offline queue and no retries: a request sent to a broken connection fails at
 * once and is counted, instead of waiting for a reconnect that the latency figures would then hide.
 */
export function redisDriver(options: RedisDriverOptions): BenchDriver {
  let clients: Redis[] = [];
  const client = (conn: number): Redis => {
    const c = clients[conn];
    if (!c) throw new Error(`redis driver: no connection ${conn} (open it first)`);
    return c;
  };
  return {
    name: "redis",
    async open({ connections, requestTimeoutMs }: DriverOpenOptions) {
      clients = Array.from(
        { length: connections },
        () =>
          new Redis({
            host: options.host,
            port: options.port,
            db: options.db ?? 0,
            password: options.password,
            lazyConnect: true,
            commandTimeout: requestTimeoutMs,
            connectTimeout: Math.max(requestTimeoutMs, 1000),
            enableOfflineQueue: false,
            enableReadyCheck: false,
            maxRetriesPerRequest: 0,
            autoResubscribe: false,
            retryStrategy: () => 100,
          }),
      );
      // An unhandled 'error' event would crash the process; failures reach the harness through the commands.
      for (const c of clients) c.on("error", () => {});
      await Promise.all(clients.map((c) => c.connect()));
    },
    async read(key, conn) {
      return (await client(conn).getBuffer(key)) !== null;
    },
    async write(key, value, conn) {
      const buffer = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (options.ttlSeconds) await client(conn).set(key, buffer, "EX", options.ttlSeconds);
      else await client(conn).set(key, buffer);
    },
    async close() {
      const closing = clients;
      clients = [];
      await Promise.all(closing.map((c) => c.quit().catch(() => c.disconnect())));
    },
    errorKind(error) {
      const e = error as { name?: unknown; message?: unknown } | null;
      if (e?.name === "ReplyError") return "server";
      // With retries off, a command in flight when its connection drops fails with this error.
      if (e?.name === "MaxRetriesPerRequestError") return "connection";
      if (typeof e?.message === "string" && /Command timed out/i.test(e.message)) return "timeout";
      if (typeof e?.message === "string" && /Stream isn't writeable|Connection is closed|enableOfflineQueue/i.test(e.message)) return "connection";
      return commonErrorKind(error);
    },
  };
}
