import { Argument, Command } from 'commander';
import type { Context } from '../../cli/context.js';

interface Node {
  path: string;
  words: string[];
}

/** Every command path with the words that may follow it (sub-commands and options). */
function walk(cmd: Command, path: string[], out: Node[]): void {
  const words = [
    ...cmd.commands.map((c) => c.name()),
    ...cmd.options.map((o) => o.long ?? o.short ?? '').filter(Boolean),
  ];
  out.push({ path: path.join(' '), words });
  for (const sub of cmd.commands) walk(sub, [...path, sub.name()], out);
}

/** Options that take a value, so the word after them is not taken for a sub-command. */
function valueOptions(cmd: Command, acc = new Set<string>()): Set<string> {
  for (const o of cmd.options) {
    if (!(o.required || o.optional)) continue;
    if (o.long) acc.add(o.long);
    if (o.short) acc.add(o.short);
  }
  for (const sub of cmd.commands) valueOptions(sub, acc);
  return acc;
}

export function bashScript(program: Command): string {
  const nodes: Node[] = [];
  walk(program, [], nodes);
  const cases = nodes
    .map((n) => `    "${n.path}") words="${n.words.join(' ')}" ;;`)
    .join('\n');
  const takesValue = [...valueOptions(program)].join('|');
  return `# bash completion for lapor; install: lapor completion bash > /etc/bash_completion.d/lapor
_lapor() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" skip="" words="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ -n $skip ]]; then skip=""; continue; fi
    case "$w" in
      ${takesValue}) skip=1; continue ;;
      -*) continue ;;
    esac
    path="\${path:+$path }$w"
  done
  case "$path" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _lapor lapor
`;
}

export function zshScript(program: Command): string {
  return `# zsh completion for lapor; install: lapor completion zsh > "\${fpath[1]}/_lapor" or eval "$(lapor completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashScript(program)}`;
}

export function completionCommand(ctx: Context, program: Command): Command {
  return new Command('completion')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      ctx.io.stdout.write(shell === 'bash' ? bashScript(program) : zshScript(program));
    });
}
