import type { Command } from 'commander';
import type { Context } from '../cli/context.js';
import { registerInit } from './init/index.js';
import { registerDb } from './db/index.js';
import { registerCalendar } from './calendar/index.js';
import { register as registerRegistry } from './groups/registry.js';
import { register as registerImports } from './groups/imports.js';
import { register as registerDispositions } from './groups/dispositions.js';
import { register as registerSla } from './groups/sla.js';
import { registerCompletion } from './completion/index.js';
import { registerDemo } from './demo/index.js';

export type RegisterCommands = (program: Command, ctx: Context) => void;

/** Every area of the CLI, in the order `lapor --help` lists them. */
export const commandGroups: RegisterCommands[] = [
  registerDemo,
  registerInit,
  registerDb,
  registerCalendar,
  registerRegistry,
  registerImports,
  registerDispositions,
  registerSla,
  registerCompletion,
];
