// The provisioning settings form: what it loads comes back unchanged when saved, and every field error the schema
// (or the server) reports lands on the input that holds the value.
import { describe, expect, it } from "vitest";
import { OrgSettingsUpdateSchema, type OrgSettingsDto } from "@/lib/schemas/org-settings";
import { checkSettings, formPathOf, newRegion, placeFieldErrors, toSettingsFormValues, toSettingsUpdate } from "@/components/admin/settings-form-values";

const REGION = {
  vpcId: "vpc-0a1b2c3d4e5f60001",
  subnets: { "us-east-1b": "subnet-0a1b2c3d4e5f61201", "us-east-1a": "subnet-0a1b2c3d4e5f61101" },
  imageIds: { cassandra: "ami-0a1b2c3d4e5f61201" },
  instanceProfileName: "datastore-node",
  allowedCidrs: ["10.0.0.0/8", "192.168.0.0/16"],
  alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:datastore-alarms",
};

const DTO: OrgSettingsDto = {
  regions: { "us-east-1": REGION },
  pulumi: { backendUrl: null, passphrase: { source: "stored", set: true }, effectiveBackendUrl: "file:///data/pulumi-state", effectiveBackendFrom: "default" },
  unconfiguredRegions: [],
  version: 3,
  updatedAt: null,
  updatedBy: null,
};

describe("settings form values", () => {
  it("saves what it loaded unchanged, keeping a stored passphrase when the box is left empty", () => {
    const update = toSettingsUpdate(toSettingsFormValues(DTO));
    expect(update).toEqual({ regions: { "us-east-1": REGION }, pulumi: { backendUrl: null, passphrase: { source: "stored" } } });
    expect(OrgSettingsUpdateSchema.safeParse(update).success).toBe(true);
    expect(checkSettings(toSettingsFormValues(DTO)).ok).toBe(true);
  });

  it("sends a typed passphrase, a backend URL, and leaves out image ids left empty", () => {
    const values = toSettingsFormValues(DTO);
    values.passphrase.value = "a-new-long-passphrase";
    values.backendUrl = " s3://bucket/pulumi ";
    const update = toSettingsUpdate(values);
    expect(update.pulumi).toEqual({ backendUrl: "s3://bucket/pulumi", passphrase: { source: "stored", value: "a-new-long-passphrase" } });
    expect(Object.keys(update.regions["us-east-1"]?.imageIds ?? {})).toEqual(["cassandra"]);
  });

  it("puts each schema error on the input holding the value", () => {
    const values = toSettingsFormValues(DTO);
    values.regions.push({ ...newRegion("eu-west-1"), vpcId: "vpc-nope" });
    const first = values.regions[0];
    if (!first) throw new Error("no region");
    first.subnets[0] = { zone: "us-east-1a", subnet: "subnet-bad" };
    first.imageIds.evcache = "not-an-ami";
    values.passphrase = { source: "stored", variable: "", path: "", value: "short" };
    const checked = checkSettings(values);
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? [] : checked.errors;
    const { placed, rest } = placeFieldErrors(errors, values);
    const paths = placed.map(([path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining(["regions.1.vpcId", "regions.1.alarmTopicArn", "regions.0.subnets.0.subnet", "regions.0.imageIds.evcache", "passphrase.value"]),
    );
    expect(rest).toEqual([]);
  });

  it("puts a zone of another region on that zone's input (the cross-field rule)", () => {
    const values = toSettingsFormValues(DTO);
    const first = values.regions[0];
    if (!first) throw new Error("no region");
    first.subnets[1] = { zone: "eu-west-1b", subnet: "subnet-0a1b2c3d4e5f61201" };
    const checked = checkSettings(values);
    const errors = checked.ok ? [] : checked.errors;
    expect(errors.map((e) => e.field)).toEqual(["regions.us-east-1.subnets.eu-west-1b"]);
    expect(placeFieldErrors(errors, values).placed).toEqual([["regions.0.subnets.1.zone", "is not a zone of us-east-1"]]);
  });

  it("maps the server's paths, and leaves unknown ones for the form's message", () => {
    const values = toSettingsFormValues(DTO);
    expect(formPathOf({ field: "regions.us-east-1.vpcId", message: "must be a VPC id" }, values)).toBe("regions.0.vpcId");
    expect(formPathOf({ field: "regions.us-east-1.allowedCidrs.1", message: "must be a CIDR block" }, values)).toBe("regions.0.allowedCidrs");
    expect(formPathOf({ field: "regions.us-east-1.subnets", message: "needs at least one availability zone" }, values)).toBe("regions.0.subnets.root");
    expect(formPathOf({ field: "pulumi.passphrase.value", message: "is required" }, values)).toBe("passphrase.value");
    expect(formPathOf({ field: "pulumi.backendUrl", message: "must be a Pulumi backend URL" }, values)).toBe("backendUrl");
    expect(formPathOf({ field: "regions.ap-south-1.vpcId", message: "x" }, values)).toBeNull();
    expect(formPathOf({ field: "settings", message: "x" }, values)).toBeNull();
  });
});
