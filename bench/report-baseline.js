// The best hand-written SQL we could write for the SLA figures per institution and timer, for the
// benchmark to compare the engine with. It reads the same schema (sla_spans, the trigger-maintained
// calendar- and profile-independent spans of sla_spans_of, and calendar_days.workday_no) and is
// specialised to the bench: the default profile's targets as constants, no scope, no profile
// look-ups, no unit attribution, no rule-5 year flags, and no complaints with events after the
// instant (it checks that: the bench's histories all end before BENCH_NOW). Otherwise the same
// rules (DESIGN §6, issue 16: the hold rule for the one hold window the bench's spans have at the
// most, returned in time as its own state, a close by the sweep counting its window), and the same
// histogram percentiles
// (percentile_cont's interpolation over whole working days). It uses the engine's techniques too:
// working-day numbers looked up in arrays built once per statement (not joined per span), a
// two-column aggregate key (the institution and one packed integer of working days used, timer,
// state and stopped; the state is decided per span here, per group in the engine), and the same
// parallel cost settings.
const T = { v: 3, ff: 5, ac: 10, c: { aspirasi: 5, permintaan_informasi: 5, pengaduan: 14, pengaduan_berkadar_pengawasan: 60 } };
const NAMES = ['verification', 'first_follow_up', 'completion', 'auto_close'];
// The calendar as arrays indexed by day − d0 + 1, read once per statement (CTE p).
const WN = (d) => `(select wn from p)[${d} - (select d0 from p) + 1]`;
const IW = (d) => `(select iw from p)[${d} - (select d0 from p) + 1]`;
const judged = `coalesce(s.stop_day, sla_local_day(s.paused_at, s.tzh), case s.tzh when 8 then (select d8 from p) when 9 then (select d9 from p) else (select d7 from p) end)`;
const target = `case s.timer when 1 then ${T.v} when 2 then ${T.ff} when 4 then ${T.ac}
  else case s.class when 'aspirasi' then ${T.c.aspirasi} when 'permintaan_informasi' then ${T.c.permintaan_informasi}
                    when 'pengaduan' then ${T.c.pengaduan} else ${T.c.pengaduan_berkadar_pengawasan} end end`;
// The hold rule for one window (the bench's spans have at most one; handWrittenSla checks): the days
// date(hold) < d ≤ date(resume) are given back; the deadline moves when the hold began before it.
const ha = `sla_local_day(s.hold_from[1], 7)`;
const hb = `sla_local_day(s.hold_to[1], 7)`;
const back = `coalesce(${WN(hb)} - ${WN(ha)}, 0)`;
const holds = (field) => field === 'given_back'
  ? `case when s.hold_from is null then 0 else ${back} end`
  : `coalesce(s.hold_from is not null and ${judged} > ${ha} and ${judged} <= ${hb}, false)`;
const sweep = `(s.timer = 4 and s.stop_kind = 'auto_close')`;
const used = `(case when ${sweep} then ${T.ac} else ${WN(judged)} - ${WN('s.start_day')} - ${holds('given_back')} end)::bigint`;
// The state (0 met, 1 breached, 2 open within, 3 open late, 4 returned) from d = working days used
// (+1 when judged on a day that is not counted) − target.
const d = `(${used} + ((not ${IW(judged)}) or ${holds('judged_given_back')})::int - ${target})`;
const state = `case when s.stop_at is null then 2 + (${d} > 0)::int when ${sweep} then 0
  when ${d} > 0 then 1 when s.stop_kind = 'return' then 4 else 0 end`;
// The key: used | timer (2 bits) | state (3) | stopped (1).
const code = `(((${used} * 4 + (s.timer - 1)) * 8 + ${state}) * 2 + (s.stop_at is not null)::int)`;

/** The floor: a bare group by over the same spans (no calendar, no rules): what any report must at least read. */
export async function floorScan(knex) {
  await knex.raw('set local parallel_setup_cost = 100');
  await knex.raw('set local parallel_tuple_cost = 0.01');
  const r = await knex.raw(`select s.inst, s.timer, count(*)::int as n, count(s.stop_at)::int as stopped
                            from sla_spans s where not s.confidential group by 1, 2`);
  await knex.raw('set local parallel_setup_cost to default');
  await knex.raw('set local parallel_tuple_cost to default');
  return r.rows;
}

export async function handWrittenSla(knex, asOf) {
  const later = await knex.raw('select count(*)::int as n from sla_spans where timer = 1 and last_at > :asOf', { asOf });
  if (later.rows[0].n > 0) throw new Error('the hand-written baseline assumes no event after the instant');
  const windows = await knex.raw('select coalesce(max(cardinality(hold_from)), 0)::int as n from sla_spans where hold_from is not null');
  if (windows.rows[0].n > 1) throw new Error('the hand-written baseline assumes at most one hold window per span');
  await knex.raw('set local enable_sort = off');
  await knex.raw('set local parallel_setup_cost = 100');
  await knex.raw('set local parallel_tuple_cost = 0.01');
  const r = await knex.raw(`
with p as (
  select sla_local_day(:asOf::timestamptz, 7) as d7, sla_local_day(:asOf::timestamptz, 8) as d8, sla_local_day(:asOf::timestamptz, 9) as d9,
         min(day) as d0, array_agg(workday_no order by day) as wn, array_agg(is_workday order by day) as iw
  from calendar_days),
hq as (
  select s.inst, ${code} as code,
         count(*)::int as n
  from sla_spans s where not s.confidential group by 1, 2),
h as (
  select inst, ((code >> 4) & 3)::int + 1 as timer, (code & 1) = 1 as stopped, (code >> 6)::int as used, ((code >> 1) & 7)::int as st, n from hq),
a as (
  select inst, timer, coalesce(sum(n) filter (where st = 0), 0)::int as met, coalesce(sum(n) filter (where st = 1), 0)::int as breached,
         coalesce(sum(n) filter (where st = 2), 0)::int as open_within, coalesce(sum(n) filter (where st = 3), 0)::int as open_late,
         coalesce(sum(n) filter (where st = 4), 0)::int as returned
  from h group by 1, 2),
hc as (
  select inst, timer, used, sum(n) over (partition by inst, timer order by used) as cum, sum(n) over (partition by inst, timer) as tot
  from (select inst, timer, used, sum(n) as n from h where stopped group by 1, 2, 3) hs),
pc as (
  select inst, timer, max(tot)::float8 as tot,
         min(used) filter (where cum > floor(0.5::float8 * (tot - 1))) as m_lo, min(used) filter (where cum > ceil(0.5::float8 * (tot - 1))) as m_hi,
         min(used) filter (where cum > floor(0.9::float8 * (tot - 1))) as q_lo, min(used) filter (where cum > ceil(0.9::float8 * (tot - 1))) as q_hi
  from hc group by 1, 2)
select a.inst as group_id, a.timer, a.met, a.breached, a.open_within, a.open_late, a.returned,
       pc.m_lo + (0.5::float8 * (pc.tot - 1) - floor(0.5::float8 * (pc.tot - 1))) * (pc.m_hi - pc.m_lo) as median_days,
       pc.q_lo + (0.9::float8 * (pc.tot - 1) - floor(0.9::float8 * (pc.tot - 1))) * (pc.q_hi - pc.q_lo) as p90_days
from a left join pc on pc.inst is not distinct from a.inst and pc.timer = a.timer`, { asOf });
  await knex.raw('set local parallel_setup_cost to default');
  await knex.raw('set local parallel_tuple_cost to default');
  await knex.raw('set local enable_sort = on');
  return r.rows.map((x) => ({ ...x, timer: NAMES[x.timer - 1] }));
}

