// The five canonical Netflix use cases (QCon SF 2017, "Polyglot Persistence Powering Microservices"), written as
// workloads. They are the recommender's first acceptance tests, the benchmark's inputs and the planner page's presets.
import type { Family } from "../schemas/plan";
import type { WorkloadInput } from "../schemas/workload";

export interface CanonicalUseCase {
  id: string;
  title: string;
  summary: string;
  expected: Family;
  workload: WorkloadInput;
}

export const CANONICAL_USE_CASES: readonly CanonicalUseCase[] = [
  {
    id: "cdn-url",
    title: "CDN URL service",
    summary: "High availability, sub-millisecond reads and writes, high throughput per node, small items.",
    expected: "evcache",
    workload: {
      name: "cdn-url-service",
      tier: 1,
      accessPattern: "key-value",
      readsPerSecond: 300_000,
      writesPerSecond: 30_000,
      readItemBytes: 200,
      writeItemBytes: 200,
      datasetGiB: 40,
      readLatencyP99Ms: 1,
      writeLatencyP99Ms: 1,
      consistency: "best-effort",
      durability: "rebuildable",
      regions: ["us-east-1", "us-west-2", "eu-west-1"],
      crossRegionReplication: true,
      features: ["ttl"],
    },
  },
  {
    id: "playback-incidents",
    title: "Playback manifest / incident tooling",
    summary: "Quick incident resolution: interactive dashboards, near-real-time search, ad-hoc queries.",
    expected: "elasticsearch",
    workload: {
      name: "playback-incidents",
      tier: 2,
      accessPattern: "search",
      readsPerSecond: 500,
      writesPerSecond: 20_000,
      readItemBytes: 8192,
      writeItemBytes: 2048,
      datasetGiB: 3000,
      readLatencyP99Ms: 500,
      consistency: "eventual",
      durability: "rebuildable",
      regions: ["us-east-1"],
      features: ["full-text", "aggregations"],
    },
  },
  {
    id: "viewing-history",
    title: "Viewing history",
    summary: "Time-series data, very high write rate, cross-region replication, large data set.",
    expected: "cassandra",
    workload: {
      name: "viewing-history",
      tier: 1,
      accessPattern: "time-series",
      readsPerSecond: 20_000,
      writesPerSecond: 100_000,
      readItemBytes: 1024,
      writeItemBytes: 512,
      datasetGiB: 5000,
      growthGiBPerMonth: 200,
      consistency: "read-your-writes",
      durability: "durable",
      regions: ["us-east-1", "eu-west-1"],
      crossRegionReplication: true,
    },
  },
  {
    id: "digital-assets",
    title: "Digital asset management",
    summary: "One backend for all asset metadata: relationships and connected data, searchable.",
    expected: "graph",
    workload: {
      name: "digital-assets",
      tier: 2,
      accessPattern: "graph",
      readsPerSecond: 2000,
      writesPerSecond: 200,
      readItemBytes: 1024,
      writeItemBytes: 1024,
      datasetGiB: 300,
      consistency: "read-your-writes",
      durability: "durable",
      regions: ["us-east-1"],
      features: ["traversals", "full-text"],
      traversalDepth: 3,
      fanout: 8,
    },
  },
  {
    id: "delayed-queues",
    title: "Distributed delayed queues",
    summary: "Distributed, highly concurrent, at-least-once delivery, delayed delivery, priorities within a shard.",
    expected: "dynomite",
    workload: {
      name: "delayed-queues",
      tier: 1,
      accessPattern: "queue",
      readsPerSecond: 30_000,
      writesPerSecond: 10_000,
      readItemBytes: 1024,
      writeItemBytes: 1024,
      datasetGiB: 20,
      consistency: "eventual",
      durability: "durable",
      regions: ["us-east-1"],
      features: ["delayed-delivery", "priorities"],
    },
  },
];
