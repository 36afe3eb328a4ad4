// What the worker reads from the settings: the regions, the Pulumi backend and passphrase by their precedence and
// source, and which settings a datastore still lacks — named by field.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import type { OrgSettings } from "@/lib/schemas/org-settings";
import { db } from "@/lib/server/db/client";
import { loadOrgSettings, missingSettings, resolvePulumiBackend } from "@/lib/server/settings/provisioning-settings";
import { deriveSecretKey, sealSecret } from "@/lib/server/settings/secret-box";
import { ORG, regionSettings, specFor } from "../../../infra/fixtures";

async function storeRow(data: { regions?: OrgSettings["regions"]; backendUrl?: string | null; passphraseSource: unknown; passphraseCipher?: string | null }) {
  const row = {
    regions: data.regions ?? {},
    backendUrl: data.backendUrl ?? null,
    passphraseSource: data.passphraseSource as object,
    passphraseCipher: data.passphraseCipher ?? null,
  };
  await db().orgSetting.upsert({ where: { id: "org" }, create: { id: "org", ...row }, update: row });
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await db().orgSetting.deleteMany();
});

describe("missingSettings", () => {
  // viewing-history: Cassandra in us-east-1 and eu-west-1, three zones per region.
  const spec = specFor("viewing-history");

  it("is empty when every region of the datastore has complete settings", () => {
    expect(missingSettings(spec, ORG)).toEqual([]);
  });

  it("names a region without settings", () => {
    const { "eu-west-1": _gone, ...regions } = ORG.regions;
    const errors = missingSettings(spec, { regions });
    expect(errors).toEqual([{ field: "org.regions.eu-west-1", message: expect.stringMatching(/^no organisation settings for region eu-west-1/) }]);
  });

  it("names the family image a region lacks", () => {
    const us = regionSettings("us-east-1", 1);
    const { cassandra: _none, ...imageIds } = us.imageIds;
    const errors = missingSettings(spec, { regions: { ...ORG.regions, "us-east-1": { ...us, imageIds } } });
    expect(errors).toEqual([{ field: "org.regions.us-east-1.imageIds.cassandra", message: "no image (AMI) id for cassandra in region us-east-1" }]);
  });

  it("names a region with fewer zones than the topology needs", () => {
    const zones = Math.max(...spec.topology.map((c) => c.zones));
    const errors = missingSettings(spec, {
      regions: { ...ORG.regions, "eu-west-1": regionSettings("eu-west-1", 3, ["a", "b", "c", "d", "e", "f"].slice(0, zones - 1)) },
    });
    expect(errors).toEqual([
      { field: "org.regions.eu-west-1.subnets", message: `region eu-west-1 has subnets in ${zones - 1} availability zone(s); the topology needs ${zones}` },
    ]);
  });

  it("names every gap at once", () => {
    expect(missingSettings(spec, { regions: {} }).map((e) => e.field)).toEqual(["org.regions.us-east-1", "org.regions.eu-west-1"]);
  });
});

describe("loadOrgSettings", () => {
  it("is empty until settings are stored, then the stored regions", async () => {
    expect(await loadOrgSettings(db())).toEqual({ regions: {} });
    await storeRow({ regions: ORG.regions, passphraseSource: { source: "stored" } });
    expect(await loadOrgSettings(db())).toEqual(ORG);
  });
});

describe("resolvePulumiBackend", () => {
  it("defaults to a file backend under the absolute data directory and PULUMI_CONFIG_PASSPHRASE", async () => {
    vi.stubEnv("PULUMI_CONFIG_PASSPHRASE", "from-the-environment");
    const backend = await resolvePulumiBackend(db());
    expect(backend).toEqual({ url: `file://${resolve(env.DATA_DIR)}/pulumi-state`, passphrase: "from-the-environment" });
    expect(backend.url).toMatch(/^file:\/\/\//);
    vi.stubEnv("PULUMI_CONFIG_PASSPHRASE", "");
    expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
  });

  it("uses the stored backend URL over the default", async () => {
    await storeRow({ backendUrl: "s3://state-bucket/pulumi", passphraseSource: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE" } });
    expect((await resolvePulumiBackend(db())).url).toBe("s3://state-bucket/pulumi");
  });

  it("lets PULUMI_BACKEND_URL override the stored backend URL", async () => {
    await storeRow({ backendUrl: "s3://state-bucket/pulumi", passphraseSource: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE" } });
    vi.stubEnv("PULUMI_BACKEND_URL", "gs://operator-pinned");
    // lib/env parses process.env once, at import: a fresh module graph sees the variable.
    vi.resetModules();
    const fresh = await import("@/lib/server/settings/provisioning-settings");
    expect((await fresh.resolvePulumiBackend(db())).url).toBe("gs://operator-pinned");
    vi.resetModules();
  });

  it("reads the passphrase from the environment variable the settings name", async () => {
    await storeRow({ passphraseSource: { source: "env", variable: "DATASTORE_STACK_PASSPHRASE" } });
    vi.stubEnv("PULUMI_CONFIG_PASSPHRASE", "not-this-one");
    expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
    vi.stubEnv("DATASTORE_STACK_PASSPHRASE", "named-variable-passphrase");
    expect((await resolvePulumiBackend(db())).passphrase).toBe("named-variable-passphrase");
  });

  it("reads the passphrase from a file without its trailing newline; null when the file is missing, empty or unreadable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "passphrase-"));
    try {
      const file = join(dir, "passphrase");
      writeFileSync(file, "file passphrase with spaces \n");
      await storeRow({ passphraseSource: { source: "file", path: file } });
      expect((await resolvePulumiBackend(db())).passphrase).toBe("file passphrase with spaces ");
      writeFileSync(file, "");
      expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
      await storeRow({ passphraseSource: { source: "file", path: dir } });
      expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
      await storeRow({ passphraseSource: { source: "file", path: join(dir, "missing") } });
      expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
      if (process.getuid?.() !== 0) {
        writeFileSync(file, "locked away\n");
        chmodSync(file, 0o000);
        await storeRow({ passphraseSource: { source: "file", path: file } });
        expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("decrypts a stored passphrase; null when none is stored or it was sealed under another key", async () => {
    await storeRow({ passphraseSource: { source: "stored" }, passphraseCipher: sealSecret("stored-stack-passphrase") });
    expect(await resolvePulumiBackend(db())).toMatchObject({ passphrase: "stored-stack-passphrase" });
    await storeRow({ passphraseSource: { source: "stored" }, passphraseCipher: null });
    expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
    await storeRow({
      passphraseSource: { source: "stored" },
      passphraseCipher: sealSecret("stored-stack-passphrase", deriveSecretKey("some-other-portal-secret-0123456789abcdef")),
    });
    expect((await resolvePulumiBackend(db())).passphrase).toBeNull();
  });
});
