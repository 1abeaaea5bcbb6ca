import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { registerImport } from '../import/index.js';

/** Registers the commands of this area (see docs/import.md): `lapor import complaints|list|show`. */
export function register(program: Command, ctx: Context): void {
  registerImport(program, ctx);
}
