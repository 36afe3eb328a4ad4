import { z } from "zod";
import { LifecycleSchema } from "../catalog/schema";
import { InstanceFamilySchema, RegionCodeSchema } from "./workload";

/** The price tables' home region: the default when a client does not name one. */
export const DEFAULT_CATALOG_REGION = "us-east-1";

/** GET /api/v1/catalog/instances query: which region's prices, optionally one instance family. */
export const InstanceListQuerySchema = z.strictObject({
  region: RegionCodeSchema.default(DEFAULT_CATALOG_REGION),
  family: InstanceFamilySchema.optional(),
});
export type InstanceListQueryInput = z.input<typeof InstanceListQuerySchema>;
export type InstanceListQuery = z.output<typeof InstanceListQuerySchema>;

export const CatalogLocalDriveSchema = z.strictObject({
  sizeGib: z.number().positive(),
  readIops: z.number().positive(),
  writeIops: z.number().positive(),
});

/** One instance shape with its price: the allow-list the API returns. */
export const CatalogInstanceSchema = z.strictObject({
  name: z.string(),
  /** Instance family (m6id.2xlarge → m6id). */
  family: z.string(),
  size: z.string(),
  vcpu: z.number().int().positive(),
  cores: z.number().int().positive(),
  ghz: z.number().positive(),
  ramGib: z.number().positive(),
  netMbps: z.number().positive(),
  lifecycle: LifecycleSchema,
  /** Present for shapes with local NVMe. */
  localDrive: CatalogLocalDriveSchema.optional(),
  annualCost: z.number().positive(),
  monthlyCost: z.number().positive(),
});
export type CatalogInstance = z.infer<typeof CatalogInstanceSchema>;

export const InstanceListSchema = z.strictObject({
  region: z.string(),
  /** The region whose prices were used: differs from `region` when that region has no prices of its own. */
  pricedAs: z.string(),
  priceTable: z.string(),
  /** Says in words when prices were borrowed from another region. */
  note: z.string().optional(),
  zones: z.number().int().positive(),
  /** Cheapest first. */
  instances: z.array(CatalogInstanceSchema),
});
export type InstanceList = z.infer<typeof InstanceListSchema>;
