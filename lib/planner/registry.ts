// Every store family has exactly one model; a new family is a compile error until it has one.
import type { Family } from "../schemas/plan";
import type { ModelDefaults, StoreModel } from "./model";
import { cassandra } from "./models/cassandra";
import { dynomite } from "./models/dynomite";
import { elasticsearch } from "./models/elasticsearch";
import { evcache } from "./models/evcache";
import { graph } from "./models/graph";

export const MODELS = { evcache, cassandra, elasticsearch, graph, dynomite } as const satisfies Record<Family, StoreModel>;

export function modelFor(family: Family): StoreModel {
  return MODELS[family];
}

/** A family's defaults, as the UI shows them ("model default: 5 ms"). */
export function modelDefaults(family: Family): ModelDefaults {
  return MODELS[family].defaults;
}
