export * from "./workload";
export * from "./plan";
export * from "./catalog";
export * from "./request";
