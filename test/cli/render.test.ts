// How dsp lays out what it prints: padded tables with right-aligned numbers and wrapped cells, the plan table, the
// progress bar and the event stream reader.
import { describe, expect, it } from "vitest";
import { SseParser } from "@/cli/sse";
import { dollars, dollarsDelta, renderTable, wrap } from "@/cli/table";
import { renderPlans } from "@/cli/render";
import { progressBar } from "@/cli/watch";
import { planWorkload } from "@/lib/planner";
import { WorkloadSchema } from "@/lib/schemas/workload";

describe("tables", () => {
  it("pads columns to their widest cell, right-aligns numbers and trims trailing space", () => {
    const text = renderTable(
      [
        { name: "a", n: 5 },
        { name: "longer", n: 12345 },
      ],
      [
        { header: "NAME", cell: (r) => r.name },
        { header: "N", cell: (r) => String(r.n), align: "right" },
      ],
    );
    expect(text).toBe("NAME        N\na           5\nlonger  12345\n");
  });

  it("wraps a long cell within its column at spaces, and cuts a word longer than the column", () => {
    expect(wrap("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    const text = renderTable(
      [{ a: "x", why: "one two three four" }],
      [
        { header: "A", cell: (r) => r.a },
        { header: "WHY", cell: (r) => r.why, maxWidth: 9 },
      ],
    );
    expect(text.split("\n")).toEqual(["A  WHY", "x  one two", "   three", "   four", ""]);
  });

  it("writes whole dollars with separators and signed deltas", () => {
    expect(dollars(12345.67)).toBe("$12,346");
    expect(dollarsDelta(1200.4)).toBe("+$1,200");
    expect(dollarsDelta(-300)).toBe("-$300");
    expect(dollarsDelta(0.2)).toBe("$0");
  });

  it("shows every ranked plan with family, shape, nodes, monthly and annual cost and why", () => {
    const workload = WorkloadSchema.parse({
      name: "cdn-cache",
      tier: 1,
      accessPattern: "key-value",
      readsPerSecond: 300_000,
      writesPerSecond: 30_000,
      readItemBytes: 200,
      writeItemBytes: 200,
      datasetGiB: 40,
      readLatencyP99Ms: 1,
      consistency: "best-effort",
      durability: "rebuildable",
      regions: ["us-east-1"],
    });
    const result = planWorkload({ workload, alternatives: 3 });
    const lines = renderPlans(result).split("\n");
    expect(lines[0]).toBe("Plans for evcache (recommended)");
    expect(lines[1]).toMatch(/^RANK\s+FAMILY\s+SHAPE\s+NODES\s+MONTHLY\s+ANNUAL\s+WHY$/);
    result.plans.forEach((p, i) => {
      const nodes = p.clusters.reduce((n, c) => n + c.nodes, 0);
      const row = lines.find((l) => l.trimStart().startsWith(`${p.rank} `));
      expect(row, `rank ${i + 1}`).toContain(`${p.clusters[0]?.instanceType} × ${p.clusters[0]?.nodesPerZone}/zone`);
      expect(row).toContain(` ${nodes} `);
      expect(row).toContain(dollars(p.annualCost));
      expect(row).toContain(dollars(p.monthlyCost));
    });
  });

  it("draws a progress bar of steps done out of planned", () => {
    expect(progressBar(5, 10, 10)).toBe("[#####-----] 5/10");
    expect(progressBar(12, 10, 10)).toBe("[##########] 10/10");
    expect(progressBar(3, null, 4)).toBe("[----] 3 steps");
  });
});

describe("the event stream reader", () => {
  it("joins events split across chunks, keeps the last id, skips comments", () => {
    const p = new SseParser();
    expect(p.push(': heartbeat\n\nid: 1\nevent: operation-event\ndata: {"a"')).toEqual([]);
    expect(p.push(":1}\n\nid: 2\r\nevent: end\r\ndata: {}\r\n\r\n")).toEqual([
      { event: "operation-event", id: "1", data: '{"a":1}' },
      { event: "end", id: "2", data: "{}" },
    ]);
    expect(p.push("data: line one\ndata: line two\n\n")).toEqual([{ event: "message", id: "2", data: "line one\nline two" }]);
  });
});
