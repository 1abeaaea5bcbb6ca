import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrationStatus, type MigrationStatus } from '../../db/migrate.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

/** What db status says on stderr, in `lang`: the counts, and `lapor db migrate` when some are pending. */
export function migrationStatusLine(db: string, s: MigrationStatus, lang: Lang): string {
  return fmt(L.migration_status, lang, {
    db, applied: s.applied.length, pending: s.pending.length,
    unknown: s.unknown.length ? fmt(L.migrations_unknown, lang, { n: s.unknown.length }) : '',
    hint: s.pending.length ? t(L.run_db_migrate, lang) : '',
  });
}

export function statusCommand(ctx: Context): Command {
  const cmd = new Command('status')
    .action(async (opts: OutputOptions) => {
      const db = await ctx.db({ schema: false });
      const s = await migrationStatus(db.knex);
      const rows = [
        ...s.applied.map((name) => ({ name, state: 'applied' })),
        ...s.pending.map((name) => ({ name, state: 'pending' })),
        ...s.unknown.map((name) => ({ name, state: 'unknown (from a newer lapor)' })),
      ];
      await emitList(ctx, {
        name: 'migrations',
        title: 'Migrations',
        columns: [{ key: 'name', header: 'migration' }, { key: 'state', header: 'state' }],
        rows,
      }, opts);
      ctx.info(migrationStatusLine(db.describe, s, ctx.lang));
      // Pending migrations are a finding a deploy script can gate on (graphile-migrate's status).
      if (s.pending.length > 0) ctx.exitCode = 3;
    });
  return addOutputOptions(cmd);
}
