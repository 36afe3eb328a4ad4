// A loopback TCP proxy that holds every answer of the server behind it for a fixed time: how a simulated latency
// spike reaches a benchmark against a local memcached or redis-server as real, measured latency (the harness times
// the round trip through the proxy; nothing is added to its figures by hand).
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface DelayingProxy {
  host: "127.0.0.1";
  port: number;
  delayMs: number;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port and forwards each connection to `upstream`: requests at once, each chunk of the
 * answer `delayMs` later (in order: equal delays fire in the order they were set).
 */
export async function startDelayingProxy(upstream: { host: string; port: number }, delayMs: number): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const target = createConnection({ host: upstream.host, port: upstream.port });
    client.setNoDelay(true);
    target.setNoDelay(true);
    sockets.add(client).add(target);
    const end = () => {
      client.destroy();
      target.destroy();
    };
    client.on("data", (chunk) => target.write(chunk));
    target.on("data", (chunk) =>
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk);
      }, delayMs),
    );
    for (const s of [client, target]) {
      s.on("error", end);
      s.on("close", () => {
        sockets.delete(s);
        // Answers still held are delivered before the client's side closes.
        setTimeout(end, s === target ? delayMs + 1 : 0);
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the delaying proxy has no port");
  return {
    host: "127.0.0.1",
    port: address.port,
    delayMs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
