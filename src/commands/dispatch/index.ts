import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { configureDispatchRun } from './run.js';
import { suggestCommand } from './suggest.js';

/** `lapor dispatch PLAN.csv` and `lapor dispatch suggest`. */
export function registerDispatch(program: Command, ctx: Context): void {
  const cmd = new Command('dispatch')
    .description('bulk dispatch: apply a plan CSV (tracking_id,action,target,reason), or `dispatch suggest` one from routing rules');
  cmd.addCommand(suggestCommand(ctx));
  configureDispatchRun(cmd, ctx);
  program.addCommand(cmd);
}
