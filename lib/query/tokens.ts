// API tokens: the person's own, created (the secret comes back once) and revoked.
import { queryOptions } from "@tanstack/react-query";
import type { CreateTokenBodyInput } from "@/lib/schemas/access";
import { api, newIdempotencyKey, queryString } from "./api";
import type { CreatedToken, Page, TokenDto } from "./types";

export const tokenKeys = { all: ["tokens"] as const };

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.all,
    queryFn: async ({ signal }) => (await api<Page<TokenDto>>(`/api/v1/tokens${queryString({ limit: 200 })}`, { signal })).items,
  });

export type TokenInput = CreateTokenBodyInput;
export const createToken = (input: TokenInput) => api<CreatedToken>("/api/v1/tokens", { method: "POST", body: input, idempotencyKey: newIdempotencyKey() });
export const revokeToken = (id: string) => api<unknown>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
