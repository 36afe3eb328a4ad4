// The secret that signs session cookies: BETTER_AUTH_SECRET, or one generated on first start and kept under
// DATA_DIR so sessions survive restarts. Never a constant in the code: a known secret forges every session.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

export const SECRET_FILE_NAME = "auth-secret";

function readSecret(file: string): string | undefined {
  try {
    const text = readFileSync(file, "utf8").trim();
    return text.length >= 32 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The configured secret, else the one persisted in `dataDir` (created with mode 0600 the first time). */
export function resolveAuthSecret(opts: { configured?: string | undefined; dataDir: string }): string {
  if (opts.configured) return opts.configured;
  const dir = isAbsolute(opts.dataDir) ? opts.dataDir : resolve(opts.dataDir);
  const file = join(dir, SECRET_FILE_NAME);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  try {
    // "wx": when two processes start at once, the second one reads the first one's secret instead.
    writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const written = readSecret(file);
  if (!written) throw new Error(`Could not read the session secret from ${file}`);
  return written;
}
