// The API's own description, for the API docs page.
import { queryOptions } from "@tanstack/react-query";
import type { OpenApiDocument } from "@/lib/openapi/document-schema";
import { apiClient } from "./client";

export type JsonSchema = { [key: string]: unknown };
export type OpenApiDoc = OpenApiDocument;

/** Where the document is, for the link to the raw JSON. */
export const openApiUrl = () => apiClient.url("getOpenApiDocument");

export const openApiQuery = () =>
  queryOptions({ queryKey: ["openapi"] as const, queryFn: ({ signal }) => apiClient.get("getOpenApiDocument", { signal }), staleTime: Infinity });
