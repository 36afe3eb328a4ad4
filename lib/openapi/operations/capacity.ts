// Capacity runway and re-plan proposals of a provisioned datastore (lib/server/health/get-runway.ts,
// get-modernisation.ts): planned → observed → re-planned.
import { ModernisationSchema, RunwaySchema } from "../../schemas/runway";
import type { ApiOperation } from "./shared";

export const CAPACITY = {
  getDatastoreRunway: {
    method: "GET",
    path: "/api/v1/datastores/{id}/runway",
    summary: "A datastore's capacity runway and re-plan proposal",
    description:
      "Per region and role with a data disk and a disk-used threshold: the disk used now, its growth in percentage points a month and the months until the critical threshold — from the observed series (a least-squares line through whole days of the last 7, which needs two days), else the workload's declared growth, else none; null months means never (flat or shrinking). Per region, the primary role's observed peak reads and writes per second against the planned ones. When observed load departs from the plan by more than 25% or a runway is shorter than the planning horizon, `proposal` is a re-plan: the observed workload (peaks, data now and its growth; everything else as declared), planned on the shape the datastore runs, with its cost against the current one. Send `proposal.workload` as a day-2 change (POST /api/v1/datastores/{id}/changes) to act on it. Provisioned datastores only (active, or with stack outputs; 409 otherwise).",
    tag: "datastores",
    response: {
      status: 200,
      description: "The runway, the comparison with the plan and the proposal (null when nothing calls for one).",
      schema: RunwaySchema,
    },
    errors: ["not_found", "conflict", "service_unavailable", "internal"],
  },
  getDatastoreModernisation: {
    method: "GET",
    path: "/api/v1/datastores/{id}/modernisation",
    summary: "Modernise a datastore on previous-generation shapes",
    description:
      "Each cluster's instance type and its generation (current: the newest generation of its series in the hardware catalogue and the three before it). When one runs a previous-generation shape, `proposal` re-plans the same workload on current-generation families: the cheapest current shape for the primary role, planned as a day-2 change would plan it, with the cost delta. Send `proposal.workload` with `instanceType` as a day-2 change to act on it. Provisioned datastores only (active, or with stack outputs; 409 otherwise).",
    tag: "datastores",
    response: { status: 200, description: "The clusters' generations and the proposal (null with a note when there is none).", schema: ModernisationSchema },
    errors: ["not_found", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
