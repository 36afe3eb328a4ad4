// Finding the Pulumi CLI: the `pulumi` executable on a PATH the caller gives (the portal passes its own), checked by
// running `pulumi version`. The answer is cached briefly so the provisioner banner can ask on every request.
import { access, constants, mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation/index.js";

export const NO_CLI_MESSAGE =
  "No Pulumi CLI on this machine's PATH: install it (https://www.pulumi.com/docs/install/ — e.g. `curl -fsSL https://get.pulumi.com | sh`) and restart the portal. Everything except provisioning keeps working.";

/** Inline programs for refresh and destroy need `--client`, added in 3.181. */
const MINIMUM_VERSION = [3, 181, 0] as const;

export type CliLookup = { command: PulumiCommand; version: string; message: string } | { command: null; version: string | null; message: string };

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `pulumi` executable on a PATH string. */
export async function findOnPath(searchPath: string): Promise<string | null> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(path.resolve(dir), "pulumi");
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

function tooOld(version: string): boolean {
  const parts = version.replace(/^v/, "").split(/[.-]/).map(Number);
  for (let i = 0; i < MINIMUM_VERSION.length; i += 1) {
    const have = parts[i] ?? 0;
    if (have !== MINIMUM_VERSION[i]) return have < (MINIMUM_VERSION[i] as number);
  }
  return false;
}

/**
 * The Automation API runs `<root>/bin/pulumi`. A CLI found in a directory not named `bin` gets one: a link under
 * the portal's data directory.
 */
async function rootOf(binary: string, dataDir: string): Promise<string> {
  const dir = path.dirname(binary);
  if (path.basename(dir) === "bin") return path.dirname(dir);
  const root = path.join(path.resolve(dataDir), "pulumi-cli");
  await mkdir(path.join(root, "bin"), { recursive: true });
  const link = path.join(root, "bin", "pulumi");
  await rm(link, { force: true });
  await symlink(binary, link);
  return root;
}

/** Looks for the CLI and runs `pulumi version`. Never throws: a missing or broken CLI is an answer. */
export async function lookupCli(options: { searchPath: string; binary?: string; dataDir: string }): Promise<CliLookup> {
  const binary = options.binary ?? (await findOnPath(options.searchPath));
  if (!binary || !(await isExecutable(binary))) return { command: null, version: null, message: NO_CLI_MESSAGE };
  let command: PulumiCommand;
  try {
    command = await PulumiCommand.get({ root: await rootOf(binary, options.dataDir), skipVersionCheck: true });
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split("\n").find((l) => l.trim()) ?? "it failed";
    return {
      command: null,
      version: null,
      message: `The Pulumi CLI at ${binary} does not run (\`pulumi version\`: ${reason.trim()}): reinstall it (https://www.pulumi.com/docs/install/) and restart the portal. Everything except provisioning keeps working.`,
    };
  }
  const version = command.version?.toString() ?? null;
  if (!version)
    return {
      command: null,
      version: null,
      message: `The Pulumi CLI at ${binary} did not report a version: reinstall it (https://www.pulumi.com/docs/install/) and restart the portal.`,
    };
  if (tooOld(version)) {
    return {
      command: null,
      version,
      message: `The Pulumi CLI at ${binary} is v${version}; provisioning needs v${MINIMUM_VERSION.join(".")} or later: update it (https://www.pulumi.com/docs/install/) and restart the portal. Everything except provisioning keeps working.`,
    };
  }
  return { command, version, message: `Pulumi CLI v${version}.` };
}
