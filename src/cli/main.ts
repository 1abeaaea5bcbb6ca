import { CommanderError } from 'commander';
import { Context, type Io } from './context.js';
import { buildProgram } from './program.js';
import { warmEngine } from './prefetch.js';
import { describePgError, ExitCode, exitCodeForPgError, isPgError, LaporError, OutputError, pgErrorPrefix } from '../errors.js';
import { outputError } from './output/write.js';
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
  const stdoutFailure = guardStdout(io);
  let code: number;
  try {
    if (!deps.db) warmEngine(argv, ctx.env);
    const program = await buildProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
    code = ctx.exitCode;
  } catch (err) {
    code = reportError(ctx, err, debug);
  }
  try {
    await ctx.close();
  } catch (err) {
    // Closing can fail too (the PGlite lock was taken away meanwhile): never exit 0 then. After a
    // failure already reported, the first line stays the only one.
    if (code === 0 || code === ExitCode.failOn) code = reportError(ctx, err, debug);
  }
  if (stdoutFailure.error) {
    if (stdoutFailure.error.message && !stdoutFailure.reported) ctx.io.stderr.write(`lapor: ${stdoutFailure.error.message}\n`);
    stdoutFailure.reported = true;
    return ExitCode.cannotWrite;
  }
  stdoutFailure.done = true;
  return code;
}

/**
 * Standard output that cannot be written (a full disk behind `> file`, /dev/full, a closed pipe)
 * emits an 'error' event, which unhandled would crash with a stack trace. It becomes exit 74 with
 * one line; a broken pipe (`lapor … | head`) is silent: the reader chose to stop.
 */
function guardStdout(io: Io): { error?: OutputError; reported: boolean; done: boolean } {
  const state: { error?: OutputError; reported: boolean; done: boolean } = { reported: false, done: false };
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (state.error) return;
    state.error = err.code === 'EPIPE' ? new OutputError('') : outputError('standard output', err);
    if (state.done && io.stdout === process.stdout) {
      // main had already returned: the process's exit code is all that is left to set.
      if (state.error.message) io.stderr.write(`lapor: ${state.error.message}\n`);
      state.reported = true;
      process.exitCode = ExitCode.cannotWrite;
    }
  });
  return state;
}

function reportError(ctx: Context, err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    return ExitCode.usage;
  }
  const line = (s: string) => ctx.io.stderr.write(`${ctx.redact(s)}\n`);
  if (err instanceof LaporError) {
    line(`lapor: ${err.message}`);
    for (const d of err.details) line(`  ${d}`);
    if (debug && err.stack) line(err.stack);
    return err.exitCode;
  }
  if (isPgError(err)) {
    const code = exitCodeForPgError(err.code);
    const [first, ...rest] = describePgError(err);
    line(`lapor: ${pgErrorPrefix(code)}${first}`);
    for (const l of rest) line(`  ${l}`);
    if (code !== ExitCode.unexpected) {
      if (debug && err.stack) line(err.stack);
      return code;
    }
  } else {
    line(`lapor: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (debug && err instanceof Error && err.stack) line(err.stack);
  else line('lapor: run again with --debug for details, and report it if it persists');
  return ExitCode.unexpected;
}

export { tuneEngine } from './prefetch.js';
