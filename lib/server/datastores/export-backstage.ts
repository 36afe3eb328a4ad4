// Exports a datastore as a Backstage catalog-info.yaml: its entities (backstage-entities.ts) as YAML documents.
import "server-only";
import { toYaml } from "@/lib/yaml";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { backstageEntities } from "./backstage-entities";
import { toDatastoreDto } from "./datastore-dto";
import { findVisibleDatastore } from "./get-datastore";

export interface ExportBackstageOptions {
  actor: Actor;
  id: string;
  /** The portal's public origin, for links back ("https://portal.example.com"). */
  baseUrl: string;
}

export interface BackstageExport {
  filename: string;
  yaml: string;
}

export async function exportBackstage({ actor, id, baseUrl }: ExportBackstageOptions): Promise<BackstageExport> {
  const datastore = toDatastoreDto(await findVisibleDatastore(db(), actor, id));
  return { filename: "catalog-info.yaml", yaml: toYaml(...backstageEntities(datastore, baseUrl)) };
}
