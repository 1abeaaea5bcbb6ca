import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { workdaysCommand } from './workdays.js';
import { addCommand } from './add.js';

export function registerCalendar(program: Command, ctx: Context): void {
  const cal = new Command('calendar');
  cal.addCommand(importCommand(ctx));
  cal.addCommand(listCommand(ctx));
  cal.addCommand(workdaysCommand(ctx));
  cal.addCommand(addCommand(ctx));
  program.addCommand(cal);
}
