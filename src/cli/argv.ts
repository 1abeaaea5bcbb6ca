/**
 * Reading a command line before commander parses it: which area it names (what to load) and a
 * root option's value (--db, --lang), for what must happen first (src/cli/prefetch.ts, the
 * program's help language).
 */

/** Global options that take a value (so the word after them is not the noun). */
const VALUE_OPTIONS = new Set(['--db', '--as', '--lang']);

/** The first word of a command line that is not a global option, if any. */
export function commandNoun(argv: readonly string[]): string | undefined {
  return commandWords(argv, 1)[0];
}

/** The first `count` words of a command line that are not global options: its noun and verb (`sla sweep`). */
export function commandWords(argv: readonly string[], count: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < count; i++) {
    const a = argv[i];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words;
}

/**
 * An option's value read the way commander will (`--db X` or `--db=X`), before the program is
 * built: anywhere on the line, or with `rootOnly` only before the noun (the root's own options).
 */
export function optionValue(argv: readonly string[], flag: string, opts: { rootOnly?: boolean } = {}): string | undefined {
  const noun = opts.rootOnly ? commandNoun(argv) : undefined;
  for (let i = 0; i < argv.length && (noun === undefined || argv[i] !== noun); i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}
