"use client";
// The workload form: every field of the workload contract, grouped the way a team thinks about its service.
import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { modelDefaults } from "@/lib/planner";
import { ACCESS_PATTERNS, CONSISTENCY_LEVELS, DURABILITY_LEVELS, FEATURES, type Family, type Feature } from "@/lib/schemas";
import { QuantityField, SelectField, TextField, useErrorMessage } from "./form-controls";
import { FieldError } from "@/components/ui/field";
import { useRegionInfo } from "@/lib/query/regions";
import { listOf, type WorkloadFormValues } from "./workload-form-values";

const TIER_OPTIONS = [
  { value: "0", label: "0 · critical" },
  { value: "1", label: "1 · important" },
  { value: "2", label: "2 · supporting" },
  { value: "3", label: "3 · test" },
] as const;

const ACCESS_LABELS = {
  "key-value": "Key-value",
  "time-series": "Time series",
  search: "Search",
  graph: "Graph",
  queue: "Queue",
} as const satisfies Record<(typeof ACCESS_PATTERNS)[number], string>;

const CONSISTENCY_LABELS = {
  "best-effort": "Best effort",
  eventual: "Eventual",
  "read-your-writes": "Read your writes",
  linearizable: "Linearizable",
} as const satisfies Record<(typeof CONSISTENCY_LEVELS)[number], string>;

const DURABILITY_LABELS = {
  rebuildable: "Rebuildable (a copy)",
  durable: "Durable",
} as const satisfies Record<(typeof DURABILITY_LEVELS)[number], string>;

const FEATURE_LABELS = {
  "full-text": "Full-text search",
  aggregations: "Aggregations",
  "secondary-indexes": "Secondary indexes",
  traversals: "Graph traversals",
  "delayed-delivery": "Delayed delivery",
  priorities: "Priorities",
  ttl: "Expiry (TTL)",
} as const satisfies Record<Feature, string>;

const COMMON_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2"] as const;

const options = <K extends string>(labels: Record<K, string>, keys: readonly K[]) => keys.map((k) => ({ value: k, label: labels[k] }));

/** "default 5" (the unit sits beside the input) for the family being planned, from its model's defaults. */
function placeholders(family: Family | undefined) {
  const d = family ? modelDefaults(family) : undefined;
  const of = (v: number | string | undefined) => (typeof v === "number" ? `default ${v}` : "model default");
  return {
    readLatency: of(d?.readLatencyP99Ms),
    writeLatency: d && d.writeLatencyP99Ms === undefined ? "no write SLO" : of(d?.writeLatencyP99Ms),
    readCpu: of(d?.readCpuMs),
    writeCpu: of(d?.writeCpuMs),
    compression: d && d.compressionRatio === undefined ? "not compressed" : of(d?.compressionRatio),
  };
}

export function WorkloadForm({ family }: { family?: Family | undefined } = {}) {
  const ph = placeholders(family);
  const { register } = useFormContext<WorkloadFormValues>();
  const accessPattern = useWatch<WorkloadFormValues, "accessPattern">({ name: "accessPattern" });
  const crossRegionId = useId();
  return (
    <div className="form-sections">
      <section className="form-section" aria-labelledby="sec-service">
        <h3 id="sec-service">Service</h3>
        <div className="grid-2">
          <TextField name="name" label="Name" placeholder="viewing-history" hint="Lowercase kebab-case." className="span-2" />
          <SelectField name="tier" label="Tier" options={TIER_OPTIONS} />
          <SelectField name="accessPattern" label="Access pattern" options={options(ACCESS_LABELS, ACCESS_PATTERNS)} />
        </div>
      </section>

      <section className="form-section" aria-labelledby="sec-traffic">
        <h3 id="sec-traffic">
          Traffic <span className="muted">per region</span>
        </h3>
        <div className="grid-2">
          <QuantityField
            name="readsPerSecond"
            label="Reads per second"
            unit="/s"
            className="span-2"
            hint="Per region: each region's cluster serves this many at peak."
          />
          <QuantityField
            name="writesPerSecond"
            label="Writes per second"
            unit="/s"
            className="span-2"
            hint="Applied in every region: with cross-region replication every region applies every write, so give the total across regions."
          />
          <TextField name="readItemBytes" label="Read item size" unit="bytes" numeric />
          <TextField name="writeItemBytes" label="Write item size" unit="bytes" numeric />
        </div>
      </section>

      <section className="form-section" aria-labelledby="sec-data">
        <h3 id="sec-data">Data</h3>
        <div className="grid-2">
          <QuantityField name="datasetGiB" label="Dataset size" unit="size" className="span-2" />
          <TextField name="itemCount" label="Item count" numeric placeholder="optional" />
          <TextField name="growthGiBPerMonth" label="Growth" unit="GiB/month" numeric placeholder="0" />
          <TextField name="horizonMonths" label="Planning horizon" unit="months" numeric placeholder="12" />
        </div>
      </section>

      <section className="form-section" aria-labelledby="sec-slo">
        <h3 id="sec-slo">Service levels</h3>
        <div className="grid-2">
          <TextField name="readLatencyP99Ms" label="Read latency p99" unit="ms" numeric placeholder={ph.readLatency} />
          <TextField name="writeLatencyP99Ms" label="Write latency p99" unit="ms" numeric placeholder={ph.writeLatency} />
          <SelectField name="consistency" label="Consistency" options={options(CONSISTENCY_LABELS, CONSISTENCY_LEVELS)} />
          <SelectField name="durability" label="Durability" options={options(DURABILITY_LABELS, DURABILITY_LEVELS)} />
        </div>
      </section>

      <section className="form-section" aria-labelledby="sec-placement">
        <h3 id="sec-placement">Placement</h3>
        <TextField name="regions" label="Regions" placeholder="us-east-1, eu-west-1" hint="AWS region codes, separated by commas." />
        <RegionShortcuts />
        <div className="check">
          <input id={crossRegionId} type="checkbox" {...register("crossRegionReplication")} />
          <label htmlFor={crossRegionId}>Cross-region replication</label>
        </div>
      </section>

      <section className="form-section" aria-labelledby="sec-features">
        <h3 id="sec-features">Features</h3>
        <FeatureChecks />
        {accessPattern === "graph" ? (
          <div className="grid-2 graph-fields">
            <TextField name="traversalDepth" label="Traversal depth" unit="hops" numeric placeholder="model default" />
            <TextField name="fanout" label="Fan-out per hop" numeric placeholder="model default" />
          </div>
        ) : null}
      </section>

      <details className="form-section advanced">
        <summary>Advanced</summary>
        <p className="field-hint">Overrides for engineers who know their service; leave empty for the models&apos; defaults.</p>
        <div className="grid-2">
          <TextField name="advanced.readCpuMs" label="CPU per read" unit="ms" numeric placeholder={ph.readCpu} />
          <TextField name="advanced.writeCpuMs" label="CPU per write" unit="ms" numeric placeholder={ph.writeCpu} />
          <TextField name="advanced.compressionRatio" label="Compression ratio" unit="×" numeric placeholder={ph.compression} />
          <SelectField
            name="advanced.storage"
            label="Storage"
            options={[
              { value: "", label: "Model default" },
              { value: "local", label: "Local NVMe" },
              { value: "attached", label: "Attached (EBS)" },
              { value: "any", label: "Any" },
            ]}
          />
          <TextField
            name="advanced.instanceFamilies"
            label="Instance families"
            placeholder="i4i, m6id"
            hint="Restrict the planner to these families."
            className="span-2"
          />
        </div>
      </details>
    </div>
  );
}

function FeatureChecks() {
  const { register } = useFormContext<WorkloadFormValues>();
  const baseId = useId();
  const error = useErrorMessage("features");
  return (
    <fieldset className="checks" aria-label="Features">
      {FEATURES.map((f) => (
        <div className="check" key={f}>
          <input id={`${baseId}-${f}`} type="checkbox" value={f} {...register("features")} />
          <label htmlFor={`${baseId}-${f}`}>{FEATURE_LABELS[f]}</label>
        </div>
      ))}
      <FieldError id={baseId} name="features" message={error} />
    </fieldset>
  );
}

/**
 * One-click toggles for the regions most teams use; the text box stays the source of truth. A region the
 * organisation has not set up for provisioning says so on its chip (signed-in people: the server knows which).
 */
function RegionShortcuts() {
  const { setValue, getValues } = useFormContext<WorkloadFormValues>();
  const regions = listOf(useWatch<WorkloadFormValues, "regions">({ name: "regions" }));
  const info = useRegionInfo();
  const toggle = (code: string) => {
    const current = listOf(getValues("regions"));
    const next = current.includes(code) ? current.filter((r) => r !== code) : [...current, code];
    setValue("regions", next.join(", "), { shouldValidate: true, shouldDirty: true });
  };
  return (
    <div className="chips" role="group" aria-label="Common regions">
      {COMMON_REGIONS.map((code) => (
        <button
          key={code}
          type="button"
          className="chip"
          aria-pressed={regions.includes(code)}
          onClick={() => toggle(code)}
          data-provisionable={info?.get(code)?.provisionable}
        >
          {code}
          {info?.get(code)?.provisionable === false ? <span className="chip-note"> · not provisionable yet</span> : null}
        </button>
      ))}
    </div>
  );
}
