/**
 * Getting PGlite's engine ready before the command runs: main() calls warmEngine first thing, so
 * that PGlite's WASM compiles on a background thread while the command line is parsed and the
 * command's modules load; the command then opens the database when it asks for it
 * (Context.db()), with only the boot left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compilePgliteWasm } from '../db/pglite-wasm.js';
import { parseDbTarget } from '../db/url.js';
import { commandNoun, optionValue } from './argv.js';

/** Nouns whose every command reads an existing database (not init/db, which may create one; not demo). */
const DATABASE_NOUNS = new Set(['calendar', 'institution', 'unit', 'officer', 'report', 'import', 'complaint', 'dispatch', 'route', 'sla']);

function opensDatabase(argv: readonly string[]): boolean {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V' || a === 'help')) return false;
  const noun = commandNoun(argv);
  return noun !== undefined && DATABASE_NOUNS.has(noun);
}

/**
 * Starts compiling PGlite's WASM when `argv` is a command that reads a database and that database
 * is an existing PGlite directory (a command refused for bad usage, or one on a server, gains
 * nothing). Touches no data directory: anything wrong with it is reported where it would be
 * without this.
 */
export function warmEngine(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (!opensDatabase(argv)) return;
  let target;
  try {
    target = parseDbTarget(optionValue(argv, '--db', { rootOnly: true }), env);
  } catch {
    return;
  }
  if (target.kind === 'pglite' && fs.existsSync(path.join(target.dir, 'PG_VERSION'))) void compilePgliteWasm();
}
