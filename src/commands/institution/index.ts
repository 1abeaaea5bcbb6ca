import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { registerCommand } from './register.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';

export function institutionNoun(ctx: Context): Command {
  const cmd = new Command('institution');
  cmd.addCommand(registerCommand(ctx));
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(showCommand(ctx));
  return cmd;
}
