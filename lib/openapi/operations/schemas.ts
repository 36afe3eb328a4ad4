// JSON Schemas of the portal's files (`/api/v1/schemas/…`): what editors load to complete and check them.
import { z } from "zod";
import type { ApiOperation } from "./shared";

/** A JSON Schema document (draft 2020-12), as far as clients may rely on it. */
export const JsonSchemaDocumentSchema = z.looseObject({
  $schema: z.string(),
  type: z.literal("object"),
  properties: z.record(z.string(), z.unknown()),
});

export const SCHEMAS = {
  getDatastoreFileSchema: {
    method: "GET",
    path: "/api/v1/schemas/datastore.json",
    summary: "The JSON Schema of datastore.yaml",
    description:
      "The declarative datastore file that `dsp apply` converges to (`apiVersion: datastore-portal/v1`, `kind: Datastore`, `metadata: {name, team}`, `spec: {workload, family?, thresholds?}`), generated from the zod schema `dsp` validates with. Point an editor at it — `# yaml-language-server: $schema=<portal>/api/v1/schemas/datastore.json` — to complete and check the file.",
    tag: "meta",
    response: { status: 200, description: "The JSON Schema (draft 2020-12).", schema: JsonSchemaDocumentSchema },
    errors: ["internal"],
    // Public on purpose, as the OpenAPI document: it holds no data, and editors fetch it without credentials.
    public: true,
  },
} as const satisfies Record<string, ApiOperation>;
