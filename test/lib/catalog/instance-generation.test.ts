import { describe, expect, it } from "vitest";
import { currentFamilies, familyOfType, instanceGeneration, parseFamily } from "@/lib/catalog/instance-generation";

describe("instanceGeneration", () => {
  it("flags what AWS lists as previous generation and keeps the newer families current", () => {
    for (const old of ["m4.xlarge", "r4.2xlarge", "c4.large", "i3.2xlarge", "i3en.3xlarge", "m3.medium", "i2.xlarge"])
      expect(instanceGeneration(old), old).toBe("previous");
    for (const now of ["m5.xlarge", "m6id.xlarge", "m8id.2xlarge", "r6g.xlarge", "i4i.2xlarge", "i7ie.3xlarge", "c5.large", "r8i.large"])
      expect(instanceGeneration(now), now).toBe("current");
  });

  it("does not judge a series the catalogue does not know", () => {
    expect(instanceGeneration("t2.micro")).toBe("current");
    expect(instanceGeneration("weird")).toBe("current");
  });

  it("parses family names and types", () => {
    expect(parseFamily("m6idn")).toEqual({ series: "m", generation: 6 });
    expect(parseFamily("i3en")).toEqual({ series: "i", generation: 3 });
    expect(familyOfType("m8id.2xlarge")).toBe("m8id");
    expect(currentFamilies()).toContain("m8id");
    expect(currentFamilies()).not.toContain("m4");
  });
});
