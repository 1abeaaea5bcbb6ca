import type { Knex } from 'knex';
import { refreshFunctionSql, refreshNamedByAny, spansInsertSql, type CompletionRule } from './0041_sla_spans.js';

/**
 * 0044: sla_spans_refresh finds a statement's complaints by index, whatever the statistics say.
 *
 * 0041 selects them with `complaint_id = any(ids)`. During a bulk import complaint_events and the
 * partitions of sla_spans grow faster than autovacuum analyses them, and the planner, taking the
 * default of 200 distinct complaints, estimated most of each table per statement and chose
 * sequential scans of complaint_events and of every sla_spans partition. The import writes one
 * statement per 4,000 complaints, so each chunk re-read all the history written so far (measured at
 * 1M events: 300 ms of the trigger's 660 ms per chunk, and growing with the table). A refresh of
 * a known set of complaints is a few index probes per complaint: the events are read per complaint
 * through a LATERAL subquery, and the rest runs with sequential scans disabled, with a generic
 * plan (a custom plan inlines the 4,000 ids as constants, and estimating and partition-pruning
 * those took longer than the work) and without JIT (the overestimated costs made PostgreSQL
 * compile the statement, 0.1–2 s per chunk). These are SETs on the function; the full rebuild
 * (ids null: the migration backfill) and statements of more than 50,000 complaints keep the
 * planner's choice. The span rules are 0041's. Measured, one 4,000-complaint chunk at 1M events:
 * its events COPY took 737 ms with 0041's refresh and 369 ms with this one (72 ms without the trigger).
 */
// Each complaint's events by one probe of complaint_events_pkey: a LATERAL subquery with OFFSET 0
// is not flattened into a join, so the planner cannot swap it for a scan of the whole table.
// Distinct ids: a caller may name a complaint twice (the complaints trigger passes old and new id).
const EVENTS_BY_INDEX = `(select distinct u.id from unnest(ids) u(id)) k cross join lateral (
    select * from complaint_events e0 where e0.complaint_id = k.id offset 0) e`;

// Above this many complaints a statement's refresh keeps the planner's own plan: the index path's
// generic plan takes a few rows per step, and over a million complaints its nested loops would
// not end (a bulk import writes 4,000 or 10,000 per statement). The setting lapor.spans_refresh_many
// overrides it (tests take both paths on small data).
const MANY = 50_000;

/** sla_spans_refresh_some(ids): the named complaints' spans, found by index (0045 passes its completion rule). */
export function refreshSomeSql(completion: CompletionRule = 'join'): string {
  return `
create or replace function sla_spans_refresh_some(ids bigint[]) returns void language plpgsql
set enable_seqscan = off set plan_cache_mode = force_generic_plan set jit = off as $fn$
begin
  delete from sla_spans where complaint_id = any(ids);
  ${spansInsertSql('true', 'c.id = any(ids)', EVENTS_BY_INDEX, completion)};
end
$fn$`;
}

/** sla_spans_refresh(ids) that sends sets of up to MANY complaints to sla_spans_refresh_some. */
export function refreshByIndexSql(completion: CompletionRule = 'join'): string {
  return refreshFunctionSql(`if cardinality(ids) > coalesce(nullif(current_setting('lapor.spans_refresh_many', true), '')::int, ${MANY}) then
      -- many complaints at once (a COPY of a whole history): scans and hash joins are right
      ${refreshNamedByAny(completion)}
    else
      perform sla_spans_refresh_some(ids);
    end if;`, completion);
}

export const m0044 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw(refreshSomeSql());
    await knex.raw(refreshByIndexSql());
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw(refreshFunctionSql());
    await knex.raw('drop function if exists sla_spans_refresh_some(bigint[])');
  },
};
