import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function archiveCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'archive',
    description: 'archive a received complaint: unclear, duplicate or not actionable (super_admin)',
    configure: (c) => c.requiredOption('--reason <text>', 'why it is archived'),
    input: (o) => ({ action: 'archive', reason: o.reason }),
  });
}
