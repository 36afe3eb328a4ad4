// Exports a datastore as a standalone Pulumi project (.tar.gz): the program, Pulumi.yaml, package.json and the
// stack's config built from its spec and the organisation's region settings, so that `npm install && pulumi up`
// runs it outside the portal. Anyone who may see the datastore, until it is decommissioned; no secrets are included.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { tarGz } from "../http/tar";
import { loadProjectExport } from "../provisioning/engine";
import { requireAllowed } from "../auth/verdict";
import { datastoreSpecOrReason } from "../provisioning/operation-actions";
import { isCredentialParam } from "../settings/org-settings-dto";
import { effectiveBackend, findOrgSettingsRow, regionsOf } from "../settings/org-settings-row";
import { exportVerdict } from "./datastore-actions";
import { findVisibleDatastore } from "./get-datastore";

export interface PulumiProjectExport {
  filename: string;
  archive: Buffer;
}

/**
 * The backend to write into the project, if it means something elsewhere (a file:// backend is a directory on the
 * portal's machine: the project then uses whatever `pulumi login` says), without its credentials: the userinfo
 * goes, and so do credential-like query parameters (?password=, SAS signatures, access keys) and the fragment. The
 * person running the project brings their own (`pulumi login`, the cloud's environment variables). Like the
 * admin view's mask, it errs towards removing: the userinfo ends at the last "@" before the query.
 */
export function portableBackend(url: string): string | undefined {
  const schemeEnd = url.indexOf("://");
  if (schemeEnd < 0 || url.startsWith("file://")) return undefined;
  const start = schemeEnd + 3;
  const queryAt = url.slice(start).search(/[?#]/);
  const end = queryAt < 0 ? url.length : start + queryAt;
  const authorityAndPath = url.slice(start, end);
  const host = authorityAndPath.slice(authorityAndPath.lastIndexOf("@") + 1);
  const query = url.slice(end).split("#")[0] ?? "";
  const kept = query
    .replace(/^\?/, "")
    .split(/[&;]/)
    .filter((pair) => pair !== "" && !isCredentialParam(pair.split("=")[0] ?? ""));
  if (host === "") return undefined;
  return `${url.slice(0, start)}${host}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;
}

export async function exportPulumiProject({ actor, id }: { actor: Actor; id: string }): Promise<PulumiProjectExport> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const settings = await findOrgSettingsRow(db());
  const org = regionsOf(settings);
  // The datastore's `actions.export`: decommissioned, a stored spec the program does not take, missing settings.
  const own = datastoreSpecOrReason(datastore);
  requireAllowed(exportVerdict(datastore, org, own));
  if ("reason" in own) throw new AppError("conflict", own.reason);
  const spec = own.spec;
  const backendUrl = portableBackend(effectiveBackend(settings).url);
  const exportProject = await loadProjectExport();
  const files = exportProject(spec, org, backendUrl ? { backendUrl } : {});
  // One top-level directory, named like the download, so that extracting never scatters files into the current one.
  const root = `${datastore.name}-pulumi`;
  return { filename: `${root}.tar.gz`, archive: await tarGz(files.map((f) => ({ path: `${root}/${f.path}`, content: f.content }))) };
}
