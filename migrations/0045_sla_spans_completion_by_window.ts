import type { Knex } from 'knex';
import { refreshByIndexSql, refreshSomeSql } from './0044_sla_spans_refresh_by_index.js';

/**
 * 0045: the completion timer's start without a join, so no span refresh can go quadratic.
 *
 * The completion timer starts at the first dispose to the complaint's current institution. Up to
 * 0044 the refresh found it by joining a per-(complaint, institution) aggregate of the events to
 * the per-complaint one. Inside sla_spans_refresh_some (generic plan, unnest(ids) estimated at 10
 * rows, tables without statistics during a bulk import) the planner estimated both sides at a few
 * rows and joined them by a nested loop with a join filter: 4,000 × 4,000 comparisons per import
 * chunk. Measured with auto_explain in a 40,000-row import: 1.1 s of a 1.3–2.0 s refresh per chunk
 * (7,998,000 rows removed by the join filter), the largest single cost of the whole import.
 *
 * Now each event carries its complaint's last holder (`last_value` over the events' own window, the
 * same sort) and the per-complaint aggregate takes the first dispose to it: one pass, no join, the
 * same spans. Both refresh paths (by index and by `= any`) and the full rebuild take the new rule.
 */
export const m0045 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw(refreshSomeSql('window'));
    await knex.raw(refreshByIndexSql('window'));
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw(refreshSomeSql());
    await knex.raw(refreshByIndexSql());
  },
};
