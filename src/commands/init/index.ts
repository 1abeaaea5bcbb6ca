import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { initCommand } from './init.js';

export function registerInit(program: Command, ctx: Context): void {
  program.addCommand(initCommand(ctx));
}
