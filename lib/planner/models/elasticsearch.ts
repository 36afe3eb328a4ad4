// PLACEHOLDER — being written; replaced by the real elasticsearch model.
import type { StoreModel } from "../model";

export const elasticsearch: StoreModel = {
  family: "elasticsearch",
  engine: { name: "elasticsearch", version: "0" },
  primaryRole: "data",
  assess: () => ({ admissible: false, score: 0, reasons: [], against: ["not modelled yet"] }),
  planRegion: () => ({ candidates: [], rejected: [], warnings: ["not modelled yet"] }),
  thresholds: () => [],
};
