// `dsp --help`, `dsp <group> --help` and `dsp <command> --help`, from the command table.
import { COMMANDS, GLOBAL_OPTIONS, groups, type CommandSpec, type OptionSpec } from "./command-table";
import { EXIT_CODE_HELP } from "./exit-codes";

const pad = (s: string, n: number) => (s.length >= n ? `${s}  ` : s + " ".repeat(n - s.length));

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0))) + 2;
  const lines = COMMANDS.map((c) => `  ${pad(c.args ? `${c.name} ${c.args}` : c.name, width)}${c.summary}`);
  return `dsp — the Datastore Portal from the command line and CI

Usage: dsp <command> [flags]

Commands:
${lines.join("\n")}

Global flags:
${optionLines(GLOBAL_OPTIONS)}

Environment:
  DSP_URL, DSP_TOKEN   the portal and API token (override what \`dsp login\` stored)
  XDG_CONFIG_HOME      where the login is kept (datastore-portal/config.json; default ~/.config)

${EXIT_CODE_HELP}

Errors print the portal's problem title and detail, and each invalid field.
\`dsp <command> --help\` shows a command's flags and examples.
`;
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string {
  const entries = Object.entries(options).map(
    ([name, o]) => [`${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`, o.description] as const,
  );
  const width = Math.max(...entries.map(([l]) => l.length)) + 2;
  return entries.map(([l, d]) => `  ${pad(l, width)}${d}`).join("\n");
}

export function commandHelp(c: CommandSpec): string {
  const options = { ...(c.options ?? {}), ...GLOBAL_OPTIONS };
  const flags = Object.keys(c.options ?? {}).length > 0 ? " [flags]" : "";
  return `dsp ${c.name} — ${c.summary}

Usage: dsp ${c.name}${c.args ? ` ${c.args}` : ""}${flags}

Flags:
${optionLines(options)}
${c.notes ? `\n${c.notes}\n` : ""}
Examples:
${c.examples.map((e) => `  ${e}`).join("\n")}

${EXIT_CODE_HELP}
`;
}

export function groupHelp(group: string): string | null {
  const commands = groups().get(group);
  if (!commands) return null;
  const width = Math.max(...commands.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0))) + 2;
  return `Usage: dsp ${group} <command>

Commands:
${commands.map((c) => `  ${pad(c.args ? `${c.name} ${c.args}` : c.name, width)}${c.summary}`).join("\n")}

\`dsp ${group} <command> --help\` shows its flags and examples.
`;
}
