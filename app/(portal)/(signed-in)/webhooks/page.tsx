import type { Metadata } from "next";
import { WebhooksPage } from "@/components/webhooks/webhooks-page";
import { webhookKeys } from "@/lib/query/webhooks";
import { WebhookListQuerySchema } from "@/lib/schemas/webhook";
import { listWebhooks } from "@/lib/server/webhooks/list-webhooks";
import { Prefetched } from "../prefetch";
import type { Fill } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Webhooks" };

/** The list as the browser's webhooksQuery asks for it (the first 100, newest first). */
const prefetchWebhooks: Fill = async (client, actor) => {
  const page = await listWebhooks({ actor, query: WebhookListQuerySchema.parse({ limit: "100" }) });
  client.setQueryData(webhookKeys.list(), page.items);
};

export default async function WebhooksSettingsPage() {
  const actor = await requireActor("/webhooks");
  return (
    <Prefetched actor={actor} fills={[prefetchWebhooks]}>
      <div className="page">
        <div className="page-head">
          <h1>Webhooks</h1>
          <p className="lead">
            Your team&apos;s endpoints hear about requests, reviews, provisioning and thresholds as they happen: signed, retried, logged.
            {actor.isAdmin ? " As an administrator you see every team's." : ""}
          </p>
        </div>
        <WebhooksPage />
      </div>
    </Prefetched>
  );
}
