// dsp completion bash|zsh: a completion script generated from the command table (commands, subcommands, flags).
import type { CommandContext, CommandInfo } from "../context";
import { EXIT, usageError } from "../exit-codes";

const topWords = (commands: readonly CommandInfo[]) => [...new Set(commands.map((c) => c.name.split(" ")[0] ?? ""))];

function groups(commands: readonly CommandInfo[]): Map<string, CommandInfo[]> {
  const out = new Map<string, CommandInfo[]>();
  for (const c of commands) {
    const [group, sub] = c.name.split(" ");
    if (group && sub) out.set(group, [...(out.get(group) ?? []), c]);
  }
  return out;
}

export function bashScript(commands: readonly CommandInfo[]): string {
  const subs = [...groups(commands)].map(([g, cs]) => `    ${g}) words="${cs.map((c) => c.name.split(" ")[1]).join(" ")}" ;;`).join("\n");
  const flags = commands.map((c) => `    "${c.name}") flags="${c.flags.join(" ")}" ;;`).join("\n");
  return `# dsp bash completion: source <(dsp completion bash)
_dsp() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words="" flags="" cmd=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${topWords(commands).join(" ")}" -- "$cur") ); return
  fi
  case "\${COMP_WORDS[1]}" in
${subs}
  esac
  if [ "$COMP_CWORD" -eq 2 ] && [ -n "$words" ] && [[ "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") ); return
  fi
  if [ -n "$words" ]; then cmd="\${COMP_WORDS[1]} \${COMP_WORDS[2]}"; else cmd="\${COMP_WORDS[1]}"; fi
  case "$cmd" in
${flags}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$flags" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -F _dsp dsp
`;
}

export function zshScript(commands: readonly CommandInfo[]): string {
  const top = topWords(commands)
    .map((w) => {
      const c = commands.find((x) => x.name === w || x.name.startsWith(`${w} `));
      return `'${w}:${(groups(commands).has(w) ? `${w} commands` : (c?.summary ?? "")).replace(/'/g, "")}'`;
    })
    .join(" ");
  const subs = [...groups(commands)]
    .map(([g, cs]) => `      ${g}) _describe 'command' '(${cs.map((c) => `"${c.name.split(" ")[1]}:${c.summary.replace(/['"]/g, "")}"`).join(" ")})' ;;`)
    .join("\n");
  const flags = commands.map((c) => `      "${c.name}") _arguments '*:file:_files' ${c.flags.map((f) => `'${f}'`).join(" ")} ;;`).join("\n");
  return `#compdef dsp
# dsp zsh completion: dsp completion zsh > "\${fpath[1]}/_dsp"
_dsp() {
  local -a top; top=(${top})
  if (( CURRENT == 2 )); then _describe 'command' top; return; fi
  if (( CURRENT == 3 )); then
    case $words[2] in
${subs}
    esac
  fi
  local cmd=$words[2]
  case $words[2] in ${[...groups(commands).keys()].join("|")}) cmd="$words[2] $words[3]" ;; esac
  case $cmd in
${flags}
  esac
}
compdef _dsp dsp
`;
}

export async function run(ctx: CommandContext) {
  const shell = ctx.positionals[0];
  if (shell === "bash") ctx.io.stdout.write(bashScript(ctx.commands));
  else if (shell === "zsh") ctx.io.stdout.write(zshScript(ctx.commands));
  else throw usageError(`dsp completion takes bash or zsh, not "${shell}".`);
  return EXIT.ok;
}
