import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { textOf, transitionCommand } from './transition.js';

export function respondCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'respond',
    configure: (c) => c.option('--text <text>', 'the follow-up').option('--file <file>', 'read the follow-up from FILE'),
    input: (o) => ({ action: 'respond', body: textOf(o, 'follow-up') }),
  });
}
