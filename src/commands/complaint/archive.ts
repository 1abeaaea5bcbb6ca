import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function archiveCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'archive',
    configure: (c) => c.requiredOption('--reason <text>', 'why it is archived'),
    input: (o) => ({ action: 'archive', reason: o.reason }),
  });
}
