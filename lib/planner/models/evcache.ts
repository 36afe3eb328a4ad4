// PLACEHOLDER — being written; replaced by the real evcache model.
import type { StoreModel } from "../model";

export const evcache: StoreModel = {
  family: "evcache",
  engine: { name: "evcache", version: "0" },
  primaryRole: "data",
  assess: () => ({ admissible: false, score: 0, reasons: [], against: ["not modelled yet"] }),
  planRegion: () => ({ candidates: [], rejected: [], warnings: ["not modelled yet"] }),
  thresholds: () => [],
};
