// The one organisation-settings row (id "org") and what it implies at run time: the regions, the passphrase source
// and its value, and the Pulumi backend operations use. Shared by the worker's resolution and the admin DTO, so the
// page shows exactly what an operation would get.
import "server-only";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { env, readEnvironmentVariable } from "@/lib/env";
import { OrgSettingsSchema, PassphraseSourceInputSchema, type OrgSettings } from "@/lib/schemas/org-settings";
import type { Db, Tx } from "../db/client";
import { openSecret } from "./secret-box";

export const ORG_SETTINGS_ID = "org";
/** Where the passphrase comes from when nothing is stored: Pulumi's own variable. */
export const DEFAULT_PASSPHRASE_VARIABLE = "PULUMI_CONFIG_PASSPHRASE";
/** A passphrase file larger than this is a wrong path (a log, a device), not a passphrase. */
const MAX_PASSPHRASE_FILE_BYTES = 4096;

export type OrgSettingsRow = Awaited<ReturnType<Db["orgSetting"]["findFirstOrThrow"]>>;

/** The passphrase source as stored: a stored value lives in passphraseCipher, never in this JSON. */
export type StoredPassphraseSource = { source: "env"; variable: string } | { source: "file"; path: string } | { source: "stored" };

export function findOrgSettingsRow(client: Tx): Promise<OrgSettingsRow | null> {
  return client.orgSetting.findUnique({ where: { id: ORG_SETTINGS_ID } });
}

/** The stored regions, validated again on the way out (the program trusts them). */
export function regionsOf(row: OrgSettingsRow | null): OrgSettings {
  return row ? OrgSettingsSchema.parse({ regions: row.regions }) : { regions: {} };
}

export function passphraseSourceOf(row: OrgSettingsRow | null): StoredPassphraseSource {
  if (!row) return { source: "env", variable: DEFAULT_PASSPHRASE_VARIABLE };
  const parsed = PassphraseSourceInputSchema.parse(row.passphraseSource);
  return parsed.source === "stored" ? { source: "stored" } : parsed;
}

/** A passphrase file's content without its trailing newline; null when missing, unreadable, not a file, empty or huge. */
async function readPassphraseFile(path: string): Promise<string | null> {
  try {
    const file = await open(path, "r");
    try {
      if (!(await file.stat()).isFile()) return null;
      const buffer = Buffer.alloc(MAX_PASSPHRASE_FILE_BYTES + 1);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      if (bytesRead > MAX_PASSPHRASE_FILE_BYTES) return null;
      const text = buffer
        .subarray(0, bytesRead)
        .toString("utf8")
        .replace(/\r?\n$/, "");
      return text === "" ? null : text;
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}

/** The passphrase itself, or null when its source has none (unset variable, unreadable file, nothing decryptable stored). */
export async function readPassphrase(source: StoredPassphraseSource, cipher: string | null): Promise<string | null> {
  switch (source.source) {
    case "env":
      return readEnvironmentVariable(source.variable) ?? null;
    case "file":
      return readPassphraseFile(source.path);
    case "stored":
      return cipher ? openSecret(cipher) : null;
  }
}

/** The file backend under the data directory: Pulumi wants an absolute path. */
export function defaultBackendUrl(): string {
  return `file://${resolve(env.DATA_DIR)}/pulumi-state`;
}

export type BackendSource = "settings" | "environment" | "default";

/** The backend operations use: PULUMI_BACKEND_URL (operators pin it), else the admin's setting, else the default. */
export function effectiveBackend(row: OrgSettingsRow | null): { url: string; from: BackendSource } {
  if (env.PULUMI_BACKEND_URL) return { url: env.PULUMI_BACKEND_URL, from: "environment" };
  if (row?.backendUrl) return { url: row.backendUrl, from: "settings" };
  return { url: defaultBackendUrl(), from: "default" };
}
