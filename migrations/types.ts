import type { Knex } from 'knex';

export interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export type MigrationEntry = readonly [name: string, module: MigrationModule];
