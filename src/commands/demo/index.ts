import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { demoCommand } from './demo.js';

export function registerDemo(program: Command, ctx: Context): void {
  program.addCommand(demoCommand(ctx));
}
