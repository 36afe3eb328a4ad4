// The declarative datastore file that `dsp apply` converges to (kept in a service's repository as datastore.yaml), and
// its JSON Schema (served at /api/v1/schemas/datastore.json for editors), generated from the same zod schema.
import { z } from "zod";
import { CreateTeamBodySchema } from "./access";
import { ThresholdsUpdateSchema } from "./datastore";
import { FamilySchema } from "./plan";
import { UnnamedWorkloadSchema, WorkloadSchema, type Workload } from "./workload";

export const DATASTORE_FILE_API_VERSION = "datastore-portal/v1";
export const DATASTORE_FILE_KIND = "Datastore";

export const DatastoreFileSchema = z
  .strictObject({
    apiVersion: z.literal(DATASTORE_FILE_API_VERSION, { error: `must be "${DATASTORE_FILE_API_VERSION}"` }),
    kind: z.literal(DATASTORE_FILE_KIND, { error: `must be "${DATASTORE_FILE_KIND}"` }),
    metadata: z.strictObject({
      /** The datastore's name, unique within its team; the workload is planned under it. */
      name: WorkloadSchema.shape.name.describe("The datastore's name (lowercase kebab-case, 3–40 characters), unique within the team."),
      /** The owning team, by slug. */
      team: CreateTeamBodySchema.shape.slug.describe("The owning team's slug (as `dsp whoami` lists it)."),
    }),
    spec: z.strictObject({
      workload: UnnamedWorkloadSchema.describe("The workload, as the portal's Workload without `name` (metadata.name names it)."),
      family: FamilySchema.optional().describe("The store family to plan; left out, the recommended one."),
      thresholds: ThresholdsUpdateSchema.shape.thresholds
        .optional()
        .describe("The SLA alert thresholds, replacing the planned ones once the datastore exists; left out, the datastore keeps its own."),
    }),
  })
  .superRefine((file, ctx) => {
    // Consistency across thresholds (warning before critical, one per metric and role): the catalog's own rules.
    if (!file.spec.thresholds) return;
    for (const issue of ThresholdsUpdateSchema.safeParse({ thresholds: file.spec.thresholds }).error?.issues ?? [])
      ctx.addIssue({ code: "custom", path: ["spec", ...issue.path], message: issue.message });
  });

export type DatastoreFile = z.output<typeof DatastoreFileSchema>;
export type DatastoreFileInput = z.input<typeof DatastoreFileSchema>;

/** The file's workload as the API takes it: named by the file's metadata.name. */
export function workloadOfFile(file: DatastoreFile): Workload {
  return { name: file.metadata.name, ...file.spec.workload };
}

/** The file's JSON Schema (draft 2020-12), as people write the file: defaults make fields optional, unknown ones are refused. */
export function datastoreFileJsonSchema(): { $schema: string; type: "object"; properties: Record<string, unknown>; [key: string]: unknown } {
  const { $schema, properties, ...schema } = z.toJSONSchema(DatastoreFileSchema, { io: "input", target: "draft-2020-12", unrepresentable: "throw" });
  return {
    ...schema,
    $schema: $schema ?? "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: properties ?? {},
    title: "Datastore Portal datastore file",
    description: `A datastore as \`dsp apply -f datastore.yaml\` converges to it: apiVersion ${DATASTORE_FILE_API_VERSION}, kind ${DATASTORE_FILE_KIND}.`,
  };
}
