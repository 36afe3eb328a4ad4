import { describe, expect, it } from "vitest";
import { attachedDriveAnnualCost, defaultPriceTable, regionHardware, shapes, tieredCost, PriceTableSchema, type PriceTable } from "@/lib/catalog";

describe("the hardware catalogue", () => {
  it("loads only shapes that have both a shape and a price", () => {
    const hw = regionHardware("us-east-1");
    expect(hw.instances.length).toBeGreaterThan(300);
    for (const i of hw.instances) {
      expect(shapes.instances[i.name]).toBeDefined();
      expect(i.annualCost).toBeGreaterThan(0);
    }
  });

  it("keeps the facts models need (m8id.2xlarge: 8 vCPU, 3.9 GHz × 1.42 IPC, 441 GiB NVMe, $1,719.59/yr)", () => {
    const m = regionHardware("us-east-1").instances.find((i) => i.name === "m8id.2xlarge");
    expect(m).toMatchObject({ vcpu: 8, cores: 4, ghz: 3.9, ipcScale: 1.42, ramGib: 30.52, family: "m8id", size: "2xlarge" });
    expect(m?.localDrive?.sizeGib).toBe(441);
    expect(m?.annualCost).toBeCloseTo(1719.59, 2);
  });

  it("applies later price files over earlier ones (m6id.xlarge override $781.66)", () => {
    expect(regionHardware("us-east-1").instances.find((i) => i.name === "m6id.xlarge")?.annualCost).toBe(781.66);
  });

  it("says which prices it used for a region without its own", () => {
    const hw = regionHardware("eu-west-1");
    expect(hw.region).toBe("eu-west-1");
    expect(hw.priceRegion).toBe("us-east-1");
    expect(hw.priceNote).toMatch(/eu-west-1.*us-east-1/);
    expect(regionHardware("us-east-1").priceNote).toBeUndefined();
  });

  it("uses an organisation's own price table when given one (the source is swappable)", () => {
    const own: PriceTable = PriceTableSchema.parse({
      ...defaultPriceTable,
      id: "acme-eu",
      regions: { "eu-west-1": { ...defaultPriceTable.regions["us-east-1"]!, instances: { "m8id.2xlarge": 2000 } } },
    });
    const hw = regionHardware("eu-west-1", own);
    expect(hw.priceNote).toBeUndefined();
    expect(hw.instances.map((i) => i.name)).toEqual(["m8id.2xlarge"]);
    expect(hw.instances[0]?.annualCost).toBe(2000);
  });

  it("rejects a malformed price table at load", () => {
    expect(
      PriceTableSchema.safeParse({ ...defaultPriceTable, regions: { "us-east-1": { zones: 3, instances: { x: -1 }, drives: {}, services: {} } } }).success,
    ).toBe(false);
  });

  it("prices gp3 with 3000 free IOPS, then $0.06 per IOPS-year", () => {
    expect(
      tieredCost(3000, [
        [3000, 0],
        [16000, 0.06],
      ]),
    ).toBe(0);
    expect(
      tieredCost(5000, [
        [3000, 0],
        [16000, 0.06],
      ]),
    ).toBeCloseTo(120);
    const gp3 = regionHardware("us-east-1").drives.gp3!;
    expect(attachedDriveAnnualCost(gp3, 1000, 5000, 0)).toBeCloseTo(1000 * 0.96 + 120);
  });
});

describe("deprecated shapes", () => {
  it("are left out of the catalogue: no `*.deprecated` name, nothing the price files mark deprecated or end-of-life", () => {
    const names = Object.keys(shapes.instances);
    expect(names.filter((n) => n.endsWith(".deprecated"))).toEqual([]);
    expect(Object.values(shapes.instances).filter((s) => s.lifecycle === "deprecated" || s.lifecycle === "end-of-life")).toEqual([]);
    for (const region of Object.values(defaultPriceTable.regions)) {
      expect(Object.keys(region.instances).filter((n) => n.endsWith(".deprecated"))).toEqual([]);
    }
    expect(regionHardware("us-east-1").instances.some((i) => i.name === "f5.large.deprecated")).toBe(false);
  });
});
