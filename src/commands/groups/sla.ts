import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';

/** Registers the commands of this area (see docs/). */
export function register(_program: Command, _ctx: Context): void {}
