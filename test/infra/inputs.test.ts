// The program's input: the portal's datastore schema plus organisation settings. Anything missing fails before a
// single resource is declared, with an error naming the region and the field.
import type * as ProgramModule from "../../infra/program";
import type * as SchemasModule from "../../lib/schemas/datastore-spec";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrgSettings } from "../../lib/schemas/org-settings";
import { ORG, regionSettings, specFor } from "./fixtures";
import { installMocks } from "./pulumi-mocks";

let datastoreProgram: typeof ProgramModule.datastoreProgram;
let schemas: typeof SchemasModule;

beforeAll(async () => {
  await installMocks();
  ({ datastoreProgram } = await import("../../infra/program"));
  schemas = await import("../../lib/schemas/datastore-spec");
});

function orgWithout(region: keyof OrgSettings["regions"]): OrgSettings {
  const { [region]: _gone, ...rest } = ORG.regions;
  return { regions: rest };
}

function errorOf(fn: () => unknown): InstanceType<typeof schemas.ProvisioningInputError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof schemas.ProvisioningInputError) return e;
    throw e;
  }
  throw new Error("expected a ProvisioningInputError");
}

describe("program input", () => {
  it("refuses a region without organisation settings, naming the region", () => {
    const e = errorOf(() => datastoreProgram(specFor("viewing-history"), orgWithout("eu-west-1")));
    expect(e.issues).toEqual([{ path: "org.regions.eu-west-1", message: expect.stringContaining("no organisation settings for region eu-west-1") }]);
    expect(e.message).toContain("org.regions.eu-west-1: no organisation settings for region eu-west-1");
  });

  it("refuses a region without an image for a family the topology runs there", () => {
    const useast = regionSettings("us-east-1", 1);
    const { cassandra: _gone, ...images } = useast.imageIds;
    const org: OrgSettings = { regions: { ...ORG.regions, "us-east-1": { ...useast, imageIds: images } } };
    const e = errorOf(() => datastoreProgram(specFor("digital-assets"), org));
    expect(e.issues).toEqual([{ path: "org.regions.us-east-1.imageIds.cassandra", message: "no image (AMI) id for cassandra in region us-east-1" }]);
  });

  it("refuses a region with fewer zone subnets than the topology's zones", () => {
    const org: OrgSettings = { regions: { ...ORG.regions, "us-east-1": regionSettings("us-east-1", 1, ["a", "b"]) } };
    const e = errorOf(() => datastoreProgram(specFor("delayed-queues"), org));
    expect(e.issues).toEqual([
      { path: "org.regions.us-east-1.subnets", message: "region us-east-1 has subnets in 2 availability zone(s); the topology needs 3" },
    ]);
  });

  it("names malformed settings fields", () => {
    const bad = {
      regions: {
        "us-east-1": {
          ...regionSettings("us-east-1", 1),
          vpcId: "vpc-nope",
          allowedCidrs: ["10.0.0.0/33"],
          alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:alarms",
        },
      },
    };
    const e = errorOf(() => datastoreProgram(specFor("delayed-queues"), bad));
    expect(e.issues.map((i) => i.path).sort()).toEqual(["org.regions.us-east-1.allowedCidrs.0", "org.regions.us-east-1.vpcId"]);
    // Cross-field checks run once the fields parse: the topic must live in the alarm's region.
    const wrongTopic = { regions: { "us-east-1": { ...regionSettings("us-east-1", 1), alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:alarms" } } };
    expect(errorOf(() => datastoreProgram(specFor("delayed-queues"), wrongTopic)).issues).toEqual([
      { path: "org.regions.us-east-1.alarmTopicArn", message: "must be a topic in us-east-1" },
    ]);
  });

  it("refuses a spec whose thresholds or clusters do not fit its topology and regions", () => {
    const spec = specFor("delayed-queues");
    const bad = {
      ...spec,
      topology: [...spec.topology, { ...spec.topology[0], region: "ap-south-1" }],
      thresholds: [...spec.thresholds, { ...spec.thresholds[0], role: "ghost" }],
    };
    const e = errorOf(() => datastoreProgram(bad, ORG));
    expect(e.issues.map((i) => i.path).sort()).toEqual([`spec.thresholds.${spec.thresholds.length}.role`, `spec.topology.${spec.topology.length}.region`]);
  });

  it("refuses a release's image that is not an AMI on AWS, naming its region (spec.imageIds.<region>), and an image for a region the datastore is not in", () => {
    const spec = specFor("delayed-queues");
    const [first, second] = spec.regions;
    const images = { [first as string]: "sim-dynomite-0.8.1", ...(second ? { [second]: "ami-0fedcba9876543210" } : {}) };
    const e = errorOf(() => datastoreProgram({ ...spec, imageIds: images }, ORG));
    expect(e.issues).toEqual([{ path: `spec.imageIds.${first}`, message: "must be an image (AMI) id such as ami-0abc12345 on AWS, not sim-dynomite-0.8.1" }]);
    expect(() => datastoreProgram({ ...spec, imageIds: images }, ORG, { anyImageId: true })).not.toThrow();
    const elsewhere = errorOf(() => datastoreProgram({ ...spec, imageIds: { "ap-south-1": "ami-0fedcba9876543210" } }, ORG));
    expect(elsewhere.issues).toEqual([
      { path: "spec.imageIds.ap-south-1", message: expect.stringContaining("ap-south-1 is not one of the datastore's regions") },
    ]);
  });

  it("refuses a legacy one-image release that is not an AMI on AWS, naming spec.imageId; the simulated engine takes it as it is", () => {
    const spec = { ...specFor("delayed-queues"), imageId: "sim-dynomite-0.8.1" };
    const e = errorOf(() => datastoreProgram(spec, ORG));
    expect(e.issues).toEqual([{ path: "spec.imageId", message: "must be an image (AMI) id such as ami-0abc12345 on AWS, not sim-dynomite-0.8.1" }]);
    expect(e.message).toContain("spec.imageId");
    expect(() => datastoreProgram(spec, ORG, { anyImageId: true })).not.toThrow();
    expect(() => datastoreProgram({ ...spec, imageId: "ami-0fedcba9876543210" }, ORG)).not.toThrow();
    // Not an image id at all: refused by both.
    expect(errorOf(() => datastoreProgram({ ...spec, imageId: "latest image" }, ORG, { anyImageId: true })).issues.map((i) => i.path)).toEqual([
      "spec.imageId",
    ]);
  });

  it("accepts a catalog datastore as the portal returns it", () => {
    const spec = specFor("cdn-url");
    const dto = {
      ...spec,
      status: "approved" as const,
      monthlyCost: spec.annualCost / 12,
      outputs: null,
      decommissionedAt: null,
      version: 1,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    expect(schemas.datastoreSpecFrom(dto)).toEqual(spec);
    expect(() => schemas.DatastoreSpecSchema.parse({ ...spec, name: "Not Kebab" })).toThrow(/kebab-case/);
  });
});
