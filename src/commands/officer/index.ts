import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { listCommand } from './list.js';
import { deactivateCommand } from './deactivate.js';

export function officerNoun(ctx: Context): Command {
  const cmd = new Command('officer');
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(deactivateCommand(ctx));
  return cmd;
}
