import type { Knex } from 'knex';
import { migrations, type MigrationModule } from '../../migrations/index.js';
import { UnavailableError } from '../errors.js';

type Entry = readonly [string, MigrationModule];

/** Feeds knex's migrator the compiled, static list of migrations. */
const source: Knex.MigrationSource<Entry> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (m) => m[0],
  getMigration: async (m) => m[1],
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this version of lapor (a newer lapor ran here). */
  unknown: string[];
}

/**
 * The first migration of every database made before the migrations were squashed into
 * 0001_baseline. lapor was unreleased then: there is no upgrade path, such a database is recreated.
 */
const PRE_BASELINE_FIRST = '0001_core_schema';

export async function migrationStatus(knex: Knex): Promise<MigrationStatus> {
  const known = migrations.map((m) => m[0]);
  // One plain query, and no information_schema (knex's hasTable asks its views, which cost a
  // cold PGlite more than the rest of a small command; an aggregate here costs it more than the
  // rows): a missing table (42P01) reads as nothing applied. Not for use inside a transaction,
  // which the failed query would abort.
  const found: { rows: Array<{ id: number; name: string }> } = await knex.raw('select id, name from knex_migrations')
    .catch(async (err: { code?: string }) => {
      if (err.code === '42P01') return { rows: [] };
      throw err;
    });
  const applied = found.rows.sort((a, b) => a.id - b.id).map((r) => r.name);
  if (applied.includes(PRE_BASELINE_FIRST)) {
    throw new UnavailableError('this database was made by a pre-release lapor (before the 0001_baseline schema) '
      + 'and cannot be upgraded: recreate it (a new database or data directory, then `lapor init`)');
  }
  return {
    applied: applied.filter((n) => known.includes(n)),
    pending: known.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  await refuseUnknown(knex);
  const [, names] = (await knex.migrate.latest(config)) as [number, string[]];
  return names;
}

export async function rollback(knex: Knex, all = false): Promise<string[]> {
  await refuseUnknown(knex);
  const [, names] = (await knex.migrate.rollback(config, all)) as [number, string[]];
  return names;
}

/** Rolls back the newest `steps` migrations one at a time (knex's rollback goes by batch). */
export async function rollbackSteps(knex: Knex, steps: number): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < steps; i++) {
    const [, names] = (await knex.migrate.down(config)) as [number, string[]];
    if (names.length === 0) break;
    done.push(...names);
  }
  return done;
}

async function refuseUnknown(knex: Knex): Promise<void> {
  const { unknown } = await migrationStatus(knex);
  if (unknown.length > 0) {
    throw new UnavailableError(
      `this database was migrated by a newer lapor (unknown migrations: ${unknown.join(', ')}); upgrade lapor`,
    );
  }
}

/** Commands that read or write data call this first: a clear line instead of "relation does not exist". */
export async function assertSchemaCurrent(knex: Knex, where: string): Promise<void> {
  const s = await migrationStatus(knex);
  if (s.applied.length === 0) {
    throw new UnavailableError(`${where} has no lapor schema yet; run \`lapor init\` first`);
  }
  if (s.pending.length > 0) {
    throw new UnavailableError(
      `${where} is ${s.pending.length} migration(s) behind (${s.pending.join(', ')}); run \`lapor db migrate\``,
    );
  }
}
