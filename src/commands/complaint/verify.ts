import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { transitionCommand } from './transition.js';

export function verifyCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'verify',
    configure: (c) => c.requiredOption('--dispose-to <institution>', 'institution code, e.g. 32.73 or KEMENPANRB')
      .option('--reason <text>', 'note on the disposition'),
    input: (o) => ({ action: 'dispose', disposeTo: o.disposeTo, reason: o.reason }),
  });
}
