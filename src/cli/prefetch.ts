/**
 * Getting PGlite's engine ready before the command runs:
 * - tuneEngine (called by bin/lapor.js, which owns the process) chooses how V8 compiles PGlite's
 *   WASM for the command;
 * - warmEngine (main() calls it first thing), for a command on an existing PGlite data directory,
 *   starts that compilation on a background thread while the command line is parsed and the
 *   command's modules load; the command then opens the database when it asks for it
 *   (Context.db()), with only the boot left.
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
 * Commands (a noun: all its verbs) that write in bulk, as much as their input file or the whole
 * database holds: the import and its revert, the sweep (which judges every stopped timer), a
 * dispatch plan, a migration.
 */
export const BULK_WRITERS: ReadonlySet<string> = new Set(['import complaints', 'import events', 'import revert', 'sla sweep', 'dispatch', 'db migrate', 'db rollback']);

/** Whether `argv`'s command reads an existing PGlite data directory (not a server, bad usage, help). */
function readsExistingPglite(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V' || a === 'help')) return false;
  const [noun] = commandWords(argv, 1);
  if (noun === undefined || !DATABASE_NOUNS.has(noun)) return false;
  let target;
  try {
    target = parseDbTarget(optionValue(argv, '--db', { rootOnly: true }), env);
  } catch {
    return false;
  }
  return target.kind === 'pglite' && fs.existsSync(path.join(target.dir, 'PG_VERSION'));
}

function isBulkWriter(argv: readonly string[]): boolean {
  const [noun, verb] = commandWords(argv, 2);
  return BULK_WRITERS.has(noun ?? '') || BULK_WRITERS.has(`${noun} ${verb}`);
}

/**
 * V8 compiles PGlite's WASM with its baseline compiler (Liftoff) and, by default, recompiles the
 * functions that run hot with its optimising compiler (TurboFan) on background threads. Those
 * compilations compete with PGlite for the CPU, and a process waits for the ones still queued
 * before it can exit; the optimised code wins that back only in a command that runs PGlite for
 * many seconds. So every command but the bulk writers (BULK_WRITERS) has V8 use its baseline
 * compiler only: small commands, the reports over 100,000 complaints, init and the demo all finish
 * sooner that way, the bulk import does not (bench/README.md, Start-up, has the figures). On
 * PostgreSQL no WASM is compiled and the setting changes nothing.
 *
 * A V8 flag holds for the whole process, so only the process's owner (bin/lapor.js) sets it: after
 * the bundle's code cache was read (V8 rejects a cache made under other flags), before the first
 * WASM compilation.
 */
export function tuneEngine(argv: readonly string[]): void {
  if (wasmCompilerFor(argv) === 'baseline') v8.setFlagsFromString('--liftoff-only');
}

/** How V8 should compile PGlite's WASM for `argv`'s command: with its baseline compiler only, or as V8 chooses. */
export function wasmCompilerFor(argv: readonly string[]): 'baseline' | 'default' {
  return isBulkWriter(argv) ? 'default' : 'baseline';
}

/**
 * Starts compiling PGlite's WASM when `argv` is a command that reads a database and that database
 * is an existing PGlite directory (a command refused for bad usage, or one on a server, gains
 * nothing). Touches no data directory: anything wrong with it is reported where it would be
 * without this.
 */
export function warmEngine(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (readsExistingPglite(argv, env)) void compilePgliteWasm();
}
