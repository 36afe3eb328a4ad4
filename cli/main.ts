// The `dsp` entry point: finds the command in the table, parses its flags, loads and runs its module, and turns what
// it throws into a message and an exit code. Nothing heavy is imported here: `dsp --help` loads no schema.
import { parseArgs } from "node:util";
import { COMMANDS, findCommand, GLOBAL_OPTIONS, groups, type CommandSpec } from "./command-table";
import { apiClient } from "./api";
import { resolveCredentials } from "./config";
import type { CommandContext, FlagValue, Io } from "./context";
import { CliError, EXIT, exitCodeOfStatus, usageError, type ExitCode } from "./exit-codes";
import { commandHelp, groupHelp, mainHelp } from "./help";

function parseFlags(command: CommandSpec, argv: string[]): { flags: Record<string, FlagValue>; positionals: string[] } {
  const options = { ...(command.options ?? {}), ...GLOBAL_OPTIONS };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return { flags: values as Record<string, FlagValue>, positionals };
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--fmaily'").
    throw usageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, "")}. See \`dsp ${command.name} --help\`.`);
  }
}

interface ProblemLike {
  name: string;
  status: number;
  title: string;
  detail: string;
  fieldErrors: readonly { field: string; message: string }[];
}

const isProblem = (e: unknown): e is ProblemLike => e instanceof Error && e.name === "ApiProblem" && typeof (e as Partial<ProblemLike>).status === "number";

/** Prints an error (to stderr, or as JSON on stdout with --json) and says which code to exit with. */
export function reportError(error: unknown, io: Io, json: boolean): ExitCode {
  if (isProblem(error)) {
    const code = exitCodeOfStatus(error.status);
    if (json)
      io.stdout.write(
        `${JSON.stringify({ error: { status: error.status, title: error.title, detail: error.detail, fieldErrors: error.fieldErrors } }, null, 2)}\n`,
      );
    else {
      io.stderr.write(`error: ${error.title} (${error.status})${error.detail && error.detail !== error.title ? `: ${error.detail}` : ""}\n`);
      for (const f of error.fieldErrors) io.stderr.write(`  ${f.field}: ${f.message}\n`);
    }
    return code;
  }
  if (error instanceof CliError) {
    if (json) io.stdout.write(`${JSON.stringify({ error: { message: error.message, details: error.details } }, null, 2)}\n`);
    else {
      io.stderr.write(`error: ${error.message}\n`);
      for (const d of error.details) io.stderr.write(`  ${d}\n`);
    }
    return error.code;
  }
  const message = error instanceof Error ? error.message : String(error);
  // fetch's "fetch failed" hides the reason (ECONNREFUSED…) in its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  if (json) io.stdout.write(`${JSON.stringify({ error: { message: `${message}${cause}` } }, null, 2)}\n`);
  else io.stderr.write(`error: ${message}${cause}\n`);
  return EXIT.failure;
}

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const json = argv.includes("--json");
  try {
    const found = findCommand(argv);
    if (!found) {
      const first = argv.find((a) => !a.startsWith("-"));
      if (first && groups().has(first)) {
        io[argv.includes("--help") || argv.includes("-h") ? "stdout" : "stderr"].write(groupHelp(first) ?? "");
        return argv.includes("--help") || argv.includes("-h") ? EXIT.ok : EXIT.usage;
      }
      if (!first) {
        // `dsp --help` asked for it; a bare `dsp` is a usage mistake.
        const asked = argv.includes("--help") || argv.includes("-h");
        (asked ? io.stdout : io.stderr).write(mainHelp());
        return asked ? EXIT.ok : EXIT.usage;
      }
      throw usageError(`Unknown command "${first}". Commands: ${[...new Set(COMMANDS.map((c) => c.name.split(" ")[0]))].join(", ")}. See \`dsp --help\`.`);
    }
    const { command, rest } = found;
    const { flags, positionals } = parseFlags(command, rest);
    if (flags.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const [min, max] = command.positionals ?? [0, 0];
    if (positionals.length < min) throw usageError(`dsp ${command.name} needs ${command.args ?? "an argument"}. See \`dsp ${command.name} --help\`.`);
    if (positionals.length > max)
      throw usageError(`dsp ${command.name} takes ${max === 0 ? "no arguments" : `only ${command.args}`}; unexpected "${positionals[max]}".`);

    let credentials: ReturnType<typeof resolveCredentials> | undefined;
    const creds = () => (credentials ??= resolveCredentials(io.env));
    const ctx: CommandContext = {
      commands: COMMANDS.map((c) => ({ name: c.name, summary: c.summary, flags: Object.keys({ ...c.options, ...GLOBAL_OPTIONS }).map((f) => `--${f}`) })),
      name: command.name,
      flags,
      positionals,
      json,
      io,
      baseUrl: () => creds().url,
      client: () => apiClient(creds().url, creds().token),
      token: () => creds().token,
    };
    const mod = await command.load();
    return (await mod.run(ctx)) ?? EXIT.ok;
  } catch (error) {
    return reportError(error, io, json);
  }
}
