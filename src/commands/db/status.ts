import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrationStatus, type MigrationStatus } from '../../db/migrate.js';
import { addOutputOptions, emitList, type OutputOptions, type Section } from '../../cli/output/index.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

/** A migration's state is a code (JSON: state, state_label); people read its label. */
const STATE = { applied: L.migration_applied, pending: L.migration_pending, unknown: L.migration_unknown } as const;

/** The migrations and their state: applied, pending, or unknown (applied by a newer lapor). */
export function migrationsSection(s: MigrationStatus): Section {
  return {
    name: 'migrations',
    title: L.migrations,
    columns: [{ key: 'name', header: L.migration }, { key: 'state', header: L.state, vocab: STATE }],
    rows: [
      ...s.applied.map((name) => ({ name, state: 'applied' })),
      ...s.pending.map((name) => ({ name, state: 'pending' })),
      ...s.unknown.map((name) => ({ name, state: 'unknown' })),
    ],
  };
}

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
      await emitList(ctx, migrationsSection(s), opts);
      ctx.info(migrationStatusLine(db.describe, s, ctx.lang));
      // Pending migrations are a finding a deploy script can gate on (graphile-migrate's status).
      if (s.pending.length > 0) ctx.exitCode = 3;
    });
  return addOutputOptions(cmd);
}
