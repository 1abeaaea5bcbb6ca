import type { Knex } from 'knex';

/**
 * 0043: sla_spans partitioned by the timer's institution (hash of inst, 8 partitions).
 *
 * Why: `report sla` aggregates millions of spans by institution. Over one table the aggregate is a
 * single hash table of several hundred thousand groups filled by the leader process alone (the
 * planner cannot split it across workers: it cannot estimate the number of groups of a computed
 * key). Partitioned by the grouping key, PostgreSQL aggregates each partition on its own
 * (partitionwise aggregation), in parallel workers, into hash tables an eighth the size that stay
 * in cache. Reports of one institution read one partition.
 *
 * A partitioned table cannot have a primary key without the partition key, and inst is null for
 * a complaint not yet disposed; the trigger of 0041 already keeps (complaint_id, timer, instance)
 * unique (it deletes a complaint's spans before inserting them), so the key becomes a plain index.
 * The trigger functions name sla_spans and need no change. Existing rows are copied over.
 */
const PARTITIONS = 8;

const INDEXES = [
  'create index sla_spans_complaint on sla_spans (complaint_id, timer, instance)',
  'create index sla_spans_inst on sla_spans (inst, timer)',
  'create index sla_spans_open on sla_spans (inst) where stop_at is null',
  'create index sla_spans_last_at on sla_spans (last_at) where timer = 1',
];

export const m0043 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw('alter table sla_spans rename to sla_spans_unpartitioned');
    await knex.raw('create table sla_spans (like sla_spans_unpartitioned including defaults) partition by hash (inst)');
    for (let r = 0; r < PARTITIONS; r++) {
      await knex.raw(`create table sla_spans_p${r} partition of sla_spans for values with (modulus ${PARTITIONS}, remainder ${r})`);
    }
    await knex.raw('insert into sla_spans select * from sla_spans_unpartitioned');
    await knex.raw('drop table sla_spans_unpartitioned');
    for (const sql of INDEXES) await knex.raw(sql);
    await knex.raw('analyze sla_spans');
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw('alter table sla_spans rename to sla_spans_partitioned');
    await knex.raw('create table sla_spans (like sla_spans_partitioned including defaults)');
    await knex.raw('insert into sla_spans select * from sla_spans_partitioned');
    await knex.raw('drop table sla_spans_partitioned');
    await knex.raw('alter table sla_spans add primary key (complaint_id, timer, instance)');
    await knex.raw('create index sla_spans_inst on sla_spans (inst, timer)');
    await knex.raw('create index sla_spans_open on sla_spans (inst) where stop_at is null');
    await knex.raw('create index sla_spans_last_at on sla_spans (last_at) where timer = 1');
    await knex.raw('create index sla_spans_held on sla_spans (complaint_id) where hold_from is not null');
  },
};
