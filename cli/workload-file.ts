// What `dsp plan` and `dsp requests create` read: a workload (the API's Workload), or a datastore file whose
// spec.workload and spec.family they use.
import { DatastoreFileSchema, workloadOfFile, type DatastoreFile } from "@/lib/schemas/datastore-file";
import type { Family } from "@/lib/schemas/plan";
import { WorkloadSchema, type Workload } from "@/lib/schemas/workload";
import { parseWith, type LoadedFile } from "./files";

export interface WorkloadFromFile {
  workload: Workload;
  family?: Family;
  /** A datastore file's metadata. */
  datastore?: DatastoreFile;
}

export const isDatastoreFile = (value: unknown): boolean =>
  typeof value === "object" && value !== null && ("apiVersion" in value || "kind" in value || "spec" in value);

export function readDatastoreFile(file: LoadedFile): DatastoreFile {
  return parseWith(file, DatastoreFileSchema, "datastore file");
}

export function readWorkloadFile(file: LoadedFile): WorkloadFromFile {
  if (isDatastoreFile(file.value)) {
    const datastore = readDatastoreFile(file);
    return { workload: workloadOfFile(datastore), family: datastore.spec.family, datastore };
  }
  return { workload: parseWith(file, WorkloadSchema, "workload") };
}
