// Webhook subscriptions and their delivery logs, through the typed client: list, create (the secret comes back once),
// change, rotate, test, delete, redeliver.
import { queryOptions } from "@tanstack/react-query";
import type { CreateWebhookBodyInput, UpdateWebhookBodyInput } from "@/lib/schemas/webhook";
import { apiClient } from "./client";

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (id: string) => [...webhookKeys.all, "deliveries", id] as const,
};

export const webhooksQuery = () =>
  queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: async ({ signal }) => (await apiClient.get("listWebhooks", { query: { limit: "100" }, signal })).items,
  });

/** A subscription's recent deliveries; refreshed while any is still waiting or being sent. */
export const webhookDeliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: async ({ signal }) => (await apiClient.get("listWebhookDeliveries", { params: { id }, query: { limit: "25" }, signal })).items,
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending" || d.status === "delivering") ? 1000 : false),
  });

export const createWebhook = (body: CreateWebhookBodyInput) => apiClient.get("createWebhook", { body });
export const updateWebhook = (id: string, body: UpdateWebhookBodyInput) => apiClient.get("updateWebhook", { params: { id }, body });
export const deleteWebhook = (id: string) => apiClient.get("deleteWebhook", { params: { id } });
export const rotateWebhookSecret = (id: string) => apiClient.get("rotateWebhookSecret", { params: { id } });
export const pingWebhook = (id: string) => apiClient.get("pingWebhook", { params: { id } });
export const redeliverWebhook = (id: string, deliveryId: string) => apiClient.get("redeliverWebhook", { params: { id, deliveryId } });
