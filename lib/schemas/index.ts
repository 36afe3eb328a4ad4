export * from "./workload";
export * from "./plan";
