import { CommanderError } from 'commander';
import { Context, type Io } from './context.js';
import { buildProgram } from './program.js';
import { commandNoun } from '../commands/index.js';
import { describePgError, ExitCode, isPgError, LaporError } from '../errors.js';
import type { Db } from '../db/engine.js';

export interface MainDeps {
  io?: Io;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** An already open database to run on (lapor demo, in-process tests); the caller closes it. */
  db?: Db;
}

/** Runs one lapor command line and returns its exit code; the only place errors become exit codes. */
export async function main(argv: string[], deps: MainDeps = {}): Promise<number> {
  const io = deps.io ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const ctx = new Context(io, deps.env ?? process.env, deps.now, deps.db);
  const debug = argv.includes('--debug');
  try {
    if (opensDatabase(argv)) ctx.prefetchDb(globalDbOption(argv));
    const program = await buildProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    return reportError(ctx, err, debug);
  } finally {
    await ctx.close();
  }
}

/** Nouns whose every command reads an existing database (not init/db, which may create one; not demo). */
const DATABASE_NOUNS = new Set(['calendar', 'institution', 'unit', 'officer', 'report', 'import', 'complaint', 'dispatch', 'route', 'sla']);

function opensDatabase(argv: readonly string[]): boolean {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V' || a === 'help')) return false;
  const noun = commandNoun(argv);
  return noun !== undefined && DATABASE_NOUNS.has(noun);
}

/** The root's --db value, read the way commander will (`--db X` or `--db=X`) before the program is built. */
function globalDbOption(argv: readonly string[]): string | undefined {
  const noun = commandNoun(argv);
  for (let i = 0; i < argv.length && argv[i] !== noun; i++) {
    if (argv[i] === '--db') return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice('--db='.length);
  }
  return undefined;
}

function reportError(ctx: Context, err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    return ExitCode.usage;
  }
  const line = (s: string) => ctx.io.stderr.write(`${s}\n`);
  if (err instanceof LaporError) {
    line(`lapor: ${err.message}`);
    for (const d of err.details) line(`  ${d}`);
    if (debug && err.stack) line(err.stack);
    return err.exitCode;
  }
  if (isPgError(err)) {
    for (const l of describePgError(err)) line(`lapor: ${l}`);
  } else {
    line(`lapor: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (debug && err instanceof Error && err.stack) line(err.stack);
  else line('lapor: run again with --debug for details, and report it if it persists');
  return ExitCode.unexpected;
}
