import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrateCommand } from './migrate.js';
import { statusCommand } from './status.js';
import { rollbackCommand } from './rollback.js';
import { rolesCommand } from './roles.js';

export function registerDb(program: Command, ctx: Context): void {
  const db = new Command('db');
  db.addCommand(migrateCommand(ctx));
  db.addCommand(statusCommand(ctx));
  db.addCommand(rollbackCommand(ctx));
  db.addCommand(rolesCommand(ctx));
  program.addCommand(db);
}
