import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function forwardCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'forward',
    configure: (c) => c.requiredOption('--to <unit>', 'unit code within the institution, e.g. DISHUB')
      .option('--reason <text>', 'note to the unit'),
    input: (o) => ({ action: 'forward', toUnit: o.to, reason: o.reason }),
  });
}
