import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { listCommand } from './list.js';
import { deactivateCommand } from './deactivate.js';

export function officerNoun(ctx: Context): Command {
  const cmd = new Command('officer').description('officers named by decrees: Pembina, Penanggungjawab, Admin Instansi, Pejabat Penghubung');
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(deactivateCommand(ctx));
  return cmd;
}
