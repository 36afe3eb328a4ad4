// Any /api/v1 path no route serves — 404 problem+json for every method (not Next.js's HTML page), so clients get
// the API's error shape even for a typo in the path.
import { AppError } from "@/lib/errors";
import { problemResponse, toProblem } from "@/lib/server/http/problem";

async function unknownPath(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const error = new AppError("not_found", `There is no API resource at ${path.slice(0, 200)}; GET /api/v1/openapi.json lists every path.`);
  return problemResponse(toProblem(error, path));
}

export {
  unknownPath as GET,
  unknownPath as HEAD,
  unknownPath as POST,
  unknownPath as PUT,
  unknownPath as PATCH,
  unknownPath as DELETE,
  unknownPath as OPTIONS,
};
