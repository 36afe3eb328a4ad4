// API tokens: the person's own, created (the secret comes back once) and revoked.
import { queryOptions } from "@tanstack/react-query";
import type { CreateTokenBodyInput } from "@/lib/schemas/access";
import { newIdempotencyKey } from "./api";
import { apiClient } from "./client";

export const tokenKeys = { all: ["tokens"] as const };

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.all,
    queryFn: async ({ signal }) => (await apiClient.get("listTokens", { query: { limit: 200 }, signal })).items,
  });

export type TokenInput = CreateTokenBodyInput;
export const createToken = (input: TokenInput) => apiClient.get("createToken", { body: input, idempotencyKey: newIdempotencyKey() });
export const revokeToken = (id: string) => apiClient.get("revokeToken", { params: { id } });
