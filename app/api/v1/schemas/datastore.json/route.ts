// GET /api/v1/schemas/datastore.json — serves the JSON Schema of the declarative datastore file, generated from its zod schema
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { datastoreFileJsonSchema } from "@/lib/schemas/datastore-file";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreFileSchema, () => datastoreFileJsonSchema(), {
    // Changes only with a new portal version; editors may keep it a while.
    headers: () => ({ "cache-control": "public, max-age=300" }),
  }),
);
