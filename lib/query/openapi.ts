// The API's own description, for the API docs page.
import { queryOptions } from "@tanstack/react-query";
import { api } from "./api";

export type JsonSchema = { [key: string]: unknown };
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const openApiQuery = () =>
  queryOptions({ queryKey: ["openapi"] as const, queryFn: ({ signal }) => api<OpenApiDoc>("/api/v1/openapi.json", { signal }), staleTime: Infinity });
