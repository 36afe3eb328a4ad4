// PLACEHOLDER — being written; replaced by the real dynomite model.
import type { StoreModel } from "../model";

export const dynomite: StoreModel = {
  family: "dynomite",
  engine: { name: "dynomite", version: "0" },
  primaryRole: "data",
  assess: () => ({ admissible: false, score: 0, reasons: [], against: ["not modelled yet"] }),
  planRegion: () => ({ candidates: [], rejected: [], warnings: ["not modelled yet"] }),
  thresholds: () => [],
};
