import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrateLatest } from '../../db/migrate.js';

export function migrateCommand(ctx: Context): Command {
  return new Command('migrate')
    .action(async () => {
      const db = await ctx.db({ schema: false });
      const applied = await migrateLatest(db.knex);
      ctx.out(applied.length ? applied.map((n) => `applied ${n}`).join('\n') : `${db.describe}: schema already up to date`);
    });
}
