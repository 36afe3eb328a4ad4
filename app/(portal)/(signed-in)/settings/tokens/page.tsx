import type { Metadata } from "next";
import { TokensPage } from "@/components/tokens/tokens-page";
import { Prefetched } from "../../prefetch";
import { prefetchTokens } from "../../prefetch-fills";
import { requireActor } from "../../require-actor";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensSettingsPage() {
  const actor = await requireActor("/settings/tokens");
  return (
    <Prefetched actor={actor} fills={[prefetchTokens]}>
      <div className="page">
        <div className="page-head">
          <h1>API tokens</h1>
          <p className="lead">For scripts, CI and the command line: everything the browser does, through the API.</p>
        </div>
        <TokensPage />
      </div>
    </Prefetched>
  );
}
