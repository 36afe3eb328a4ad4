import memjs from "memjs";
import { commonErrorKind, type BenchDriver, type DriverOpenOptions } from "../driver";

export interface MemcachedDriverOptions {
  /** "host:port", as EVCache's client sees one memcached server. */
  server: string;
  username?: string;
  password?: string;
  /** Seconds a written key lives; 0 (the default) never expires. */
  ttlSeconds?: number;
}

/**
 * memcached — EVCache's server — on memjs (the binary protocol): GET and SET, one memjs client (one socket) per
 * harness connection. memjs's own retries are off so each failure is counted once, and its console logging is off
 * so a benchmark against a failing server does not flood the worker's log: the failures are in the result.
 */
export function memcachedDriver(options: MemcachedDriverOptions): BenchDriver {
  let clients: memjs.Client[] = [];
  const client = (conn: number): memjs.Client => {
    const c = clients[conn];
    if (!c) throw new Error(`memcached driver: no connection ${conn} (open it first)`);
    return c;
  };
  return {
    name: "memcached",
    async open({ connections, requestTimeoutMs }: DriverOpenOptions) {
      clients = Array.from({ length: connections }, () =>
        memjs.Client.create(options.server, {
          username: options.username,
          password: options.password,
          timeout: requestTimeoutMs / 1000,
          conntimeout: Math.max(requestTimeoutMs, 1000) / 1000,
          retries: 0,
          keepAlive: true,
          expires: options.ttlSeconds ?? 0,
          logger: { log: () => {} },
        }),
      );
      // memjs connects on first use: a GET round trip on every client proves each one is up before timing starts.
      await Promise.all(clients.map((c) => c.get("bench:connect-probe")));
    },
    async read(key, conn) {
      const { value } = await client(conn).get(key);
      return value !== null;
    },
    async write(key, value, conn) {
      await client(conn).set(key, Buffer.from(value.buffer, value.byteOffset, value.byteLength), { expires: options.ttlSeconds ?? 0 });
    },
    async close() {
      const closing = clients;
      clients = [];
      for (const c of closing) c.close();
    },
    errorKind(error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/timed out|timeout/i.test(message)) return "timeout";
      if (/^MemJS (GET|SET):/.test(message)) return "server";
      return commonErrorKind(error);
    },
  };
}
