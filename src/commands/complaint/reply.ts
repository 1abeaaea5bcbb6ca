import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { textOf, transitionCommand } from './transition.js';

export function replyCommand(ctx: Context): Command {
  return transitionCommand(ctx, {
    name: 'reply',
    configure: (c) => c.option('--text <text>', "the reporter's reply").option('--file <file>', 'read the reply from FILE'),
    input: (o) => ({ action: 'reply', body: textOf(o, 'reply') }),
  });
}
