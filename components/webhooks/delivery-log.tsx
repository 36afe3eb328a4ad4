"use client";
// A subscription's delivery log: each message with its status, attempts, the last answer's code, latency and first
// characters, and a redeliver button. Refreshes itself while a delivery is waiting or being sent.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookDeliveryDto } from "@/lib/schemas/webhook";
import { errorMessage } from "@/lib/query/api";
import { redeliverWebhook, webhookDeliveriesQuery, webhookKeys } from "@/lib/query/webhooks";
import { formatDateTime } from "@/components/ui/dates";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";

const TONE: Record<WebhookDeliveryDto["status"], string> = { pending: "info", delivering: "info", delivered: "ok", failed: "danger" };

function statusText(d: WebhookDeliveryDto, enabled: boolean): string {
  if (d.status === "pending" && !enabled) return "held";
  if (d.status === "pending" && d.attempts > 0) return "retrying";
  return d.status;
}

export function DeliveryLog({ hookId, enabled }: { hookId: string; enabled: boolean }) {
  const q = useQuery(webhookDeliveriesQuery(hookId));
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => redeliverWebhook(hookId, deliveryId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(hookId) }),
  });
  return (
    <div className="delivery-log" data-testid="delivery-log">
      {redeliver.isError ? <ErrorState title="Could not redeliver." message={errorMessage(redeliver.error)} /> : null}
      {q.isPending ? (
        <Loading rows={2} />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState title="Nothing delivered yet.">Send a test to see a delivery here.</EmptyState>
      ) : (
        <TableScroll label="Deliveries">
          <table className="table delivery-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Answer</th>
                <th scope="col">Latency</th>
                <th scope="col">When</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {q.data.map((d) => (
                <tr key={d.id} data-testid="delivery-row" data-status={d.status} data-webhook-id={d.webhookId}>
                  <td>
                    <code className="event-type">{d.eventType}</code>
                    {d.redeliveryOfId ? <span className="muted small"> · redelivery</span> : null}
                    <div className="muted small">
                      <code>{d.webhookId}</code>
                    </div>
                  </td>
                  <td>
                    <span className={`status status--${enabled ? TONE[d.status] : "neutral"}`}>{statusText(d, enabled)}</span>
                    {d.status === "pending" && !enabled ? <div className="muted small">sent when the webhook is enabled</div> : null}
                    {d.status === "pending" && enabled && d.nextAttemptAt ? <div className="muted small">next {formatDateTime(d.nextAttemptAt)}</div> : null}
                  </td>
                  <td className="num">
                    {d.attempts} / {d.maxAttempts}
                  </td>
                  <td className="delivery-answer">
                    {d.lastStatusCode !== null ? <strong>{d.lastStatusCode}</strong> : null}
                    {d.lastError && d.lastStatusCode === null ? <span className="muted">{d.lastError}</span> : null}
                    {d.responseExcerpt ? (
                      <code className="excerpt" title={d.responseExcerpt}>
                        {d.responseExcerpt}
                      </code>
                    ) : null}
                  </td>
                  <td className="num">{d.lastLatencyMs !== null ? `${d.lastLatencyMs} ms` : "—"}</td>
                  <td className="small">{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={!enabled || redeliver.isPending || d.status === "pending" || d.status === "delivering"}
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
