import type { Knex } from 'knex';
import type { MigrationEntry } from '../types.js';

/** 0030: the sweep and the work queues look complaints up by status (oldest first). */
const m0030 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw('create index if not exists complaints_status_received on complaints (status, received_at)');
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw('drop index if exists complaints_status_received');
  },
};

/** This area's migrations, each [name, module]; names sort into apply order. */
export const migrations: MigrationEntry[] = [['0030_complaints_status_index', m0030]];
