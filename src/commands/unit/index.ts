import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addCommand } from './add.js';
import { listCommand } from './list.js';

export function unitNoun(ctx: Context): Command {
  const cmd = new Command('unit');
  cmd.addCommand(addCommand(ctx));
  cmd.addCommand(listCommand(ctx));
  return cmd;
}
