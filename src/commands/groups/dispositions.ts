import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { registerComplaint } from '../complaint/index.js';
import { registerDispatch } from '../dispatch/index.js';
import { registerRoute } from '../route/index.js';
import { sweepCommand } from '../sla/sweep.js';
import { noun } from '../noun.js';

/** Dispositions (docs/dispositions.md): the complaint life-cycle, bulk dispatch, routing rules, the auto-close sweep. */
export function register(program: Command, ctx: Context): void {
  registerComplaint(program, ctx);
  registerDispatch(program, ctx);
  registerRoute(program, ctx);
  noun(program, 'sla').addCommand(sweepCommand(ctx));
}
