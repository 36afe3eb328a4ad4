// Which instance types are of a previous generation: older than the three newest generations their class has in the
// catalogue.
import { describe, expect, it } from "vitest";
import { shapes } from "@/lib/catalog";
import { currentFamilies, familyOfType, instanceGeneration, parseInstanceType } from "@/lib/catalog/instance-generation";

describe("instanceGeneration", () => {
  it("calls the three newest generations a class has current and older ones previous", () => {
    expect(instanceGeneration("m8id.2xlarge")).toBe("current");
    expect(instanceGeneration("m6id.xlarge")).toBe("current");
    expect(instanceGeneration("m5d.xlarge")).toBe("previous");
    expect(instanceGeneration("m4.large")).toBe("previous");
    expect(instanceGeneration("r5.large")).toBe("previous");
    expect(instanceGeneration("r6i.large")).toBe("current");
    // The i class has generations 3, 4 and 7 (AWS skipped 5 and 6): all three are current.
    expect(instanceGeneration("i3en.2xlarge")).toBe("current");
    expect(instanceGeneration("i4i.xlarge")).toBe("current");
    expect(instanceGeneration("i7ie.2xlarge")).toBe("current");
    expect(instanceGeneration("c5d.large")).toBe("previous");
  });

  it("does not know classes or names the catalogue has not got", () => {
    expect(instanceGeneration("x2gd.large")).toBe("unknown");
    expect(instanceGeneration("nonsense")).toBe("unknown");
    expect(parseInstanceType("m6idn.8xlarge")).toEqual({ series: "m", generation: 6 });
  });

  it("has, for every class in the catalogue, a current generation to move to", () => {
    const classes = new Set(Object.keys(shapes.instances).map((n) => parseInstanceType(n)?.series));
    for (const series of classes) {
      expect(Object.keys(shapes.instances).some((n) => parseInstanceType(n)?.series === series && instanceGeneration(n) === "current")).toBe(true);
    }
  });

  it("reads families as well as types, and lists the current families a modernisation may move to", () => {
    expect(parseInstanceType("i3en")).toEqual({ series: "i", generation: 3 });
    expect(instanceGeneration("m5d")).toBe("previous");
    expect(familyOfType("m8id.2xlarge")).toBe("m8id");
    expect(currentFamilies()).toContain("m8id");
    expect(currentFamilies()).not.toContain("m5d");
  });
});
