// The datastore spec: what provisioning needs of a catalog datastore (the portal's own zod schemas, picked — one
// definition of each field), and the provisioning input, the spec with the organisation's per-region settings,
// which requesters never supply. lib/server stores and hashes specs; infra/'s Pulumi program takes them as its
// input (also as stack config in an exported project, so this file runs in Pulumi's runtime: zod and relative
// imports only).
import { z } from "zod";
import { ImageIdSchema } from "./campaign";
import { DatastoreSchema, TopologyClusterSchema, type DatastoreDto } from "./datastore";
import { OrgSettingsSchema } from "./org-settings";
import { type Family } from "./plan";
import { RequestNameSchema } from "./request";
import { RegionCodeSchema } from "./workload";

/** The DTO fields a program needs; `datastoreSpecFrom` picks exactly these. */
const SPEC_FIELDS = {
  id: true,
  name: true,
  team: true,
  requestId: true,
  family: true,
  tier: true,
  regions: true,
  topology: true,
  engine: true,
  engineVersion: true,
  annualCost: true,
  contacts: true,
  pagerTarget: true,
  thresholds: true,
} as const;

/**
 * A datastore ready to provision. Stricter than the DTO where provisioning needs it: the name is the request's
 * kebab-case name (every child resource name derives from it), regions are known region codes, every cluster sits
 * in a listed region, one cluster per region and role, and every threshold's role has a cluster.
 */
export const DatastoreSpecSchema = DatastoreSchema.pick(SPEC_FIELDS)
  .extend({
    name: RequestNameSchema,
    regions: z
      .array(RegionCodeSchema)
      .min(1, "needs at least one region")
      .refine((r) => new Set(r).size === r.length, "must not repeat a region"),
    topology: z.array(TopologyClusterSchema).min(1, "needs at least one cluster"),
    /**
     * The owning team's warning channel (Team.warningTopicArn): warning alarms in the topic's region publish there,
     * the rest to the organisation's alarm topic. Absent when the team has none.
     */
    warningTopicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, "must be an SNS topic ARN")
      .optional(),
    /**
     * The primary family's machine image per region when it is not the region's (org.regions.<region>.imageIds): an
     * upgrade campaign's release, from the rollout's up on. An AMI exists in one region, so each region has its own;
     * a region not listed launches the region's image. The stack's outputs keep them (DatastoreOutputs.imageIds), so
     * later specs do. Any image id here; an AWS stack needs AMIs (parseProvisioningInput).
     */
    imageIds: z.partialRecord(RegionCodeSchema, ImageIdSchema).optional(),
    /**
     * A stack upgraded before images were per region: the one image of its release, for every region (as it was
     * applied then). Never set since; `imageIds` wins where it names the region.
     */
    imageId: ImageIdSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.topology.forEach((c, i) => {
      if (!(spec.regions as readonly string[]).includes(c.region)) {
        ctx.addIssue({
          code: "custom",
          path: ["topology", i, "region"],
          message: `${c.region} is not one of the datastore's regions (${spec.regions.join(", ")})`,
        });
      }
      const key = `${c.region}\u0000${c.role}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["topology", i, "role"], message: `duplicates role ${c.role} in ${c.region}: one cluster per region and role` });
      seen.add(key);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.role))
        ctx.addIssue({ code: "custom", path: ["topology", i, "role"], message: "must be lowercase kebab-case (resource names derive from it)" });
    });
    for (const region of spec.regions) {
      if (!spec.topology.some((c) => c.region === region))
        ctx.addIssue({ code: "custom", path: ["regions"], message: `${region} has no cluster in the topology` });
    }
    for (const region of Object.keys(spec.imageIds ?? {})) {
      if (!(spec.regions as readonly string[]).includes(region))
        ctx.addIssue({ code: "custom", path: ["imageIds", region], message: `${region} is not one of the datastore's regions (${spec.regions.join(", ")})` });
    }
    spec.thresholds.forEach((t, i) => {
      if (!spec.topology.some((c) => c.role === t.role))
        ctx.addIssue({ code: "custom", path: ["thresholds", i, "role"], message: `${t.role} has no cluster in the topology` });
    });
  });
export type DatastoreSpec = z.infer<typeof DatastoreSpecSchema>;

/**
 * The primary family's image in `region` when the spec overrides the region's (an upgrade campaign's release): the
 * region's own, else a legacy stack's one image; undefined: the organisation's image for the region.
 */
export function specImageIn(spec: Pick<DatastoreSpec, "imageIds" | "imageId">, region: string): string | undefined {
  const perRegion: Readonly<Record<string, string | undefined>> = spec.imageIds ?? {};
  return perRegion[region] ?? spec.imageId;
}

/** The provisioning spec of a catalog datastore (the DTO carries status, timestamps… that a program never reads). */
export function datastoreSpecFrom(dto: DatastoreDto): DatastoreSpec {
  const picked = Object.fromEntries(Object.keys(SPEC_FIELDS).map((k) => [k, dto[k as keyof typeof SPEC_FIELDS]]));
  return DatastoreSpecSchema.parse(picked);
}

/** Both inputs, and the settings each region of the datastore needs: a region, an image per family, enough zones. */
export const ProvisioningInputSchema = z.strictObject({ spec: DatastoreSpecSchema, org: OrgSettingsSchema }).superRefine(({ spec, org }, ctx) => {
  for (const region of spec.regions) {
    const settings = org.regions[region];
    if (!settings) {
      ctx.addIssue({
        code: "custom",
        path: ["org", "regions", region],
        message: `no organisation settings for region ${region}: an admin must add its subnets, images, instance profile, allowed networks and alarm topic`,
      });
      continue;
    }
    const clusters = spec.topology.filter((c) => c.region === region);
    for (const family of new Set<Family>(clusters.map((c) => c.family))) {
      if (!settings.imageIds[family])
        ctx.addIssue({ code: "custom", path: ["org", "regions", region, "imageIds", family], message: `no image (AMI) id for ${family} in region ${region}` });
    }
    const zones = Object.keys(settings.subnets).length;
    const needed = Math.max(...clusters.map((c) => c.zones));
    if (zones < needed)
      ctx.addIssue({
        code: "custom",
        path: ["org", "regions", region, "subnets"],
        message: `region ${region} has subnets in ${zones} availability zone(s); the topology needs ${needed}`,
      });
  }
});
export type ProvisioningInput = z.infer<typeof ProvisioningInputSchema>;

/** Invalid program input: every problem on its own line, naming the field (`org.regions.eu-west-1.imageIds.cassandra`). */
export class ProvisioningInputError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(error: z.ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    super(`Invalid provisioning input:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
    this.name = "ProvisioningInputError";
    this.issues = issues;
  }
}

/** An EC2 machine image id, as the organisation's settings take them. */
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

/**
 * Parses and cross-checks the program's input; throws ProvisioningInputError naming every bad field. `anyImageId`:
 * the simulated engine's, which takes a release's image name as it is; a real stack launches only AMIs.
 */
export function parseProvisioningInput(spec: unknown, org: unknown, options: { anyImageId?: boolean } = {}): ProvisioningInput {
  const schema = options.anyImageId
    ? ProvisioningInputSchema
    : ProvisioningInputSchema.superRefine(({ spec: s }, ctx) => {
        const notAmi = (image: string) => `must be an image (AMI) id such as ami-0abc12345 on AWS, not ${image}`;
        if (s.imageId !== undefined && !AMI_ID.test(s.imageId)) ctx.addIssue({ code: "custom", path: ["spec", "imageId"], message: notAmi(s.imageId) });
        for (const [region, image] of Object.entries(s.imageIds ?? {}))
          if (!AMI_ID.test(image)) ctx.addIssue({ code: "custom", path: ["spec", "imageIds", region], message: notAmi(image) });
      });
  const result = schema.safeParse({ spec, org });
  if (!result.success) throw new ProvisioningInputError(result.error);
  return result.data;
}
