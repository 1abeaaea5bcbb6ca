import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function returnCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'return',
    description: 'return a complaint: a unit back to its admin (liaison), an institution back to the national admin as Bukan Wewenang (admin)',
    configure: (c) => c.requiredOption('--reason <text>', 'why it is not yours'),
    input: (o) => ({ action: 'return_any', reason: o.reason }),
  });
}
