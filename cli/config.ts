// Where `dsp login` keeps the portal's address and the token: $XDG_CONFIG_HOME/datastore-portal/config.json (else
// ~/.config/…), the directory 0700 and the file 0600, since the token acts for its person. DSP_URL and DSP_TOKEN
// override what is stored (CI sets them and never logs in).
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, EXIT } from "./exit-codes";

export interface StoredConfig {
  url: string;
  token: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith("/") ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), ".config");
  return join(base, "datastore-portal", "config.json");
}

export function readConfig(env: Env): StoredConfig | null {
  const path = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(EXIT.failure, `Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<StoredConfig>;
    if (typeof parsed.url === "string" && typeof parsed.token === "string") return { url: parsed.url, token: parsed.token };
  } catch {
    // Reported below.
  }
  throw new CliError(EXIT.failure, `${path} is not a dsp configuration; run dsp login again (or delete the file).`);
}

/** Writes the file whole (a temporary file renamed over it), readable by its owner only. */
export function writeConfig(env: Env, config: StoredConfig): string {
  const path = configPath(env);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

export function removeConfig(env: Env): boolean {
  const path = configPath(env);
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

export interface Credentials {
  url: string;
  token: string;
  /** Where each came from, for whoami and error messages. */
  source: { url: "env" | "config"; token: "env" | "config" };
}

/** The portal and token to use: DSP_URL / DSP_TOKEN over the stored ones; a usage error when either is missing. */
export function resolveCredentials(env: Env): Credentials {
  const stored = env.DSP_URL && env.DSP_TOKEN ? null : readConfig(env);
  const url = env.DSP_URL || stored?.url;
  const token = env.DSP_TOKEN || stored?.token;
  if (!url || !token) {
    throw new CliError(EXIT.usage, "Not logged in: run `dsp login --url https://portal.example.com`, or set DSP_URL and DSP_TOKEN.");
  }
  return { url, token, source: { url: env.DSP_URL ? "env" : "config", token: env.DSP_TOKEN ? "env" : "config" } };
}
