import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function resumeCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'resume',
    configure: (c) => c.option('--reason <text>', 'note'),
    input: (o) => ({ action: 'resume', reason: o.reason }),
  });
}
