// Builds lib/catalog/data/*.json from the reference hardware snapshot in ../shared/reference/aws-hardware/
// (Netflix-Skunkworks/service-capacity-modeling, Apache-2.0, snapshot of 2026-08-21).
// Run with `npm run catalog:import`; the output is committed so the portal needs nothing outside the repo.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const REF = process.argv[2] ?? join(__dirname, "..", "..", "shared", "reference", "aws-hardware");
const OUT = join(__dirname, "..", "lib", "catalog", "data");

type RawInterval = { low: number; mid: number; high: number; confidence?: number; minimum_value?: number; maximum_value?: number };
type RawInstance = {
  name: string;
  cpu: number;
  cpu_cores?: number;
  cpu_ghz: number;
  cpu_ipc_scale?: number;
  ram_gib: number;
  net_mbps: number;
  lifecycle?: string;
  platforms?: string[];
  drive?: { size_gib: number; read_io_per_s: number; write_io_per_s: number; block_size_kib?: number; read_io_latency_ms: RawInterval } | null;
};

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, "utf8"));
const interval = (i: RawInterval) => ({
  low: i.low,
  mid: i.mid,
  high: i.high,
  confidence: i.confidence ?? 1,
  ...(i.minimum_value !== undefined ? { minimum: i.minimum_value } : {}),
  ...(i.maximum_value !== undefined ? { maximum: i.maximum_value } : {}),
});

const shapeDir = join(REF, "shapes");
const priceDir = join(REF, "pricing");
const priceFiles = readdirSync(priceDir)
  .sort()
  .filter((file) => file.startsWith("3yr-reserved_") && !file.includes("_rds"));

// A shape is retired when its name says so (`f5.large.deprecated`) or when its shape or any price file marks it
// deprecated or end-of-life: the planner must never offer one, so it stays out of the catalogue altogether.
const RETIRED = new Set(["deprecated", "end-of-life"]);
const retiredByPrice = new Set<string>();
for (const file of priceFiles) {
  const raw = readJson(join(priceDir, file)) as Record<string, { instances?: Record<string, { lifecycle?: string }> }>;
  for (const r of Object.values(raw))
    for (const [name, p] of Object.entries(r.instances ?? {})) if (p.lifecycle && RETIRED.has(p.lifecycle)) retiredByPrice.add(name);
}
const isRetired = (name: string, lifecycle: string | undefined) =>
  name.endsWith(".deprecated") || (lifecycle !== undefined && RETIRED.has(lifecycle)) || retiredByPrice.has(name);
const left: string[] = [];
const instances: Record<string, unknown> = {};
for (const file of readdirSync(shapeDir).sort()) {
  if (!/^(auto_.*|manual_instances)\.json$/.test(file)) continue;
  const raw = readJson(join(shapeDir, file)) as { instances: Record<string, RawInstance> };
  for (const inst of Object.values(raw.instances)) {
    if (inst.name.startsWith("db.")) continue; // RDS shapes: not self-managed stores
    if (isRetired(inst.name, inst.lifecycle)) {
      left.push(inst.name);
      continue;
    }
    if (instances[inst.name]) throw new Error(`duplicate shape ${inst.name} in ${file}`);
    instances[inst.name] = {
      name: inst.name,
      vcpu: inst.cpu,
      cores: inst.cpu_cores ?? Math.max(1, Math.floor(inst.cpu / 2)),
      ghz: inst.cpu_ghz,
      ipcScale: inst.cpu_ipc_scale ?? 1,
      ramGib: inst.ram_gib,
      netMbps: inst.net_mbps,
      lifecycle: inst.lifecycle ?? "stable",
      ...(inst.platforms ? { platforms: inst.platforms } : {}),
      ...(inst.drive
        ? {
            localDrive: {
              sizeGib: inst.drive.size_gib,
              readIops: inst.drive.read_io_per_s,
              writeIops: inst.drive.write_io_per_s,
              blockKib: inst.drive.block_size_kib ?? 4,
              readLatencyMs: interval(inst.drive.read_io_latency_ms),
            },
          }
        : {}),
    };
  }
}

const rawDrives = readJson(join(shapeDir, "manual_drives.json")) as {
  drives: Record<
    string,
    {
      name: string;
      read_io_latency_ms: RawInterval;
      write_io_latency_ms: RawInterval;
      max_scale_size_gib: number;
      block_size_kib: number;
      group_size_kib: number;
      max_scale_io_per_s?: number;
      lifecycle?: string;
    }
  >;
};
const drives = Object.fromEntries(
  Object.values(rawDrives.drives)
    .filter((d) => d.max_scale_io_per_s !== undefined) // aurora is a managed-service volume, not an EBS drive
    .map((d) => [
      d.name,
      {
        name: d.name,
        readLatencyMs: interval(d.read_io_latency_ms),
        writeLatencyMs: interval(d.write_io_latency_ms),
        maxSizeGib: d.max_scale_size_gib,
        maxIops: d.max_scale_io_per_s,
        blockKib: d.block_size_kib,
        groupKib: d.group_size_kib,
        lifecycle: d.lifecycle ?? "stable",
      },
    ]),
);

writeFileSync(
  join(OUT, "shapes.json"),
  JSON.stringify({
    source: "Netflix-Skunkworks/service-capacity-modeling (Apache-2.0), hardware/profiles/shapes/aws, snapshot 2026-08-21",
    instances,
    drives,
  }) + "\n",
);

// Prices: files sharing a prefix merge in name order, later files override earlier ones.
type RawPriceRegion = {
  instances?: Record<string, { annual_cost?: number; lifecycle?: string }>;
  drives?: Record<string, { annual_cost_per_gib?: number; annual_cost_per_read_io?: [number, number][]; annual_cost_per_write_io?: [number, number][] }>;
  services?: Record<string, { annual_cost_per_gib?: number | [number, number][] }>;
  zones_in_region?: number;
};
const regions: Record<string, { zones: number; instances: Record<string, number>; drives: Record<string, unknown>; services: Record<string, unknown> }> = {};
for (const file of priceFiles) {
  const raw = readJson(join(priceDir, file)) as Record<string, RawPriceRegion>;
  for (const [region, r] of Object.entries(raw)) {
    const out = (regions[region] ??= { zones: 3, instances: {}, drives: {}, services: {} });
    if (r.zones_in_region) out.zones = r.zones_in_region;
    for (const [name, p] of Object.entries(r.instances ?? {})) if (p.annual_cost !== undefined) out.instances[name] = p.annual_cost;
    for (const [name, p] of Object.entries(r.drives ?? {})) {
      out.drives[name] = {
        perGibYear: p.annual_cost_per_gib ?? 0,
        readIopsTiers: p.annual_cost_per_read_io ?? [],
        writeIopsTiers: p.annual_cost_per_write_io ?? [],
      };
    }
    for (const [name, p] of Object.entries(r.services ?? {})) {
      if (name.startsWith("dynamo")) continue;
      const perGib = p.annual_cost_per_gib;
      if (typeof perGib === "number") out.services[name] = { perGibYear: perGib };
    }
  }
}
// Keep only instances that have both a shape and a price, as the reference loader does.
for (const r of Object.values(regions)) {
  r.instances = Object.fromEntries(
    Object.entries(r.instances)
      .filter(([n]) => n in instances)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
writeFileSync(
  join(OUT, "prices-aws-3yr-reserved.json"),
  JSON.stringify({
    id: "aws-3yr-reserved",
    description: "3-year all-upfront reserved (or Savings Plan × 8760 h) annual prices",
    source: "Netflix-Skunkworks/service-capacity-modeling (Apache-2.0), hardware/profiles/pricing/aws/3yr-reserved_*.json, snapshot 2026-08-21",
    regions,
  }) + "\n",
);
console.log(`left out as deprecated: ${left.join(", ") || "none"}`);
console.log(
  `shapes: ${Object.keys(instances).length}, drives: ${Object.keys(drives).length}, priced regions: ${Object.keys(regions).join(", ")} (${Object.values(regions)
    .map((r) => Object.keys(r.instances).length)
    .join(", ")} instances)`,
);
