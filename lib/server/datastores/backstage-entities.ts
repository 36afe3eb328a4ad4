// Datastores as Backstage catalog entities, shared by the catalog-info.yaml export of one datastore and the entity
// feed (GET /api/v1/backstage/entities): a Resource owned by the team's group, one Resource per companion store (a
// cache in front, a search index beside) that the datastore depends on, and — in the feed — one System per team that
// groups its datastores.
import "server-only";
import { BACKSTAGE_API_VERSION, type BackstageEntity } from "@/lib/schemas/backstage";
import type { DatastoreDto, TopologyCluster } from "@/lib/schemas/datastore";
import { FAMILY_TITLES, type Family } from "@/lib/schemas/plan";

export { BACKSTAGE_API_VERSION };

const ANNOTATION = "datastore-portal.io";
/** Backstage entity names: [a-z0-9A-Z] runs joined by one of -_. and at most 63 characters. */
const NAME_MAX = 63;
/** Companion roles as the planner names them: "cache", "index" or e.g. "index-master". */
const COMPANION_ROLE = /^(cache|index)(?:-|$)/;

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

/** What the feed adds to each entity: where it is managed from, and the team's System it belongs to. */
export interface FeedContext {
  /** The feed's URL: Backstage's managed-by-location annotations (`url:<feed>`), so a provider need not add them. */
  location: string;
}

type Team = DatastoreDto["team"];

const managedBy = (feed: FeedContext | undefined): Record<string, string> =>
  feed ? { "backstage.io/managed-by-location": `url:${feed.location}`, "backstage.io/managed-by-origin-location": `url:${feed.location}` } : {};

/** The System that groups a team's datastores in the feed: `<team slug>-datastores`. */
export function teamSystemName(team: Pick<Team, "slug">): string {
  return entityName(`${team.slug}-datastores`);
}

/** One System per team in the feed, owned by the team's group: what each of its datastores' Resources names as spec.system. */
export function teamSystemEntity(team: Team, baseUrl: string, feed: FeedContext): BackstageEntity {
  return {
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "System",
    metadata: {
      name: teamSystemName(team),
      title: `${team.name} datastores`,
      description: `The data stores of ${team.name}, provisioned and catalogued by the Datastore Portal.`,
      annotations: { [`${ANNOTATION}/team-id`]: team.id, ...managedBy(feed) },
      tags: ["datastore-portal"],
      links: [{ url: `${baseUrl}/catalog?team=${encodeURIComponent(team.slug)}`, title: "Datastore Portal", icon: "dashboard" }],
    },
    spec: { owner: `group:${entityName(team.slug)}` },
  };
}

/**
 * A datastore's entities: its Resource, then one per companion store. With `feed`, each names the team's System and
 * carries the managed-by-location annotations; without (the catalog-info.yaml export, a file kept in a repository),
 * neither — the file would otherwise point at a System it does not define.
 */
export function backstageEntities(d: DatastoreDto, baseUrl: string, feed?: FeedContext): BackstageEntity[] {
  // Datastore names are unique per team only; the team slug makes the entity name unique in the catalog.
  const name = entityName(`${d.team.slug}-${d.name}`, NAME_MAX - "-index".length);
  const owner = `group:${entityName(d.team.slug)}`;
  const lifecycle = lifecycleOf(d);
  const companions = companionsOf(d);
  const companionName = (c: Companion) => `${name}-${c.role}`;
  const page = `${baseUrl}/catalog/${encodeURIComponent(d.id)}`;
  const primaryNodes = nodesOf(d, (c) => !isCompanion(d, c));

  const system = feed ? { system: teamSystemName(d.team) } : {};

  const main: BackstageEntity = {
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
        ...managedBy(feed),
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
      ...system,
      ...(companions.length > 0 ? { dependsOn: companions.map((c) => `resource:${companionName(c)}`) } : {}),
    },
  };

  const companionEntities: BackstageEntity[] = companions.map((c) => ({
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
        ...managedBy(feed),
      },
      tags: [tag(c.family), c.role, `tier-${d.tier}`],
      links: [{ url: page, title: "Datastore Portal", icon: "dashboard" }],
    },
    spec: { type: `${c.family}-cluster`, owner, lifecycle, ...system, dependencyOf: [`resource:${name}`] },
  }));

  return [main, ...companionEntities];
}
