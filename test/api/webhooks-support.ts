// Calling the webhooks API as people: typed wrappers over the real route handlers.
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/webhooks/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/webhooks/[id]/route";
import { POST as rotateRoute } from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import { POST as pingRoute } from "@/app/api/v1/webhooks/[id]/ping/route";
import { GET as deliveriesRoute } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { POST as redeliverRoute } from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import { jsonRequest, type TestPerson } from "../support/actors";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

export const hooks = {
  create: (p: TestPerson | null, body: unknown, headers: Record<string, string> = {}) => createRoute(jsonRequest("POST", "/api/v1/webhooks", p, body, headers)),
  list: (p: TestPerson | null, query = "") => listRoute(jsonRequest("GET", `/api/v1/webhooks${query}`, p)),
  get: (p: TestPerson | null, id: string) => getRoute(jsonRequest("GET", `/api/v1/webhooks/${id}`, p), params(id)),
  patch: (p: TestPerson | null, id: string, body: unknown) => patchRoute(jsonRequest("PATCH", `/api/v1/webhooks/${id}`, p, body), params(id)),
  delete: (p: TestPerson | null, id: string) => deleteRoute(jsonRequest("DELETE", `/api/v1/webhooks/${id}`, p), params(id)),
  rotate: (p: TestPerson | null, id: string) => rotateRoute(jsonRequest("POST", `/api/v1/webhooks/${id}/rotate-secret`, p), params(id)),
  ping: (p: TestPerson | null, id: string) => pingRoute(jsonRequest("POST", `/api/v1/webhooks/${id}/ping`, p), params(id)),
  deliveries: (p: TestPerson | null, id: string, query = "") => deliveriesRoute(jsonRequest("GET", `/api/v1/webhooks/${id}/deliveries${query}`, p), params(id)),
  redeliver: (p: TestPerson | null, id: string, deliveryId: string) =>
    redeliverRoute(jsonRequest("POST", `/api/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver`, p), { params: Promise.resolve({ id, deliveryId }) }),
};
