// The agent tools, generated from the route registry (lib/openapi/operations): which operations are tools, and each
// tool's input schema — the operation's path parameters, query and JSON body fields as one flat object, typed by the
// very zod schemas the handler applies — and its description (the registry's summary and description). Only the safe
// set is exposed: planning, creating and submitting requests, and reading requests, datastores and operations.
// Review decisions (reviewRequest, decideDatastoreChange) are left out on purpose: approval stays with people.
import { z } from "zod";
import { API_OPERATIONS, type ApiOperation, type OperationId } from "@/lib/openapi/operations";

export const MCP_TOOL_OPERATIONS = [
  // Who the token acts for: createRequest needs its team's id, which nothing else tells an agent.
  "getMe",
  "recommendStore",
  "planCapacity",
  "createRequest",
  "submitRequest",
  "getRequest",
  "listRequests",
  "getDatastore",
  "listDatastores",
  "getOperation",
  "listDatastoreOperations",
] as const satisfies readonly OperationId[];
export type McpToolOperation = (typeof MCP_TOOL_OPERATIONS)[number];

/** Operations a person must decide: never tools, whatever the list above grows into (a test holds it). */
export const HUMAN_ONLY_OPERATIONS = ["reviewRequest", "decideDatastoreChange"] as const satisfies readonly OperationId[];

/** Every operation the tools call: the tool operations and what watch_operation polls. */
export const MCP_CALLED_OPERATIONS = [...MCP_TOOL_OPERATIONS, "listOperationEvents"] as const satisfies readonly OperationId[];
export type McpCalledOperation = (typeof MCP_CALLED_OPERATIONS)[number];

export const WATCH_OPERATION_TOOL = "watch_operation";

/** A tool's input, split back into what the typed client sends: path params, query, body and the two headers. */
export interface ToolInputPlan {
  shape: Record<string, z.ZodType>;
  params: readonly string[];
  query: readonly string[];
  body: readonly string[] | null;
  idempotencyKey: boolean;
  ifMatch: boolean;
}

const takes = (op: ApiOperation, header: string) => op.headers?.some((h) => h.name === header) ?? false;

const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters")
  .optional()
  .describe(
    "Idempotency-Key: a retry with the same key and arguments returns the first answer instead of creating again (keys are kept 24 hours). Leave it out and one is made up for this call — then a retry creates anew.",
  );
const IfMatchSchema = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .describe(
    'If-Match: the version you last read as an ETag, "v" and the resource\'s `version` in quotes (e.g. "\\"v3\\""); the call fails with 412 if the resource changed since.',
  );

/** The flat input object of an operation; throws when two parts would share a name (caught by the tests at build). */
export function toolInputPlan(op: ApiOperation): ToolInputPlan {
  const shape: Record<string, z.ZodType> = {};
  const add = (name: string, schema: z.ZodType) => {
    if (name in shape) throw new Error(`${op.method} ${op.path}: the argument "${name}" would be both a path, query or body field`);
    shape[name] = schema;
  };
  const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
  for (const p of params) add(p, z.string().min(1).max(200).describe(`The ${p} of ${op.path}.`));
  const query = op.query ? Object.keys(op.query.shape) : [];
  for (const q of query) add(q, op.query?.shape[q] as z.ZodType);
  let body: string[] | null = null;
  if (op.body) {
    if (!(op.body instanceof z.ZodObject)) throw new Error(`${op.method} ${op.path}: only object bodies become tool arguments`);
    body = Object.keys(op.body.shape);
    for (const b of body) add(b, op.body.shape[b] as z.ZodType);
  }
  const idempotencyKey = takes(op, "Idempotency-Key");
  const ifMatch = takes(op, "If-Match");
  if (idempotencyKey) add("idempotencyKey", IdempotencyKeySchema);
  if (ifMatch) add("ifMatch", IfMatchSchema);
  return { shape, params, query, body, idempotencyKey, ifMatch };
}

export interface ToolDefinition {
  name: McpToolOperation;
  title: string;
  description: string;
  inputSchema: z.ZodObject;
  plan: ToolInputPlan;
  readOnly: boolean;
}

export function toolDefinitions(): ToolDefinition[] {
  return MCP_TOOL_OPERATIONS.map((id) => {
    const op: ApiOperation = API_OPERATIONS[id];
    const plan = toolInputPlan(op);
    const notes = [
      plan.idempotencyKey ? "Pass `idempotencyKey` to make a retry safe." : "",
      op.method !== "GET" ? "Acts with your API token's team and role; the API decides what you may do." : "",
    ].filter((n) => n !== "");
    return {
      name: id,
      title: op.summary,
      description: [`${op.summary} (${op.method} ${op.path}).`, op.description, ...notes].join(" "),
      // Strict: a misspelt argument is refused, not silently dropped.
      inputSchema: z.strictObject(plan.shape),
      plan,
      readOnly: op.method === "GET",
    };
  });
}
