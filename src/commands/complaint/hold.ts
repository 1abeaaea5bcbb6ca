import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function holdCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'hold',
    configure: (c) => c.option('--reason <text>', 'why it waits'),
    input: (o) => ({ action: 'hold', reason: o.reason }),
  });
}
