// Releases and upgrade campaigns through the typed client: a family's releases (and setting a new one), what a
// release affects with each datastore's batch preview, campaigns (create, start, pause, resume, abort, approve a
// wave) with their audit trail, and the campaign a datastore is in. Polled while something moves: a preview running,
// a campaign running.
import { queryOptions } from "@tanstack/react-query";
import type {
  AffectedList,
  ApproveCampaignBody,
  CampaignDto,
  CampaignEventList,
  CreateCampaignBody,
  CreateReleaseBody,
  DatastoreCampaignDto,
  FamilyReleaseList,
} from "@/lib/schemas/campaign";
import type { BenchComparison } from "@/lib/schemas/bench-run";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export const campaignKeys = {
  releases: ["releases"] as const,
  affected: (releaseId: string) => ["releases", releaseId, "affected"] as const,
  campaigns: ["campaigns"] as const,
  one: (id: string) => ["campaigns", id] as const,
  events: (id: string) => ["campaigns", id, "events"] as const,
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "campaign"] as const,
};

/** A campaign still moves (the runner works on it) while it is running; a draft or a pause waits for people. */
const moving = (c: Pick<CampaignDto, "status"> | undefined) => c?.status === "running";

export const releasesQuery = () =>
  queryOptions({
    queryKey: campaignKeys.releases,
    queryFn: ({ signal }): Promise<FamilyReleaseList> => apiClient.get("listReleases", { signal }),
  });

/** The affected datastores and nodes; every 1.5 s while one of their previews is queued or running. */
export const affectedQuery = (releaseId: string) =>
  queryOptions({
    queryKey: campaignKeys.affected(releaseId),
    queryFn: ({ signal }): Promise<AffectedList> => apiClient.get("listReleaseAffected", { params: { id: releaseId }, signal }),
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.preview && (d.preview.status === "queued" || d.preview.status === "running")) ? 1_500 : false),
  });

export const campaignsQuery = () =>
  queryOptions({
    queryKey: campaignKeys.campaigns,
    queryFn: ({ signal }) => apiClient.get("listCampaigns", { signal }),
    refetchInterval: (q) => (q.state.data?.items.some(moving) ? 3_000 : false),
  });

/** A campaign: every second while it runs (its datastores' steps move on the page), every 5 s otherwise. */
export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.one(id),
    queryFn: ({ signal }): Promise<CampaignDto> => apiClient.get("getCampaign", { params: { id }, signal }),
    refetchInterval: (q) => (moving(q.state.data) ? 1_000 : 5_000),
  });

export const campaignEventsQuery = (id: string, running: boolean) =>
  queryOptions({
    queryKey: campaignKeys.events(id),
    queryFn: ({ signal }): Promise<CampaignEventList> => apiClient.get("listCampaignEvents", { params: { id }, signal }),
    refetchInterval: running ? 2_000 : 10_000,
  });

/** The campaign a datastore is in (its page's banner); polled while that campaign runs. */
export const datastoreCampaignQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: campaignKeys.ofDatastore(datastoreId),
    queryFn: ({ signal }): Promise<DatastoreCampaignDto> => apiClient.get("getDatastoreCampaign", { params: { id: datastoreId }, signal }),
    refetchInterval: (q) => (moving(q.state.data?.campaign ?? undefined) ? 3_000 : 30_000),
  });

export const createRelease = (body: CreateReleaseBody) => apiClient.get("createRelease", { body });
export const queueReleasePreviews = (releaseId: string) => apiClient.get("previewRelease", { params: { id: releaseId } });
export const createCampaign = (body: CreateCampaignBody) => apiClient.get("createCampaign", { body });

export type CampaignVerb = "start" | "pause" | "resume" | "abort";
const VERB_OPERATIONS = { start: "startCampaign", pause: "pauseCampaign", resume: "resumeCampaign", abort: "abortCampaign" } as const;
export const campaignAction = (id: string, verb: CampaignVerb) => apiClient.get(VERB_OPERATIONS[verb], { params: { id } });
export const approveCampaign = (id: string, body: ApproveCampaignBody) => apiClient.get("approveCampaign", { params: { id }, body });

/** Baseline against validation, per percentile (the comparison the gate's verdict came from). */
export const benchComparisonQuery = (baseline: string, candidate: string) =>
  queryOptions({
    queryKey: ["campaign-bench-compare", baseline, candidate] as const,
    queryFn: ({ signal }): Promise<BenchComparison> => apiClient.get("compareBenchRuns", { query: { baseline, candidate }, signal }),
    staleTime: Infinity,
  });
