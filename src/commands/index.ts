import type { Command } from 'commander';
import type { Context } from '../cli/context.js';
import { registerInit } from './init/index.js';
import { registerDb } from './db/index.js';
import { registerCalendar } from './calendar/index.js';

export type RegisterCommands = (program: Command, ctx: Context) => void;

/** Every noun of the CLI, in the order `lapor --help` lists them. */
export const commandGroups: RegisterCommands[] = [registerInit, registerDb, registerCalendar];
