import type { Knex } from 'knex';
import type { MigrationEntry } from '../types.js';

/**
 * 0010: what the institution registry needs on top of the core schema.
 * - one decree in force per institution (the others are superseded);
 * - a unit's end date, so a unit dropped by a newer decree keeps its history;
 * - look-ups by NIP (officers are matched across decrees by NIP) and of the complaints a unit holds.
 */
const m0010 = {
  async up(knex: Knex): Promise<void> {
    // superseded_at is set first when a newer decree arrives, then superseded_by once it has an id.
    await knex.raw('create unique index decrees_one_current on decrees (institution_id) where superseded_at is null');
    await knex.schema.alterTable('units', (t) => {
      t.date('active_to');
    });
    await knex.raw('create index officers_nip on officers (nip) where nip is not null');
    await knex.raw(`create index if not exists complaints_unit_held on complaints (unit_id) where status = 'with_unit'`);
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw('drop index if exists complaints_unit_held');
    await knex.raw('drop index if exists officers_nip');
    await knex.schema.alterTable('units', (t) => {
      t.dropColumn('active_to');
    });
    await knex.raw('drop index if exists decrees_one_current');
  },
};

/** This area's migrations, each [name, module]; names sort into apply order. */
export const migrations: MigrationEntry[] = [['0010_registry_decrees', m0010]];
