import type { Knex } from 'knex';
import * as m0001 from './0001_core_schema.js';
import * as m0002 from './0002_default_sla_profile.js';

export interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, in order. A static list (not a directory scan) so the compiled CLI and the
 * TypeScript tests see exactly the same set. Add new files at the end; never reorder.
 */
export const migrations: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ['0001_core_schema', m0001],
  ['0002_default_sla_profile', m0002],
];
