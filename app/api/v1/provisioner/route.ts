// GET /api/v1/provisioner — which engine runs operations, whether it can, and what to install when it cannot
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { provisionerStatus } from "@/lib/server/provisioning/provisioner-status";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.getProvisionerStatus, () => provisionerStatus()));
