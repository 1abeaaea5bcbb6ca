import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addCommand } from './add.js';
import { listCommand } from './list.js';
import { removeCommand } from './remove.js';

export function registerRoute(program: Command, ctx: Context): void {
  const cmd = new Command('route');
  cmd.addCommand(addCommand(ctx));
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(removeCommand(ctx));
  program.addCommand(cmd);
}
