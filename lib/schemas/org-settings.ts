// Organisation settings: what an administrator configures once and requesters never supply — per region the
// network, images, instance profile, client networks and alarm topic; and where Pulumi keeps state and how its
// secrets are encrypted. Pure zod: the admin form, the API, the worker and the Pulumi program share it.
import { z } from "zod";
import { FamilySchema } from "./plan";
import { RegionCodeSchema } from "./workload";

// ── Per region ────────────────────────────────────────────────────────────────────────────────
const ZoneSchema = z
  .string()
  .max(32, "must be an availability zone such as us-east-1a")
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "must be an availability zone such as us-east-1a");
const CidrSchema = z.cidrv4({ error: "must be an IPv4 CIDR block such as 10.0.0.0/8" }).or(z.cidrv6({ error: "must be a CIDR block" }));

export const RegionSettingsSchema = z.strictObject({
  /** The VPC the subnets belong to: security groups are created in it. */
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC id such as vpc-0abc12345"),
  /** One private subnet per availability zone; clusters use the first N zones in name order. */
  subnets: z
    .record(ZoneSchema, z.string().regex(/^subnet-[0-9a-f]{8,17}$/, "must be a subnet id such as subnet-0abc12345"))
    .refine((s) => Object.keys(s).length > 0, "needs at least one availability zone"),
  /** The machine image (AMI) per store family: the engine and its node agent are baked in. */
  imageIds: z.partialRecord(FamilySchema, z.string().regex(/^ami-[0-9a-f]{8,17}$/, "must be an image id such as ami-0abc12345")),
  instanceProfileName: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters"),
  /** Client networks allowed to reach the stores' client ports. */
  allowedCidrs: z.array(CidrSchema).min(1, "needs at least one CIDR block"),
  alarmTopicArn: z
    .string()
    .max(300, "must be at most 300 characters")
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, "must be an SNS topic ARN"),
});
export type RegionSettings = z.infer<typeof RegionSettingsSchema>;

export const OrgSettingsSchema = z.strictObject({ regions: z.partialRecord(RegionCodeSchema, RegionSettingsSchema) }).superRefine((org, ctx) => {
  for (const [region, s] of Object.entries(org.regions)) {
    if (!s) continue;
    for (const zone of Object.keys(s.subnets)) {
      if (!zone.startsWith(region)) ctx.addIssue({ code: "custom", path: ["regions", region, "subnets", zone], message: `is not a zone of ${region}` });
    }
    // CloudWatch alarm actions must be in the alarm's region.
    if (s.alarmTopicArn.split(":")[3] !== region)
      ctx.addIssue({ code: "custom", path: ["regions", region, "alarmTopicArn"], message: `must be a topic in ${region}` });
  }
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

// ── Pulumi: state backend and secrets passphrase ─────────────────────────────────────────────────────────
/** Backends Pulumi accepts: the DIY backends (file, S3, GCS, Azure Blob, PostgreSQL) and Pulumi Cloud (https). */
export const BackendUrlSchema = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .regex(/^(file|s3|gs|azblob|postgres|postgresql|https?):\/\/\S+$/, "must be a Pulumi backend URL: file://, s3://, gs://, azblob://, postgres:// or https://");

/**
 * Where the passphrase that encrypts stack secrets comes from: an environment variable of the portal, a file on
 * its machine, or a value stored (encrypted) in the portal's database. The stored value is write-only.
 */
export const PassphraseSourceInputSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("env"),
    variable: z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, "must be an environment variable name such as PULUMI_CONFIG_PASSPHRASE"),
  }),
  z.strictObject({
    source: z.literal("file"),
    path: z.string().min(1, "must not be empty").max(1000, "must be at most 1000 characters").regex(/^\//, "must be an absolute path"),
  }),
  z.strictObject({
    source: z.literal("stored"),
    /** Leave out to keep the passphrase already stored. */
    value: z.string().min(12, "must be at least 12 characters").max(1000, "must be at most 1000 characters").optional(),
  }),
]);
export type PassphraseSourceInput = z.infer<typeof PassphraseSourceInputSchema>;

/** The passphrase source as the API returns it: a stored value is never returned, only whether one is set. */
export const PassphraseSourceSchema = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("env"), variable: z.string(), set: z.boolean() }),
  z.strictObject({ source: z.literal("file"), path: z.string(), set: z.boolean() }),
  z.strictObject({ source: z.literal("stored"), set: z.boolean() }),
]);

export const PulumiSettingsInputSchema = z.strictObject({
  /** null: the portal's PULUMI_BACKEND_URL, else the file backend under its data directory. */
  backendUrl: BackendUrlSchema.nullable(),
  passphrase: PassphraseSourceInputSchema,
});
export type PulumiSettingsInput = z.infer<typeof PulumiSettingsInputSchema>;

/** PUT /api/v1/admin/settings body: the whole settings (If-Match required). */
export const OrgSettingsUpdateSchema = z.strictObject({
  regions: OrgSettingsSchema.shape.regions,
  pulumi: PulumiSettingsInputSchema,
});
export type OrgSettingsUpdate = z.infer<typeof OrgSettingsUpdateSchema>;

/** GET /api/v1/admin/settings: the settings without secrets; credentials in a backend URL are masked. */
export const OrgSettingsDtoSchema = z.strictObject({
  regions: OrgSettingsSchema.shape.regions,
  pulumi: z.strictObject({
    backendUrl: z.string().nullable(),
    passphrase: PassphraseSourceSchema,
    /** The backend operations use now, and where it comes from. */
    effectiveBackendUrl: z.string(),
    effectiveBackendFrom: z.enum(["settings", "environment", "default"]),
  }),
  /** Regions the planner offers that have no settings yet: datastores there cannot be provisioned. */
  unconfiguredRegions: z.array(z.string()),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
});
export type OrgSettingsDto = z.infer<typeof OrgSettingsDtoSchema>;

// ── What every signed-in person may know of the settings ─────────────────────────────────────────
/**
 * GET /api/v1/regions: one entry per AWS region the portal knows. A requester sees whether a datastore there can be
 * provisioned (an administrator has set the region up) and whose prices the planner uses — never the settings.
 */
export const RegionInfoSchema = z.strictObject({
  code: RegionCodeSchema,
  /** The organisation settings have this region: a datastore there can be provisioned once approved. */
  provisionable: z.boolean(),
  /** Store families with a machine image in this region (what a datastore there may be). */
  families: z.array(FamilySchema),
  /** The region whose prices plans use: the region itself, or us-east-1 when it has no price table of its own. */
  pricedAs: z.string(),
});
export type RegionInfo = z.infer<typeof RegionInfoSchema>;
export const RegionListSchema = z.strictObject({ items: z.array(RegionInfoSchema) });
export type RegionList = z.infer<typeof RegionListSchema>;
