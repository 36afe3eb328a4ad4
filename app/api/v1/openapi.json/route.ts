// GET /api/v1/openapi.json — serves the API's OpenAPI 3.1 document, generated from the shared zod schemas
import { openApiDocument } from "@/lib/openapi/document";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

const op = API_OPERATIONS.getOpenApiDocument;

export const GET = route(async () => respond(op.response.schema, openApiDocument(), { status: op.response.status }));

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
