import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrateLatest } from '../../db/migrate.js';
import { fmt, L, type Lang } from '../../i18n/index.js';

/** What db migrate did, in the run's language: one line per migration applied, its name last (scripts read it). */
export function migratedLines(applied: string[], db: string, lang: Lang): string[] {
  return applied.length ? applied.map((name) => fmt(L.migration_applied_line, lang, { name })) : [fmt(L.schema_up_to_date, lang, { db })];
}

export function migrateCommand(ctx: Context): Command {
  return new Command('migrate')
    .action(async () => {
      const db = await ctx.db({ schema: false });
      const applied = await migrateLatest(db.knex);
      ctx.out(migratedLines(applied, db.describe, ctx.lang).join('\n'));
    });
}
