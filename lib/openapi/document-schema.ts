import { z } from "zod";

/** The shape of the served OpenAPI document, as far as clients may rely on it (the rest is OpenAPI 3.1 itself). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  tags: z.array(z.looseObject({ name: z.string(), description: z.string().optional() })).optional(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.record(z.string(), z.unknown())) }),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;
