import type { Metadata } from "next";
import { ApiDocs } from "@/components/api-docs/api-docs";
import { openApiDocument } from "@/lib/openapi/document";
import { openApiQuery } from "@/lib/query/openapi";
import { Prefetched } from "../prefetch";
import type { Fill } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  const actor = await requireActor("/api-docs");
  // The same document GET /api/v1/openapi.json serves, built from the same registry.
  const fillDocument: Fill = async (client) => void client.setQueryData(openApiQuery().queryKey, JSON.parse(JSON.stringify(openApiDocument())));
  return (
    <Prefetched actor={actor} fills={[fillDocument]}>
      <div className="page">
        <div className="page-head">
          <h1>API reference</h1>
          <p className="lead">
            Everything the portal does, under <code>/api/v1</code>. Authenticate with a session or an API token (<code>Authorization: Bearer …</code>); create
            tokens under <a href="/settings/tokens">API tokens</a>.
          </p>
        </div>
        <ApiDocs />
      </div>
    </Prefetched>
  );
}
