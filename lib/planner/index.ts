// The planner's public face: recommend a family, and plan capacity for a workload.
// Pure TypeScript: runs unchanged in the browser (live planning), route handlers, the worker and benchmarks.
export { recommend } from "./recommend";
export { planWorkload, PlannerError } from "./plan-workload";
export { MODELS, modelFor, modelDefaults } from "./registry";
export type { StoreModel, ModelDefaults, PointDesires, Assessment, SizedCluster, RegionPlan, RegionCandidate } from "./model";
export { planOnShape, primaryInstanceType } from "./plan-on-shape";
