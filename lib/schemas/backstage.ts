// The Backstage entity feed (GET /api/v1/backstage/entities): datastores as Backstage catalog entities
// (https://backstage.io/docs/features/software-catalog/descriptor-format), a page at a time.
import { z } from "zod";
import { PageQuerySchema } from "./datastore";

export const BACKSTAGE_API_VERSION = "backstage.io/v1alpha1";

/** Backstage's entity-name rule: [a-z0-9A-Z] runs joined by one of -_. and at most 63 characters. */
export const BackstageEntityNameSchema = z
  .string()
  .max(63)
  .regex(/^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/);

const LinkSchema = z.strictObject({ url: z.url(), title: z.string(), icon: z.string().optional() });

export const BackstageEntitySchema = z.strictObject({
  apiVersion: z.literal(BACKSTAGE_API_VERSION),
  /** A datastore and each companion store are Resources; each owning team's datastores form one System. */
  kind: z.enum(["Resource", "System"]),
  metadata: z.strictObject({
    name: BackstageEntityNameSchema,
    title: z.string(),
    description: z.string(),
    annotations: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    links: z.array(LinkSchema),
  }),
  spec: z.strictObject({
    /** `<family>-cluster` for a Resource ("cassandra-cluster"); Systems have none. */
    type: z.string().optional(),
    /** `group:<team slug>`. */
    owner: z.string(),
    lifecycle: z.enum(["production", "experimental", "deprecated"]).optional(),
    system: z.string().optional(),
    dependsOn: z.array(z.string()).optional(),
    dependencyOf: z.array(z.string()).optional(),
  }),
});
export type BackstageEntity = z.infer<typeof BackstageEntitySchema>;

/** `limit` counts datastores (1–100, default 25); each brings one to three entities. */
export const BackstageEntityQuerySchema = PageQuerySchema;

export const BackstageEntityListSchema = z.strictObject({
  items: z.array(BackstageEntitySchema),
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type BackstageEntityList = z.infer<typeof BackstageEntityListSchema>;
