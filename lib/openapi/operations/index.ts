// The API's route registry: every operation of /api/v1 with its schemas, one file per resource. Handlers read their
// schemas from here and the OpenAPI document is built from it, so the document cannot drift from what the handlers
// accept.
import { BACKSTAGE } from "./backstage";
import { BENCHMARKS } from "./benchmarks";
import { CAPACITY } from "./capacity";
import { CATALOG } from "./catalog";
import { CHANGES } from "./changes";
import { DATASTORES } from "./datastores";
import { FLEET } from "./fleet";
import { HEALTH } from "./health";
import { MAINTENANCE } from "./maintenance";
import { ME } from "./me";
import { META } from "./meta";
import { OPERATIONS } from "./operations";
import { PLANNING } from "./planning";
import { REQUESTS } from "./requests";
import { SCHEMAS } from "./schemas";
import { SETTINGS } from "./settings";
import { TEAMS } from "./teams";
import { TOKENS } from "./tokens";
import { USERS } from "./users";
import { WEBHOOKS } from "./webhooks";
import type { ApiOperation } from "./shared";

export { HTTP_METHODS, type ApiHeader, type ApiOperation, type HttpMethod, type PathParams } from "./shared";

const RESOURCES = [
  PLANNING,
  CATALOG,
  META,
  ME,
  TEAMS,
  USERS,
  TOKENS,
  DATASTORES,
  CAPACITY,
  REQUESTS,
  OPERATIONS,
  CHANGES,
  SETTINGS,
  BACKSTAGE,
  SCHEMAS,
  WEBHOOKS,
  FLEET,
  HEALTH,
  MAINTENANCE,
  BENCHMARKS,
];

const { exportDatastorePulumiProject, ...datastores } = DATASTORES;

/**
 * Every operation, in the order the document lists them (the Pulumi project export has always come after the
 * changes): the served document stays the same byte for byte.
 */
export const API_OPERATIONS = {
  ...PLANNING,
  ...CATALOG,
  ...META,
  ...ME,
  ...TEAMS,
  ...USERS,
  ...TOKENS,
  ...datastores,
  ...CAPACITY,
  ...REQUESTS,
  ...OPERATIONS,
  ...CHANGES,
  exportDatastorePulumiProject,
  ...SETTINGS,
  ...BACKSTAGE,
  ...SCHEMAS,
  ...WEBHOOKS,
  ...FLEET,
  ...HEALTH,
  ...MAINTENANCE,
  ...BENCHMARKS,
} as const satisfies Record<string, ApiOperation>;

// Two resource files with one operation id would leave one of them out of the spread above without a word.
const defined = RESOURCES.reduce((n, resource) => n + Object.keys(resource).length, 0);
if (Object.keys(API_OPERATIONS).length !== defined) throw new Error("Two files of lib/openapi/operations/ define the same operation id");

export type OperationId = keyof typeof API_OPERATIONS;
