import { z } from "zod";

/** An uncertain quantity as the reference data gives it: low/mid/high with a confidence. */
export const IntervalSchema = z.strictObject({
  low: z.number().nonnegative(),
  mid: z.number().nonnegative(),
  high: z.number().nonnegative(),
  confidence: z.number().min(0).max(1),
  minimum: z.number().nonnegative().optional(),
  maximum: z.number().nonnegative().optional(),
});
export type CatalogInterval = z.infer<typeof IntervalSchema>;

export const LifecycleSchema = z.enum(["alpha", "beta", "stable", "deprecated", "end-of-life"]);

export const LocalDriveSchema = z.strictObject({
  sizeGib: z.number().positive(),
  readIops: z.number().positive(),
  writeIops: z.number().positive(),
  blockKib: z.number().positive(),
  readLatencyMs: IntervalSchema,
});
export type LocalDrive = z.infer<typeof LocalDriveSchema>;

export const InstanceShapeSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+(\.[a-z]+)?$/),
  vcpu: z.number().int().positive(),
  cores: z.number().int().positive(),
  ghz: z.number().positive(),
  ipcScale: z.number().positive(),
  ramGib: z.number().positive(),
  netMbps: z.number().positive(),
  lifecycle: LifecycleSchema,
  platforms: z.array(z.string()).optional(),
  localDrive: LocalDriveSchema.optional(),
});
export type InstanceShape = z.infer<typeof InstanceShapeSchema>;

export const AttachedDriveSchema = z.strictObject({
  name: z.string(),
  readLatencyMs: IntervalSchema,
  writeLatencyMs: IntervalSchema,
  maxSizeGib: z.number().positive(),
  maxIops: z.number().positive(),
  blockKib: z.number().positive(),
  groupKib: z.number().positive(),
  lifecycle: LifecycleSchema,
});
export type AttachedDrive = z.infer<typeof AttachedDriveSchema>;

export const ShapesFileSchema = z.strictObject({
  source: z.string(),
  instances: z.record(z.string(), InstanceShapeSchema),
  drives: z.record(z.string(), AttachedDriveSchema),
});
export type ShapesFile = z.infer<typeof ShapesFileSchema>;

/** Tiered price: [[upTo, pricePerUnitYear], …]; units up to `upTo` cost that price (an upTo of -1 is unbounded). */
const TiersSchema = z.array(z.tuple([z.number(), z.number().nonnegative()]));

export const DrivePriceSchema = z.strictObject({
  perGibYear: z.number().nonnegative(),
  readIopsTiers: TiersSchema,
  writeIopsTiers: TiersSchema,
});
export type DrivePrice = z.infer<typeof DrivePriceSchema>;

export const RegionPricesSchema = z.strictObject({
  zones: z.number().int().min(1).max(6),
  instances: z.record(z.string(), z.number().positive()),
  drives: z.record(z.string(), DrivePriceSchema),
  services: z.record(z.string(), z.strictObject({ perGibYear: z.number().nonnegative() })),
});
export type RegionPrices = z.infer<typeof RegionPricesSchema>;

/** A price table: swappable (an organisation may load its own), keyed by region. */
export const PriceTableSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string(),
  source: z.string(),
  regions: z.record(z.string(), RegionPricesSchema),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;
