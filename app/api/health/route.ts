// GET /api/health — for load balancers and orchestrators: 200 when the database takes a write transaction within
// its deadline and DATA_DIR is writable with room to spare; otherwise a 503 problem naming what failed and where.
// Outside /api/v1 and without credentials, like any probe; never cached.
import { AppError } from "@/lib/errors";
import { HealthSchema } from "@/lib/schemas/health";
import { checkHealth } from "@/lib/server/health/check-health";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { errorResponse, route } from "@/lib/server/http/route";

export const GET = route(async (request) => {
  const report = await checkHealth();
  if (!report.healthy) return errorResponse(new AppError("service_unavailable", report.detail), request);
  return respond(HealthSchema, report.health, { headers: { "cache-control": "no-store" } });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
