/**
 * Getting PGlite's engine ready before the command runs, for a command on an existing PGlite data
 * directory:
 * - tuneEngine (called by bin/lapor.js, which owns the process) chooses how V8 compiles PGlite's
 *   WASM for this command;
 * - warmEngine (main() calls it first thing) starts that compilation on a background thread while
 *   the command line is parsed and the command's modules load; the command then opens the database
 *   when it asks for it (Context.db()), with only the boot left.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { compilePgliteWasm } from '../db/pglite-wasm.js';
import { parseDbTarget } from '../db/url.js';
import { commandWords, optionValue } from './argv.js';

/** Nouns whose every command reads an existing database (not init/db, which may create one; not demo). */
const DATABASE_NOUNS = new Set(['calendar', 'institution', 'unit', 'officer', 'report', 'import', 'complaint', 'dispatch', 'route', 'sla']);

/**
 * Commands (a noun: all its verbs) whose work grows with the database or the input file: the bulk
 * import and its revert, the reports, the sweep, dispatch (a plan, or suggesting one for every
 * received complaint), a complaint listing.
 */
export const LONG_COMMANDS: ReadonlySet<string> = new Set(['import complaints', 'import events', 'import revert', 'report', 'sla sweep', 'dispatch', 'complaint list']);

/** The existing PGlite data directory `argv`'s command will read, if it is one (undefined for a server, bad usage, help). */
function pgliteCommandDir(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V' || a === 'help')) return undefined;
  const [noun] = commandWords(argv, 1);
  if (noun === undefined || !DATABASE_NOUNS.has(noun)) return undefined;
  let target;
  try {
    target = parseDbTarget(optionValue(argv, '--db', { rootOnly: true }), env);
  } catch {
    return undefined;
  }
  return target.kind === 'pglite' && fs.existsSync(path.join(target.dir, 'PG_VERSION')) ? target.dir : undefined;
}

function isLongCommand(argv: readonly string[]): boolean {
  const [noun, verb] = commandWords(argv, 2);
  return LONG_COMMANDS.has(noun ?? '') || LONG_COMMANDS.has(`${noun} ${verb}`);
}

/**
 * For a short command on PGlite, V8 compiles PGlite's WASM with its baseline compiler only
 * (Liftoff). By default V8 also recompiles the functions that run hot with its optimising compiler
 * (TurboFan) on background threads; those compilations compete with PGlite's boot for the CPU, and
 * the process waits for the ones still queued before it can exit. Only a command that works long
 * (LONG_COMMANDS) runs the optimised code long enough to win that back, so only it keeps V8's default.
 *
 * A V8 flag holds for the whole process, so only the process's owner sets it, before the first WASM
 * compilation and after the bundle's code cache was read (V8 rejects a cache made under other flags).
 */
export function tuneEngine(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (wasmCompilerFor(argv, env) === 'baseline') v8.setFlagsFromString('--liftoff-only');
}

/** How V8 should compile PGlite's WASM for `argv`'s command: its baseline compiler only, or as V8 chooses. */
export function wasmCompilerFor(argv: readonly string[], env: NodeJS.ProcessEnv): 'baseline' | 'default' {
  return pgliteCommandDir(argv, env) !== undefined && !isLongCommand(argv) ? 'baseline' : 'default';
}

/**
 * Starts compiling PGlite's WASM when `argv` is a command that reads a database and that database
 * is an existing PGlite directory (a command refused for bad usage, or one on a server, gains
 * nothing). Touches no data directory: anything wrong with it is reported where it would be
 * without this.
 */
export function warmEngine(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (pgliteCommandDir(argv, env) !== undefined) void compilePgliteWasm();
}
