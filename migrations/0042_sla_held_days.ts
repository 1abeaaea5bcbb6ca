import type { Knex } from 'knex';

/**
 * 0042: sla_held_days, the whole working days a verification timer spent on hold, from its hold
 * windows (sla_spans.hold_from / hold_to, instants; days in WIB, as the national admin's timer)
 * and the calendar handed in as arrays (workday_no and is_workday by day from d0 on).
 *
 * Why a function: reports look working-day numbers up in arrays built once per statement instead
 * of joining calendar_days per timer (a hash probe per row, the main cost of a report over
 * millions of spans). The hold windows are the one place that needs a loop, and a correlated
 * subquery there would keep the whole statement out of parallel workers; a PARALLEL SAFE
 * function does not. Immutable: the result depends on its arguments only.
 *
 * A window ending on day b counts the working days after its start day a, up to b, less b itself
 * when b is a working day (resumed during it): greatest(0, no(b) − working(b) − no(a)). A day
 * outside the calendar's range counts nothing, as the joins it replaces did.
 */
const local = (col: string) => `(date '1970-01-01' + ((extract(epoch from ${col})::bigint + 25200) / 86400)::int)`;

export const m0042 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw(`
      create or replace function sla_held_days(hold_from timestamptz[], hold_to timestamptz[], wn int[], iw boolean[], d0 date)
      returns int language sql immutable parallel safe as $fn$
        select coalesce(sum(greatest(0, wn[${local('h.t')} - d0 + 1] - iw[${local('h.t')} - d0 + 1]::int
                                        - wn[${local('h.f')} - d0 + 1])), 0)::int
        from unnest(hold_from, hold_to) h(f, t)
      $fn$`);
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw('drop function if exists sla_held_days(timestamptz[], timestamptz[], int[], boolean[], date)');
  },
};
