import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { completionCommand } from './completion.js';

export function registerCompletion(program: Command, ctx: Context): void {
  program.addCommand(completionCommand(ctx, program));
}
