// The datastore program under Pulumi mocks: per family and region, the launch templates, zone groups, security
// groups and components the topology asks for, with the datastore's metadata on every resource.
import type * as ProgramModule from "../../infra/program";
import { beforeAll, describe, expect, it } from "vitest";
import { FAMILIES, type Family } from "../../lib/schemas/plan";
import type { DatastoreOutputs } from "../../infra/program";
import type { DatastoreSpec } from "../../lib/schemas/datastore-spec";
import { CASSANDRA_WITH_COMPANIONS, ORG, settingsOf, specFor, specForWorkload, USE_CASE_BY_FAMILY } from "./fixtures";
import { installMocks, runPrograms, type RecordedResource } from "./pulumi-mocks";
import { ingressOf, ofType, tagsOf, TYPES, withTags, type Tag } from "./support";

let datastoreProgram: typeof ProgramModule.datastoreProgram;

beforeAll(async () => {
  // Mocks first: the program module (and @pulumi/aws under it) must load against the mocked runtime.
  await installMocks();
  ({ datastoreProgram } = await import("../../infra/program"));
});

async function run(...specs: DatastoreSpec[]) {
  const { resources, outputs } = await runPrograms(specs.map((s) => datastoreProgram(s, ORG)));
  return { resources, outputs: outputs as DatastoreOutputs[] };
}

const PORTS = {
  evcache: { client: [11211], peer: [] },
  cassandra: { client: [9042], peer: [7000, 7001] },
  elasticsearch: { client: [9200], peer: [9300] },
  graph: { client: [8182], peer: [] },
  dynomite: { client: [8102], peer: [8101, 22122] },
} as const satisfies Record<Family, { client: readonly number[]; peer: readonly number[] }>;

const COMPONENT_TYPES = {
  evcache: "portal:datastore:EvcacheCluster",
  cassandra: "portal:datastore:CassandraCluster",
  elasticsearch: "portal:datastore:ElasticsearchCluster",
  graph: "portal:datastore:GraphCluster",
  dynomite: "portal:datastore:DynomiteCluster",
} as const satisfies Record<Family, string>;

/** Checks every cluster of the topology became one launch template and one exactly-sized group per zone. */
function expectTopologyProvisioned(spec: DatastoreSpec, resources: readonly RecordedResource[]) {
  const templates = ofType(resources, TYPES.launchTemplate);
  const groups = ofType(resources, TYPES.group);
  expect(templates).toHaveLength(spec.topology.length);
  expect(groups).toHaveLength(spec.topology.reduce((n, c) => n + c.zones, 0));
  for (const c of spec.topology) {
    const settings = settingsOf(c.region);
    const [lt, ...more] = withTags(templates, { region: c.region, role: c.role });
    expect(more).toHaveLength(0);
    expect(lt?.inputs).toMatchObject({
      instanceType: c.instanceType,
      imageId: settings.imageIds[c.family],
      iamInstanceProfile: { name: settings.instanceProfileName },
    });
    const zoneGroups = withTags(groups, { region: c.region, role: c.role });
    const zones = Object.keys(settings.subnets).sort().slice(0, c.zones);
    expect(zoneGroups.map((g) => tagsOf(g).zone).sort()).toEqual(zones);
    for (const g of zoneGroups) {
      expect(g.inputs).toMatchObject({ minSize: c.nodesPerZone, maxSize: c.nodesPerZone, desiredCapacity: c.nodesPerZone });
      expect(g.inputs.vpcZoneIdentifiers).toEqual([settings.subnets[tagsOf(g).zone as string]]);
      expect(g.inputs.launchTemplate).toMatchObject({ id: `${lt?.name}-id` });
    }
  }
}

describe("every family", () => {
  it.each(FAMILIES)("provisions a %s datastore: one launch template per role and region, one group per zone sized nodes per zone", async (family) => {
    const spec = specFor(USE_CASE_BY_FAMILY[family]);
    expect(spec.family).toBe(family);
    const { resources, outputs } = await run(spec);
    expectTopologyProvisioned(spec, resources);
    expect(ofType(resources, COMPONENT_TYPES[family]).length).toBeGreaterThanOrEqual(spec.regions.length);

    const [out] = outputs;
    for (const region of spec.regions) {
      const regionOut = out?.regions[region];
      const clusters = spec.topology.filter((c) => c.region === region);
      expect(regionOut?.groupNames).toHaveLength(clusters.reduce((n, c) => n + c.zones, 0));
      expect(new Set(regionOut?.groupNames).size).toBe(regionOut?.groupNames.length);
      expect(Object.keys(regionOut?.groupNamesByRole ?? {}).sort()).toEqual(clusters.map((c) => c.role).sort());
      expect(regionOut?.endpoints[family]).toBe(`${spec.name}.${family}.${region}.internal`);
      const sgs = withTags(ofType(resources, TYPES.securityGroup), { region });
      expect(regionOut?.securityGroupIds.sort()).toEqual(sgs.map((sg) => `${sg.name}-id`).sort());
    }
  });

  it.each(FAMILIES)("opens only the %s ports: client ports to the organisation's networks, peer ports to the group itself", async (family) => {
    const spec = specFor(USE_CASE_BY_FAMILY[family]);
    const { resources } = await run(spec);
    const sgs = withTags(ofType(resources, TYPES.securityGroup), { "cluster-family": family });
    expect(sgs).toHaveLength(spec.regions.length);
    for (const sg of sgs) {
      const settings = settingsOf(tagsOf(sg).region);
      expect(sg.inputs.vpcId).toBe(settings?.vpcId);
      const rules = ingressOf(sg);
      const fromCidrs = rules.filter((r) => r.cidrBlocks);
      expect(fromCidrs.map((r) => r.fromPort).sort()).toEqual([...PORTS[family].client].sort());
      for (const r of fromCidrs) expect(r.cidrBlocks).toEqual(settings?.allowedCidrs);
      expect(
        rules
          .filter((r) => r.self)
          .map((r) => r.fromPort)
          .sort(),
      ).toEqual([...PORTS[family].client, ...PORTS[family].peer].sort());
      for (const r of rules) expect(r.fromPort).toBe(r.toPort);
    }
  });
});

describe("companions and composite families", () => {
  it("provisions a graph's Cassandra storage and Elasticsearch index as child components, reachable from the servers", async () => {
    const spec = specFor("digital-assets");
    expect(spec.topology.map((c) => c.family).sort()).toEqual(["cassandra", "elasticsearch", "elasticsearch", "elasticsearch", "graph"]);
    const { resources, outputs } = await run(spec);
    expectTopologyProvisioned(spec, resources);
    expect(ofType(resources, "portal:datastore:GraphCluster").map((r) => r.name)).toEqual(["digital-assets-us-east-1"]);
    expect(ofType(resources, "portal:datastore:CassandraCluster").map((r) => r.name)).toEqual(["digital-assets-us-east-1-storage"]);
    expect(ofType(resources, "portal:datastore:ElasticsearchCluster").map((r) => r.name)).toEqual(["digital-assets-us-east-1-index"]);

    const sgs = ofType(resources, TYPES.securityGroup);
    const serverSg = withTags(sgs, { "cluster-family": "graph" })[0];
    for (const family of ["cassandra", "elasticsearch"] as const) {
      const [sg] = withTags(sgs, { "cluster-family": family });
      expect(ingressOf(sg as RecordedResource).some((r) => r.securityGroups?.includes(`${serverSg?.name}-id`))).toBe(true);
    }
    expect(outputs[0]?.regions["us-east-1"]?.endpoints).toEqual({
      graph: "digital-assets.graph.us-east-1.internal",
      cassandra: "digital-assets.cassandra.us-east-1.internal",
      elasticsearch: "digital-assets.elasticsearch.us-east-1.internal",
    });
    const [server] = withTags(ofType(resources, TYPES.launchTemplate), { role: "graph-server" });
    const boot = Buffer.from(String(server?.inputs.userData), "base64").toString("utf8");
    expect(boot).toContain('JANUSGRAPH_STORAGE_HOSTNAME="digital-assets.cassandra.us-east-1.internal"');
    expect(boot).toContain('JANUSGRAPH_INDEX_HOSTNAME="digital-assets.elasticsearch.us-east-1.internal"');
  });

  it("provisions Cassandra's EVCache tier and index with the primary, each with its family's component", async () => {
    const spec = specForWorkload(CASSANDRA_WITH_COMPANIONS);
    expect(new Set(spec.topology.map((c) => c.family))).toEqual(new Set(["cassandra", "evcache", "elasticsearch"]));
    const { resources, outputs } = await run(spec);
    expectTopologyProvisioned(spec, resources);
    for (const region of spec.regions) {
      expect(ofType(resources, "portal:datastore:CassandraCluster").map((r) => r.name)).toContain(`title-metadata-${region}`);
      expect(ofType(resources, "portal:datastore:EvcacheCluster").map((r) => r.name)).toContain(`title-metadata-${region}-evcache`);
      expect(ofType(resources, "portal:datastore:ElasticsearchCluster").map((r) => r.name)).toContain(`title-metadata-${region}-elasticsearch`);
      expect(Object.keys(outputs[0]?.regions[region]?.endpoints ?? {}).sort()).toEqual(["cassandra", "elasticsearch", "evcache"]);
    }
    // The index's master group boots as an Elasticsearch master, its data group as data.
    const [master] = withTags(ofType(resources, TYPES.launchTemplate), { region: "us-east-1", role: "index-master" });
    expect(Buffer.from(String(master?.inputs.userData), "base64").toString("utf8")).toContain('ES_NODE_KIND="master"');
  });
});

describe("a release's images", () => {
  it("launches the primary family on the release's image for each region and keeps the companions on the region's, saying so in the outputs", async () => {
    const RELEASE = { "us-east-1": "ami-0fedcba9876543210", "eu-west-1": "ami-0e0e0e0e0e0e0e0e1" } as const;
    const spec: DatastoreSpec = { ...specForWorkload(CASSANDRA_WITH_COMPANIONS), engineVersion: "4.1.5", imageIds: RELEASE };
    expect(spec.regions).toEqual(["us-east-1", "eu-west-1"]);
    const { resources, outputs } = await run(spec);
    const templates = ofType(resources, TYPES.launchTemplate);
    expect(templates).toHaveLength(spec.topology.length);
    for (const c of spec.topology) {
      const [lt] = withTags(templates, { region: c.region, role: c.role });
      const own = RELEASE[c.region as keyof typeof RELEASE];
      expect(settingsOf(c.region).imageIds[c.family]).not.toBe(own);
      // Its own region's AMI, never the other region's.
      expect(lt?.inputs.imageId).toBe(c.family === "cassandra" ? own : settingsOf(c.region).imageIds[c.family]);
      // The engine version rides in the boot script and, for the inventory, in the instances' tags.
      const script = Buffer.from(String(lt?.inputs.userData), "base64").toString("utf8");
      if (c.family === "cassandra") {
        expect(script).toContain('ENGINE_VERSION="4.1.5"');
        expect(tagsOf(lt as RecordedResource)["engine-version"]).toBe("4.1.5");
      } else expect(tagsOf(lt as RecordedResource)["engine-version"]).toBeUndefined();
    }
    const cassandra = (region: string) => withTags(templates, { region }).filter((lt) => Object.values(RELEASE).includes(lt.inputs.imageId as never));
    expect(new Set(cassandra("us-east-1").map((lt) => lt.inputs.imageId))).toEqual(new Set([RELEASE["us-east-1"]]));
    expect(new Set(cassandra("eu-west-1").map((lt) => lt.inputs.imageId))).toEqual(new Set([RELEASE["eu-west-1"]]));
    expect(outputs[0]?.imageIds).toEqual(RELEASE);
    expect(outputs[0]).not.toHaveProperty("imageId");
  });

  it("keeps the region's image in a region the release names none for", async () => {
    const spec: DatastoreSpec = { ...specForWorkload(CASSANDRA_WITH_COMPANIONS), engineVersion: "4.1.5", imageIds: { "eu-west-1": "ami-0e0e0e0e0e0e0e0e1" } };
    const { resources } = await run(spec);
    for (const lt of withTags(ofType(resources, TYPES.launchTemplate), { region: "us-east-1" }))
      expect(Object.values(settingsOf("us-east-1").imageIds)).toContain(lt.inputs.imageId);
  });

  it("launches a stack's one image from before images were per region in every region, as it did", async () => {
    const LEGACY = "ami-0fedcba9876543210";
    const spec: DatastoreSpec = { ...specFor(USE_CASE_BY_FAMILY.cassandra), imageId: LEGACY };
    const { resources, outputs } = await run(spec);
    const templates = ofType(resources, TYPES.launchTemplate);
    expect(new Set(templates.map((lt) => tagsOf(lt).region)).size).toBeGreaterThan(1);
    for (const lt of templates) expect(lt.inputs.imageId).toBe(LEGACY);
    expect(outputs[0]?.imageId).toBe(LEGACY);
  });

  it("leaves the region's images and no image in the outputs without one", async () => {
    const spec = specFor(USE_CASE_BY_FAMILY.cassandra);
    const { resources, outputs } = await run(spec);
    for (const lt of ofType(resources, TYPES.launchTemplate)) expect(lt.inputs.imageId).toBe(settingsOf(tagsOf(lt).region).imageIds.cassandra);
    expect(outputs[0]).not.toHaveProperty("imageId");
    expect(outputs[0]).not.toHaveProperty("imageIds");
  });
});

describe("multi-region", () => {
  it("gives each region its own provider, subnets, images and alarm topic", async () => {
    const spec = specFor("cdn-url");
    expect(spec.regions).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    const { resources } = await run(spec);
    const providers = ofType(resources, TYPES.provider);
    expect(providers.map((p) => [p.name, p.inputs.region])).toEqual(spec.regions.map((r) => [`cdn-url-service-${r}`, r]));
    // zones × roles × regions
    expect(ofType(resources, TYPES.group)).toHaveLength(3 * 1 * 3);
    expect(ofType(resources, TYPES.launchTemplate)).toHaveLength(1 * 3);
    for (const r of resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
      const region = tagsOf(r).region;
      expect(region, `${r.type} ${r.name} has a region tag`).toBeDefined();
      expect(r.provider, `${r.type} ${r.name} uses its region's provider`).toMatch(new RegExp(`::cdn-url-service-${region}::`));
    }
    for (const alarm of ofType(resources, TYPES.alarm)) {
      expect(alarm.inputs.alarmActions).toEqual([settingsOf(tagsOf(alarm).region).alarmTopicArn]);
    }
  });

  it("makes a multi-region Cassandra datastore one cluster with a data centre per region", async () => {
    const spec = specFor("viewing-history");
    const { resources } = await run(spec);
    expectTopologyProvisioned(spec, resources);
    for (const lt of ofType(resources, TYPES.launchTemplate)) {
      const boot = Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");
      expect(boot).toContain('CASSANDRA_CLUSTER_NAME="viewing-history"');
      expect(boot).toContain('CASSANDRA_REPLICATION="us-east-1:3,eu-west-1:3"');
      expect(boot).toContain(`CASSANDRA_DC="${tagsOf(lt).region}"`);
    }
  });
});

describe("metadata", () => {
  const METADATA = {
    "managed-by": "datastore-portal",
    "owner-team": "storage-team",
    contacts: "ada@example.com grace@example.com",
    pager: "pagerduty:storage-oncall",
    "request-id": "req_title-metadata",
    "datastore-id": "ds_title-metadata",
    family: "cassandra",
    tier: "1",
  };

  it("tags every resource with the datastore's metadata — no resource is left untagged", async () => {
    const spec = specForWorkload(CASSANDRA_WITH_COMPANIONS);
    const { resources } = await run(spec);
    const custom = resources.filter((r) => r.custom && r.type !== TYPES.provider);
    // Any new resource type must be added here deliberately, with its tags checked below.
    expect(new Set(custom.map((r) => r.type))).toEqual(new Set([TYPES.launchTemplate, TYPES.group, TYPES.securityGroup, TYPES.alarm]));
    for (const r of custom) {
      expect(tagsOf(r), `${r.type} ${r.name}`).toMatchObject({ ...METADATA, "plan-annual-cost-usd": spec.annualCost.toFixed(2) });
    }
    for (const g of ofType(resources, TYPES.group)) {
      expect((g.inputs.tags as Tag[]).every((t) => t.propagateAtLaunch)).toBe(true);
    }
    for (const lt of ofType(resources, TYPES.launchTemplate)) {
      const specs = lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
      expect(specs.map((s) => s.resourceType).sort()).toEqual(["instance", "network-interface", "volume"]);
      for (const s of specs) expect(s.tags).toMatchObject(METADATA);
    }
  });

  it("derives every child name from the datastore name: two datastores of one family never collide", async () => {
    const a = specFor("viewing-history", { name: "orders-a", id: "ds_a" });
    const b = specFor("viewing-history", { name: "orders-b", id: "ds_b" });
    const { resources, outputs } = await run(a, b);
    const keys = resources.map((r) => `${r.type}::${r.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of resources) expect(r.name).toMatch(/^orders-[ab]-/);
    const groupNames = outputs.flatMap((o) => Object.values(o.regions).flatMap((r) => r.groupNames));
    expect(groupNames).toHaveLength(2 * 2 * 3);
    expect(new Set(groupNames).size).toBe(groupNames.length);
    const endpoints = outputs.flatMap((o) => Object.values(o.regions).map((r) => r.endpoints.cassandra));
    expect(new Set(endpoints).size).toBe(4);
  });
});
