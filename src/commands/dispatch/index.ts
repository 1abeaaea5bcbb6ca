import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { configureDispatchRun } from './run.js';
import { suggestCommand } from './suggest.js';

/** `lapor dispatch PLAN.csv` and `lapor dispatch suggest`. */
export function registerDispatch(program: Command, ctx: Context): void {
  const cmd = new Command('dispatch')
    ;
  cmd.addCommand(suggestCommand(ctx));
  configureDispatchRun(cmd, ctx);
  program.addCommand(cmd);
}
