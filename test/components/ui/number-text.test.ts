// What people type into number boxes, read as they mean it — or told how to write it.
import { describe, expect, it } from "vitest";
import { parseNumberText } from "@/components/ui/number-text";

describe("parseNumberText", () => {
  it.each([
    ["2,000", 2000],
    ["2 000", 2000],
    ["1_000_000", 1_000_000],
    ["2k", 2000],
    ["1.5M", 1_500_000],
    ["1.5m", 1_500_000],
    ["3B", 3e9],
    ["1.1k", 1100],
    ["1e5", 100_000],
    ["  42  ", 42],
    ["0.25", 0.25],
    [".5", 0.5],
  ])("reads the count %s as %d", (text, value) => {
    expect(parseNumberText(text)).toEqual({ ok: true, value });
  });

  it.each([
    ["500", 500],
    ["500 GiB", 500],
    ["500G", 500],
    ["2 TiB", 2048],
    ["1.5T", 1536],
  ])("reads the size %s as %d GiB", (text, value) => {
    expect(parseNumberText(text, "size")).toEqual({ ok: true, value });
  });

  it("leaves an empty box out", () => {
    expect(parseNumberText("  ")).toEqual({ ok: true, value: undefined });
  });

  it.each([["abc"], ["12abc"], ["1,00"], ["2kk"], ["1.2.3"], ["2 TiB"]])("says how to write %s instead of 'Invalid input'", (text) => {
    const parsed = parseNumberText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/is not a number: write it like 2,000, 2k or 1\.5M/);
  });

  it("does not take a count's scale for a size, or a size unit for a count", () => {
    expect(parseNumberText("2k", "size").ok).toBe(false);
    expect(parseNumberText("2 GiB", "count").ok).toBe(false);
  });
});
