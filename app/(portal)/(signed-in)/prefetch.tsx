// Server-side prefetch for the signed-in pages: the data a page shows first is read through lib/server (the same
// use-cases the API runs) and handed to react-query, so the first render has it and the browser does not ask again.
import "server-only";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Me } from "@/lib/schemas/access";
import type { Actor } from "@/lib/server/auth/actor";
import { getMe } from "@/lib/server/access/get-me";
import { log } from "@/lib/server/log";
import { meKey } from "@/lib/query/me";
import type { Fill } from "./prefetch-fills";

/**
 * Renders children with the caller's /me and whatever `fills` put in the cache. A failed fill only logs: the client
 * then loads it itself. A page that read /me already (to choose its fills) passes it as `me`, so it is read once.
 */
export async function Prefetched({ actor, me, fills = [], children }: { actor: Actor; me?: Me; fills?: Fill[]; children: ReactNode }) {
  const client = new QueryClient();
  const all: Fill[] = [async (c, a) => void c.setQueryData(meKey, me ?? (await getMe({ actor: a }))), ...fills];
  await Promise.all(
    all.map((fill) =>
      fill(client, actor).catch((error: unknown) => {
        log.warn("prefetch failed; the page loads it in the browser", { error: error instanceof Error ? error.message : String(error) });
      }),
    ),
  );
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
