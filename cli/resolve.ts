// Turning what people type into what the API takes: a team's slug into its id, a datastore's name into its id.
import type { ApiClient } from "@/lib/client";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreSummary } from "@/lib/schemas/datastore";
import { CliError, EXIT, usageError } from "./exit-codes";

export interface TeamRef {
  id: string;
  slug: string;
}

/** The team named by its slug (or the token's one team when none is named). */
export async function resolveTeam(client: ApiClient, slug: string | undefined, me?: Me): Promise<TeamRef> {
  const who = me ?? (await client.get("getMe"));
  if (!slug) {
    const only = who.teams.length === 1 ? who.teams[0] : undefined;
    if (!only) throw usageError(`Name the team with --team (yours: ${who.teams.map((t) => t.slug).join(", ") || "none"}).`);
    return { id: only.id, slug: only.slug };
  }
  const mine = who.teams.find((t) => t.slug === slug);
  if (mine) return { id: mine.id, slug: mine.slug };
  // Reviewers and admins see other teams too.
  const team = (await client.get("listTeams")).items.find((t) => t.slug === slug);
  if (team) return { id: team.id, slug: team.slug };
  throw new CliError(EXIT.notFound, `There is no team "${slug}" that you can see.`);
}

/** The datastore of `team` named exactly `name`, if any (decommissioned ones included: their names stay taken). */
export async function findDatastoreByName(client: ApiClient, name: string, team?: string): Promise<DatastoreSummary[]> {
  const found: DatastoreSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.get("listDatastores", { query: { q: name, limit: "100", ...(team ? { team } : {}), ...(cursor ? { cursor } : {}) } });
    found.push(...page.items.filter((d) => d.name === name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/** A datastore's id from an id or a name (with --team when two teams use the name); exit 3 when there is none. */
export async function resolveDatastoreId(client: ApiClient, ref: string, team?: string): Promise<string> {
  const byName = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(ref) ? await findDatastoreByName(client, ref, team) : [];
  if (byName.length === 1 && byName[0]) return byName[0].id;
  if (byName.length > 1) throw usageError(`Several teams have a datastore named ${ref} (${byName.map((d) => d.team.slug).join(", ")}): add --team.`);
  // Not a name: an id (a 404 from the next call is exit 3).
  return ref;
}
