// PLACEHOLDER — being written; replaced by the real graph model.
import type { StoreModel } from "../model";

export const graph: StoreModel = {
  family: "graph",
  engine: { name: "graph", version: "0" },
  primaryRole: "data",
  assess: () => ({ admissible: false, score: 0, reasons: [], against: ["not modelled yet"] }),
  planRegion: () => ({ candidates: [], rejected: [], warnings: ["not modelled yet"] }),
  thresholds: () => [],
};
