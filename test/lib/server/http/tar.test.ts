// Downloads as .tar.gz, read back by the system's tar: long and non-ASCII paths, binary content and modes survive.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarGz, type TarEntry } from "@/lib/server/http/tar";

function extract(archive: Buffer): { dir: string; listing: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "portal-tar-"));
  writeFileSync(join(dir, "a.tar.gz"), archive);
  const listing = execFileSync("tar", ["-tzf", "a.tar.gz"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
  execFileSync("tar", ["-xzf", "a.tar.gz", "-C", dir], { cwd: dir });
  return { dir, listing };
}

describe("tarGz", () => {
  // ustar holds a path in a 100-byte name and a 155-byte prefix, split at a "/": the hand-written writer refused a
  // file name over 100 bytes and a path over 255; a PAX header carries them.
  it("writes paths longer than ustar's fields, non-ASCII names, binary and empty files, and modes, as the system tar reads them", async () => {
    const longName = `${"n".repeat(130)}.ts`;
    const deep = `${Array.from({ length: 12 }, (_, i) => `directory-${i}-${"d".repeat(20)}`).join("/")}/file.txt`;
    const entries: TarEntry[] = [
      { path: "project/Pulumi.yaml", content: 'name: "datastores"\n' },
      { path: `project/${longName}`, content: "export const long = true;\n" },
      { path: `project/${deep}`, content: "deep\n" },
      { path: "project/ünïcödé/データ.txt", content: "ünïcödé ✓\n" },
      { path: "project/empty.txt", content: "" },
      { path: "project/bin/run", content: new Uint8Array([0, 1, 2, 255, 254, 10]), mode: 0o755 },
    ];
    expect(Buffer.byteLength(longName)).toBeGreaterThan(100);
    expect(Buffer.byteLength(deep)).toBeGreaterThan(255);

    const archive = await tarGz(entries);
    expect([...archive.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const { dir, listing } = extract(archive);
    expect(listing.sort()).toEqual(entries.map((e) => e.path).sort());
    for (const e of entries) {
      const content = readFileSync(join(dir, e.path));
      expect(content.equals(Buffer.from(e.content)), e.path).toBe(true);
      expect(statSync(join(dir, e.path)).mode & 0o777, e.path).toBe(e.mode ?? 0o644);
    }
  });

  it("refuses a path that would land outside the directory it is extracted in", async () => {
    for (const path of ["/etc/passwd", "project/../../x", "", "project//x"]) {
      await expect(tarGz([{ path, content: "x" }])).rejects.toThrow(/not a relative file path/);
    }
  });
});
