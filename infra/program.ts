// The Pulumi program of one datastore (one stack): per region an explicit AWS provider, the primary family's
// component, one component per companion family (an EVCache tier, an Elasticsearch index), and the alarms.
// `datastoreProgram` validates its input up front — a bad spec or missing organisation settings fail before any
// Pulumi operation starts — and returns the inline program for the Automation API.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TopologyCluster } from "../lib/schemas/datastore";
import { parseProvisioningInput, specImageIn, type DatastoreSpec } from "../lib/schemas/datastore-spec";
import { alarmsComponentName } from "../lib/schemas/metric-sources";
import type { RegionSettings } from "../lib/schemas/org-settings";
import type { Family } from "../lib/schemas/plan";
import { DatastoreAlarms } from "./alarms";
import { COMPONENTS, ownsCluster } from "./components";
import type { StoreCluster, StoreClusterArgs } from "./components/store-cluster";
import { datastoreTags, type Tags } from "./tags";

export interface RegionOutputs {
  /** Every Auto Scaling group of the region (one per zone per role). */
  groupNames: string[];
  groupNamesByRole: Record<string, string[]>;
  securityGroupIds: string[];
  /** Discovery names per family served in the region. */
  endpoints: Partial<Record<Family, string>>;
  alarmNames: string[];
}

export interface DatastoreOutputs {
  datastoreId: string;
  regions: Record<string, RegionOutputs>;
  /** The spec's image overrides per region, when it has them: the next spec of the datastore keeps them (provisioning/spec.ts). */
  imageIds?: Record<string, string>;
  /** A stack upgraded before images were per region: its one image override, kept the same way. */
  imageId?: string;
}

/** Unwrapped at the end of the program: what `stack.outputs()` returns. */
type ProgramOutputs = { datastoreId: string; regions: pulumi.Output<Record<string, RegionOutputs>>; imageIds?: Record<string, string>; imageId?: string };

/** A region's clusters split into the primary component's and one group per companion family. */
export function componentsOf(spec: DatastoreSpec, clusters: readonly TopologyCluster[]): { family: Family; name: string; clusters: TopologyCluster[] }[] {
  const primary = clusters.filter((c) => ownsCluster(spec.family, c.family));
  const companions = new Map<Family, TopologyCluster[]>();
  for (const c of clusters) {
    if (ownsCluster(spec.family, c.family)) continue;
    companions.set(c.family, [...(companions.get(c.family) ?? []), c]);
  }
  const region = clusters[0]?.region ?? "";
  return [
    ...(primary.length > 0 ? [{ family: spec.family, name: `${spec.name}-${region}`, clusters: primary }] : []),
    ...[...companions].map(([family, cs]) => ({ family, name: `${spec.name}-${region}-${family}`, clusters: cs })),
  ];
}

function provisionRegion(spec: DatastoreSpec, region: string, settings: RegionSettings, tags: Tags): pulumi.Output<RegionOutputs> {
  // A release's image for this region (an AMI exists in one region only) replaces the region's for the primary
  // family only; companions keep theirs. A region the release names no image for keeps the region's own.
  const releaseImage = specImageIn(spec, region);
  const provider = new aws.Provider(`${spec.name}-${region}`, { region: region as aws.Region });
  const clusters = spec.topology.filter((c) => c.region === region);
  const components: StoreCluster[] = componentsOf(spec, clusters).map(({ family, name, clusters: own }) => {
    const args: StoreClusterArgs = {
      datastore: { id: spec.id, name: spec.name, regions: spec.regions },
      ...(family === spec.family ? { engine: { name: spec.engine, version: spec.engineVersion } } : {}),
      region,
      clusters: own,
      vpcId: settings.vpcId,
      subnets: settings.subnets,
      imageIds: releaseImage ? { ...settings.imageIds, [spec.family]: releaseImage } : settings.imageIds,
      instanceProfileName: settings.instanceProfileName,
      allowedCidrs: settings.allowedCidrs,
      tags,
    };
    return new COMPONENTS[family](name, args, { providers: [provider] });
  });

  const groupNamesByRole: Record<string, pulumi.Output<string>[]> = Object.assign({}, ...components.map((c) => c.groupNamesByRole));
  const alarms = new DatastoreAlarms(
    alarmsComponentName(spec.name, region),
    {
      datastoreId: spec.id,
      region,
      thresholds: spec.thresholds,
      clusters,
      groupNamesByRole,
      alarmTopicArn: settings.alarmTopicArn,
      ...(spec.warningTopicArn ? { warningTopicArn: spec.warningTopicArn } : {}),
      tags,
    },
    { providers: [provider] },
  );

  const roles = Object.entries(groupNamesByRole).map(([role, names]) => pulumi.all(names).apply((n): [string, string[]] => [role, n]));
  const securityGroupIds = components.flatMap((c) => c.securityGroupIds);
  const endpoints: Partial<Record<Family, string>> = Object.assign({}, ...components.map((c) => c.endpoints));
  return pulumi.all([pulumi.all(roles), pulumi.all(securityGroupIds), pulumi.all(alarms.alarmNames)]).apply(([byRole, sgIds, alarmNames]) => ({
    groupNames: byRole.flatMap(([, names]) => names),
    groupNamesByRole: Object.fromEntries(byRole),
    securityGroupIds: sgIds,
    endpoints,
    alarmNames,
  }));
}

/**
 * The inline program for a datastore's stack. Throws ProvisioningInputError (naming every bad field, e.g.
 * `org.regions.eu-west-1.imageIds.cassandra`, `spec.imageIds.eu-west-1`) before returning when the spec or the settings are
 * invalid. `anyImageId`: the simulated engine's (a release's image name need not be an AMI there).
 */
export function datastoreProgram(spec: unknown, org: unknown, options: { anyImageId?: boolean } = {}): () => Promise<ProgramOutputs> {
  const input = parseProvisioningInput(spec, org, options);
  return async () => {
    const { spec: s, org: o } = input;
    const tags = datastoreTags(s);
    const regions: Record<string, pulumi.Output<RegionOutputs>> = {};
    for (const region of s.regions) {
      const settings = o.regions[region];
      // parseProvisioningInput checked every region has settings; this only narrows the type.
      if (!settings) throw new Error(`no organisation settings for region ${region}`);
      regions[region] = provisionRegion(s, region, settings, tags);
    }
    return {
      datastoreId: s.id,
      regions: pulumi.all(regions),
      ...(s.imageIds && Object.keys(s.imageIds).length > 0 ? { imageIds: s.imageIds } : {}),
      ...(s.imageId ? { imageId: s.imageId } : {}),
    };
  };
}
