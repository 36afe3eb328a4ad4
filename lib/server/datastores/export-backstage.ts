// Exports a datastore as a Backstage catalog-info.yaml: a Resource owned by the team's group, and one Resource per
// companion store (a cache in front, a search index beside) that the datastore depends on.
import "server-only";
import type { DatastoreDto, TopologyCluster } from "@/lib/schemas/datastore";
import { FAMILY_TITLES, type Family } from "@/lib/schemas/plan";
import { toYaml, type YamlValue } from "@/lib/yaml";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { toDatastoreDto } from "./datastore-dto";
import { findVisibleDatastore } from "./get-datastore";

export const BACKSTAGE_API_VERSION = "backstage.io/v1alpha1";
const ANNOTATION = "datastore-portal.io";
/** Backstage entity names: [a-z0-9A-Z] runs joined by one of -_. and at most 63 characters. */
const NAME_MAX = 63;
/** Companion roles as the planner names them: "cache", "index" or e.g. "index-master". */
const COMPANION_ROLE = /^(cache|index)(?:-|$)/;

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

export interface Companion {
  role: "cache" | "index";
  family: Family;
  regions: string[];
}

function entityName(raw: string, max = NAME_MAX): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
  return cleaned === "" ? "datastore" : cleaned;
}

function tag(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, NAME_MAX);
}

/** Backstage's well-known lifecycles: a test tier is experimental, a decommissioned store deprecated. */
export function lifecycleOf(d: Pick<DatastoreDto, "tier" | "status">): "production" | "experimental" | "deprecated" {
  if (d.status === "decommissioned") return "deprecated";
  return d.tier === 3 ? "experimental" : "production";
}

function isCompanion(d: Pick<DatastoreDto, "family">, c: TopologyCluster): boolean {
  return COMPANION_ROLE.test(c.role) && c.family !== d.family;
}

/** Companion stores in the topology: cache/index roles run by another family than the datastore's own. */
export function companionsOf(d: Pick<DatastoreDto, "family" | "topology">): Companion[] {
  const byRole = new Map<Companion["role"], Companion>();
  for (const c of d.topology) {
    const m = COMPANION_ROLE.exec(c.role);
    if (!m || !isCompanion(d, c)) continue;
    const role = m[1] as Companion["role"];
    const entry = byRole.get(role) ?? { role, family: c.family, regions: [] };
    if (!entry.regions.includes(c.region)) entry.regions.push(c.region);
    byRole.set(role, entry);
  }
  return [...byRole.values()];
}

function nodesOf(d: DatastoreDto, match: (c: TopologyCluster) => boolean): number {
  return d.topology.filter(match).reduce((sum, c) => sum + c.nodes, 0);
}

export function backstageEntities(d: DatastoreDto, baseUrl: string): YamlValue[] {
  // Datastore names are unique per team only; the team slug makes the entity name unique in the catalog.
  const name = entityName(`${d.team.slug}-${d.name}`, NAME_MAX - "-index".length);
  const owner = `group:${entityName(d.team.slug)}`;
  const lifecycle = lifecycleOf(d);
  const companions = companionsOf(d);
  const companionName = (c: Companion) => `${name}-${c.role}`;
  const page = `${baseUrl}/catalog/${encodeURIComponent(d.id)}`;
  const primaryNodes = nodesOf(d, (c) => !isCompanion(d, c));

  const main: YamlValue = {
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "Resource",
    metadata: {
      name,
      title: d.name,
      description: `${FAMILY_TITLES[d.family]} owned by ${d.team.name}: tier ${d.tier}, ${primaryNodes} nodes in ${d.regions.join(", ")}, ${d.engine} ${d.engineVersion}. Managed by the Datastore Portal.`,
      annotations: {
        [`${ANNOTATION}/datastore-id`]: d.id,
        [`${ANNOTATION}/request-id`]: d.requestId,
        [`${ANNOTATION}/team-id`]: d.team.id,
        [`${ANNOTATION}/family`]: d.family,
        [`${ANNOTATION}/tier`]: String(d.tier),
        [`${ANNOTATION}/status`]: d.status,
        [`${ANNOTATION}/regions`]: d.regions.join(","),
        [`${ANNOTATION}/engine`]: `${d.engine} ${d.engineVersion}`,
        [`${ANNOTATION}/annual-cost-usd`]: d.annualCost.toFixed(2),
        [`${ANNOTATION}/monthly-cost-usd`]: d.monthlyCost.toFixed(2),
        [`${ANNOTATION}/contacts`]: d.contacts.join(","),
        ...(d.pagerTarget ? { [`${ANNOTATION}/pager-target`]: d.pagerTarget } : {}),
      },
      tags: [...new Set([tag(d.family), tag(d.engine), `tier-${d.tier}`, ...d.regions.map(tag)])].filter((t) => t !== ""),
      links: [
        { url: page, title: "Datastore Portal", icon: "dashboard" },
        { url: `${baseUrl}/api/v1/datastores/${encodeURIComponent(d.id)}`, title: "Portal API" },
      ],
    },
    spec: {
      type: `${d.family}-cluster`,
      owner,
      lifecycle,
      ...(companions.length > 0 ? { dependsOn: companions.map((c) => `resource:${companionName(c)}`) } : {}),
    },
  };

  const companionEntities: YamlValue[] = companions.map((c) => ({
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "Resource",
    metadata: {
      name: companionName(c),
      title: `${d.name} ${c.role}`,
      description: `${FAMILY_TITLES[c.family]} ${c.role === "cache" ? "caching in front of" : "indexing"} ${d.name}, in ${c.regions.join(", ")}. Managed by the Datastore Portal.`,
      annotations: {
        [`${ANNOTATION}/datastore-id`]: d.id,
        [`${ANNOTATION}/family`]: c.family,
        [`${ANNOTATION}/role`]: c.role,
        [`${ANNOTATION}/regions`]: c.regions.join(","),
      },
      tags: [tag(c.family), c.role, `tier-${d.tier}`],
      links: [{ url: page, title: "Datastore Portal", icon: "dashboard" }],
    },
    spec: { type: `${c.family}-cluster`, owner, lifecycle, dependencyOf: [`resource:${name}`] },
  }));

  return [main, ...companionEntities];
}

export async function exportBackstage({ actor, id, baseUrl }: ExportBackstageOptions): Promise<BackstageExport> {
  const datastore = toDatastoreDto(await findVisibleDatastore(db(), actor, id));
  return { filename: "catalog-info.yaml", yaml: toYaml(...backstageEntities(datastore, baseUrl)) };
}
