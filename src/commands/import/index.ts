import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { noun } from '../noun.js';
import { complaintsCommand } from './complaints.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { revertCommand } from './revert.js';
import { mapCommand } from './map.js';
import { valuesCommand } from './values.js';
import { eventsCommand } from './events.js';

export function registerImport(program: Command, ctx: Context): void {
  const imp = noun(program, 'import');
  imp.addCommand(complaintsCommand(ctx));
  imp.addCommand(eventsCommand(ctx));
  imp.addCommand(listCommand(ctx));
  imp.addCommand(showCommand(ctx));
  imp.addCommand(revertCommand(ctx));
  imp.addCommand(mapCommand(ctx));
  imp.addCommand(valuesCommand(ctx));
}
