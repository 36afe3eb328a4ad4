// SLA health (lib/server/health): a datastore's metrics against its thresholds and plan, its alarms; the fleet-wide
// at-risk list; and the incidents an administrator injects into a simulated portal.
import {
  AtRiskListSchema,
  AtRiskQuerySchema,
  DatastoreHealthSchema,
  HealthQuerySchema,
  IncidentCreateSchema,
  IncidentListSchema,
  IncidentSchema,
} from "../../schemas/sla-health";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const HEALTH = {
  getDatastoreHealth: {
    method: "GET",
    path: "/api/v1/datastores/{id}/health",
    summary: "A datastore's SLA health",
    description:
      "Over the last 24 h (5-minute points) or 7 d (hourly points): per region and role, p99 read and write latency with the thresholds' levels, reads and writes per second against the plan's peak, CPU, disk and memory utilisation (and any other metric the role has a threshold for); every alarm with its state, how often it fired in the last 30 days, where it goes (warnings to the owning team's channel, criticals page) and its runbook's first step; the state changes over the range, newest first. `source` says whether the numbers are simulated. 409 before the datastore has been provisioned.",
    tag: "health",
    query: HealthQuerySchema,
    response: { status: 200, description: "The datastore's health over the range.", schema: DatastoreHealthSchema },
    errors: ["invalid_input", "not_found", "conflict", "internal", "service_unavailable"],
  },
  listAtRisk: {
    method: "GET",
    path: "/api/v1/health/at-risk",
    summary: "Datastores at risk",
    description:
      "The active datastores you may see that need someone: an alarm firing, a metric near its threshold (within 5% of the warning level, or past it without the alarm having fired yet), running out of room, or load departing from the plan — each finding with one sentence to act on and a link. Critical first. Filter by `kind` or `team` (slug or id). Each datastore's findings are computed at most once a minute.",
    tag: "health",
    query: AtRiskQuerySchema,
    response: { status: 200, description: "Datastores with findings, the number checked, and any datastore a check could not read.", schema: AtRiskListSchema },
    errors: ["invalid_input", "internal"],
  },
  listHealthIncidents: {
    method: "GET",
    path: "/api/v1/datastores/{id}/health/incidents",
    summary: "Injected health incidents (simulated)",
    description:
      "The incidents injected into a simulated datastore, newest first. Portal administrators only; 409 when the portal's metrics are not simulated.",
    tag: "health",
    response: { status: 200, description: "The incidents.", schema: IncidentListSchema },
    errors: ["not_found", "forbidden", "conflict", "internal"],
  },
  createHealthIncident: {
    method: "POST",
    path: "/api/v1/datastores/{id}/health/incidents",
    summary: "Inject a health incident (simulated)",
    description:
      "Portal administrators, on a portal whose metrics are simulated (PROVISIONER=simulated; 409 otherwise), into an active datastore: `latency-spike` multiplies p99 latency by `magnitude` (1–100), `traffic-growth` multiplies throughput and the utilisations it drives (0.1–100), `disk-filling` adds `magnitude` percentage points of disk a day (0.01–100). In one `region` and `role`, or all; from `startsAt` (default now; up to 30 days back or ahead) for `durationMinutes` or until ended. Alarms follow from the series. Audited.",
    tag: "health",
    body: IncidentCreateSchema,
    bodyName: "incident",
    response: { status: 201, description: "The incident.", schema: IncidentSchema },
    errors: [...BODY_ERRORS, "not_found", "forbidden", "conflict", "internal"],
  },
  endHealthIncident: {
    method: "POST",
    path: "/api/v1/datastores/{id}/health/incidents/{incidentId}/end",
    summary: "End an injected health incident (simulated)",
    description:
      "Ends the incident now: the series return to the plan from this minute (what a disk filling wrote stays). 409 when it has already ended. Audited.",
    tag: "health",
    response: { status: 200, description: "The ended incident.", schema: IncidentSchema },
    errors: ["not_found", "forbidden", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
