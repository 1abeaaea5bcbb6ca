import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function returnCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'return',
    configure: (c) => c.requiredOption('--reason <text>', 'why it is not yours'),
    input: (o) => ({ action: 'return_any', reason: o.reason }),
  });
}
