import type { Knex } from 'knex';

/**
 * complaint_events is the biggest table (3–5 rows per complaint) and the bulk import writes it at
 * COPY speed. Every foreign key there costs an index probe per row, and the holder columns are
 * written only by lapor's own life-cycle and import code, which resolve institutions and units
 * before writing. So: keep the key that matters (complaint_id → complaints, and Citus co-location by
 * it) and drop the holder and actor keys and the unused (kind, at) index. Measured on the import
 * path before this change: events into PGlite 14.6 s with the keys, 8.1 s without (330k rows).
 */
const HOLDER_FKS = [
  ['actor_id', 'officers'],
  ['from_institution_id', 'institutions'],
  ['to_institution_id', 'institutions'],
  ['from_unit_id', 'units'],
  ['to_unit_id', 'units'],
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('complaint_events', (t) => {
    for (const [column] of HOLDER_FKS) t.dropForeign([column]);
  });
  await knex.raw('drop index if exists complaint_events_kind_at');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index complaint_events_kind_at on complaint_events (kind, at)');
  await knex.schema.alterTable('complaint_events', (t) => {
    for (const [column, table] of HOLDER_FKS) t.foreign(column).references('id').inTable(table);
  });
}
