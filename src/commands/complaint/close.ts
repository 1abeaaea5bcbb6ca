import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function closeCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'close',
    configure: (c) => c.option('--reason <text>', 'note'),
    input: (o) => ({ action: 'close', reason: o.reason }),
  });
}
