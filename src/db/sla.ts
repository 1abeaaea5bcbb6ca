import type { Knex } from 'knex';
import type { TimerName, TimerState } from '../domain/sla.js';

/**
 * The SLA engine of DESIGN §6, set-based: one SQL statement computes every timer of every
 * complaint in scope from complaint_events, calendar_days.workday_no (two look-ups per timer:
 * "working days after a, up to b" = no(b) − no(a)) and the profiles in force. Nothing is cached,
 * so a new holiday list or a changed profile changes every figure computed afterwards.
 *
 * The rules are those of src/domain/sla.ts (the pure module that `sla explain` uses); the pure
 * module walks the calendar day by day, this one does arithmetic on cumulative numbers, and a
 * property test checks that they agree on every complaint. Judging a stop at or before the
 * deadline is, in numbers: used + (stop on a non-counted day ? 1 : 0) ≤ target.
 */
export interface TimerQuery {
  asOf: Date;
  /** Complaints received from this local (WIB) date on, up to and including `to`. */
  from?: string;
  to?: string;
  /** Timers of this institution only (the holder the timer belongs to). */
  institutionId?: number;
  /** Timers of institutions in this province (province_code, e.g. '32'). */
  provinceCode?: string;
  /** Timers of this unit only (a liaison's scope). */
  unitId?: number;
  /** Only these complaints (sla explain, tests). */
  complaintIds?: number[];
  /**
   * Confidential complaints appear only in their own institution's report: the institution whose
   * report this is, or null for a cross-institution report (then none appear).
   */
  confidentialOf?: number | null;
}

export interface TimerRow {
  complaint_id: number;
  timer: TimerName;
  instance: number;
  institution_id: number | null;
  unit_id: number | null;
  tz_hours: number;
  start_at: Date;
  stop_at: Date | null;
  stop_kind: string | null;
  profile_id: number;
  target: number;
  used: number;
  held: number;
  paused: boolean;
  state: TimerState;
  returned: boolean;
  /** Working days past the deadline (open and late, or breached); 0 otherwise. */
  late_by: number;
  class: string;
  channel: string;
  category: string | null;
  confidential: boolean;
  status: string;
}

// The local calendar date of an instant at a fixed offset, by integer arithmetic (cheaper per row than AT TIME ZONE).
const local = (col: string, tz: string) =>
  `(date '1970-01-01' + ((extract(epoch from ${col})::bigint + (${tz}) * 3600) / 86400)::int)`;

/** The WITH … chain whose last CTE, `timers`, holds one row per timer (columns of TimerRow). */
export function timersCte(q: TimerQuery): { sql: string; bindings: Knex.RawBinding[] } {
  // Placeholders are numbered tokens resolved in text order at the end (the pieces are built out of order).
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `\u0000${values.length - 1}\u0000`;
  };
  const cWhere: string[] = ['c.received_at <= (select as_of from p)'];
  // Period bounds are WIB dates: 00:00 WIB = 17:00 UTC the day before.
  if (q.from) cWhere.push(`c.received_at >= ((${bind(q.from)}::date)::timestamp - interval '7 hours') at time zone 'UTC'`);
  if (q.to) cWhere.push(`c.received_at < ((${bind(q.to)}::date + 1)::timestamp - interval '7 hours') at time zone 'UTC'`);
  if (q.complaintIds) cWhere.push(`c.id = any(${bind(q.complaintIds)}::bigint[])`);
  // Every timer belongs to an institution the complaint was disposed to: a cheap pre-filter.
  if (q.institutionId !== undefined) {
    cWhere.push(`c.id in (select complaint_id from complaint_events where kind = 'dispose' and to_institution_id = ${bind(q.institutionId)})`);
  }
  if (q.provinceCode !== undefined) {
    cWhere.push(`c.id in (select e.complaint_id from complaint_events e join institutions i on i.id = e.to_institution_id
                          where e.kind = 'dispose' and i.province_code = ${bind(q.provinceCode)})`);
  }
  const tWhere: string[] = ['true'];
  if (q.institutionId !== undefined) tWhere.push(`x.inst = ${bind(q.institutionId)}`);
  if (q.provinceCode !== undefined) tWhere.push(`x.province_code = ${bind(q.provinceCode)}`);
  if (q.unitId !== undefined) tWhere.push(`x.unit_id = ${bind(q.unitId)}`);
  tWhere.push(q.confidentialOf == null
    ? 'not x.confidential'
    : `(not x.confidential or x.cur_inst = ${bind(q.confidentialOf)})`);

  const sql = `
p0 as (select ${bind(q.asOf)}::timestamptz as as_of),
p as (
  -- "now" as a working-day number in each of the three zones
  select p0.as_of,
         (select workday_no from calendar_days where day = ${local('p0.as_of', '7')}) as wn7,
         (select workday_no from calendar_days where day = ${local('p0.as_of', '8')}) as wn8,
         (select workday_no from calendar_days where day = ${local('p0.as_of', '9')}) as wn9
  from p0),
prof as (
  select id, is_default,
         (targets->>'verification')::int as t_v, (targets->>'first_follow_up')::int as t_ff,
         (targets->>'auto_close')::int as t_ac, targets->'completion' as t_c
  from sla_profiles),
defprof as (select id from prof where is_default limit 1),
ip as (
  select institution_id, profile_id, valid_from,
         lead(valid_from) over (partition by institution_id order by valid_from) as valid_to
  from institution_sla_profiles),
inst as (
  select id, province_code, case time_zone when 'WITA' then 8 when 'WIT' then 9 else 7 end as tzh from institutions),
c as (
  select c.id, c.class, c.channel, c.category, c.received_at, c.confidential
  from complaints c where ${cWhere.join(' and ')}),
ev as materialized (
  select e.complaint_id, e.seq, e.kind, e.at, e.to_status, e.from_institution_id, e.to_institution_id, e.to_unit_id,
         lead(e.at) over w as next_at,
         lead(e.kind) over w as next_kind,
         count(*) filter (where e.kind = 'dispose') over w as dg,
         count(*) filter (where e.kind = 'respond') over w as rg
  from complaint_events e join c on c.id = e.complaint_id
  where e.at <= (select as_of from p)
  window w as (partition by e.complaint_id order by e.seq)),
ffg as (
  -- A dispose and the events after it, up to the next dispose: its first respond or return stops it.
  select complaint_id, dg, min(at) filter (where kind = 'dispose') as start_at,
         max(to_institution_id) filter (where kind = 'dispose') as inst,
         min(at) filter (where kind = 'respond') as f_resp, min(at) filter (where kind = 'return') as f_ret
  from ev where dg > 0 group by complaint_id, dg),
g as (
  select complaint_id,
         min(at) filter (where kind in ('dispose', 'archive')) as v_stop_at,
         bool_or(kind = 'dispose') as v_disposed,
         max(to_institution_id) filter (where kind = 'dispose' and dg = 1) as d1_inst,
         max(to_status) filter (where next_at is null) as status,
         max(to_institution_id) filter (where next_at is null) as cur_inst,
         max(to_unit_id) filter (where next_at is null) as cur_unit,
         max(at) filter (where kind = 'respond') as last_resp_at,
         max(at) filter (where kind = 'hold' and dg = 0 and next_at is null) as open_hold_at
  from ev group by complaint_id),
hd as (
  select ev.complaint_id, sum(greatest(0, cr.workday_no - cr.is_workday::int - ch.workday_no)) as held
  from ev
  join calendar_days ch on ch.day = ${local('ev.at', '7')}
  join calendar_days cr on cr.day = ${local('ev.next_at', '7')}
  where ev.kind = 'hold' and ev.dg = 0 and ev.next_at is not null
  group by ev.complaint_id),
fd as (
  select complaint_id, to_institution_id as inst, min(at) as first_at
  from ev where kind = 'dispose' group by complaint_id, to_institution_id),
t as (
  select g.complaint_id, 'verification'::text as timer, 1::int as instance, g.d1_inst as inst, true as national,
         c.received_at as start_at, g.v_stop_at as stop_at,
         case when g.v_stop_at is null then null when g.v_disposed then 'dispose' else 'archive' end as stop_kind,
         coalesce(hd.held, 0)::int as held_closed,
         case when g.v_stop_at is null then g.open_hold_at end as paused_at
  from g join c on c.id = g.complaint_id left join hd on hd.complaint_id = g.complaint_id
  union all
  select complaint_id, 'first_follow_up', dg::int, inst, false, start_at, least(f_resp, f_ret),
         case when f_resp is null and f_ret is null then null
              when f_ret is null or f_resp <= f_ret then 'respond' else 'return' end,
         0, null
  from ffg where inst is not null
  union all
  select g.complaint_id, 'completion', 1, g.cur_inst, false, fd.first_at,
         case when g.status in ('responded', 'closed') then g.last_resp_at end,
         case when g.status in ('responded', 'closed') then 'respond' end,
         0, null
  from g join fd on fd.complaint_id = g.complaint_id and fd.inst = g.cur_inst
  where g.status in ('with_institution', 'with_unit') or (g.status in ('responded', 'closed') and g.last_resp_at is not null)
  union all
  select complaint_id, 'auto_close', rg::int, coalesce(from_institution_id, to_institution_id), false, at, next_at, next_kind,
         0, null
  from ev where kind = 'respond'),
tz as (
  select t.*, case when t.national or t.inst is null then 7 else i.tzh end as tzh, i.province_code
  from t left join inst i on i.id = t.inst),
tl as (
  select tz.*,
         ${local('tz.start_at', 'tz.tzh')} as start_day,
         ${local('coalesce(tz.stop_at, tz.paused_at, (select as_of from p))', 'tz.tzh')} as judged_day
  from tz),
tp as (
  select tl.*, coalesce(ip.profile_id, (select id from defprof)) as profile_id
  from tl left join ip on not tl.national and ip.institution_id = tl.inst
       and ip.valid_from <= tl.start_day and (ip.valid_to is null or tl.start_day < ip.valid_to)),
tj as (
  select tp.*, g.cur_inst, g.status, c.class, c.channel, c.category, c.confidential,
         case when tp.inst = g.cur_inst then g.cur_unit end as unit_id,
         case tp.timer when 'verification' then pr.t_v when 'first_follow_up' then pr.t_ff
                       when 'auto_close' then pr.t_ac else (pr.t_c->>c.class)::int end as target,
         cj.workday_no - cs.workday_no - tp.held_closed as used,
         tp.held_closed + case when tp.paused_at is not null
           then (case tp.tzh when 8 then (select wn8 from p) when 9 then (select wn9 from p) else (select wn7 from p) end) - cj.workday_no
           else 0 end as held,
         cj.workday_no - cs.workday_no - tp.held_closed + (not cj.is_workday)::int as eff,
         cs.workday_no as wn_start
  from tp
  join g on g.complaint_id = tp.complaint_id
  join c on c.id = tp.complaint_id
  join prof pr on pr.id = tp.profile_id
  join calendar_days cs on cs.day = tp.start_day
  join calendar_days cj on cj.day = tp.judged_day),
x as (
  select tj.*,
         case when tj.stop_at is null then (case when tj.eff > tj.target then 'open_late' else 'open_within' end)
              when tj.timer = 'auto_close' and tj.stop_kind = 'auto_close'
                then (case when tj.eff > tj.target and tj.eff <= tj.target + 1 then 'met' else 'breached' end)
              else (case when tj.eff <= tj.target then 'met' else 'breached' end) end as state
  from tj),
timers as (
  select complaint_id, timer, instance, inst as institution_id, unit_id, tzh as tz_hours, start_at, stop_at, stop_kind,
         profile_id, target, used, held, paused_at is not null as paused, state,
         coalesce(timer = 'first_follow_up' and stop_kind = 'return', false) as returned,
         case when state in ('open_late', 'breached') and eff > target then eff - target else 0 end as late_by,
         class, channel, category, confidential, status, province_code, cur_inst,
         wn_start + target + held_closed as deadline_no
  from x where ${tWhere.join(' and ')})`;
  const bindings: Knex.RawBinding[] = [];
  const text = sql.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
    bindings.push(values[Number(i)] as Knex.RawBinding);
    return '?';
  });
  return { sql: text, bindings };
}

/** Every timer in scope, one row each (explain, tests, small scopes). */
/**
 * Runs a report statement with room to sort and hash in memory (the statement is one big
 * set-based pass; spilling to disk would dominate its time).
 */
export async function withReportSession<T>(knex: Knex, work: (trx: Knex) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw(`set local work_mem = '256MB'`);
    await trx.raw(`set local jit = off`).catch(() => undefined);
    return work(trx);
  }, { readOnly: true } as Knex.TransactionConfig);
}

export async function listTimers(knex: Knex, q: TimerQuery): Promise<TimerRow[]> {
  const { sql, bindings } = timersCte(q);
  const r = await knex.raw(`with ${sql} select * from timers order by complaint_id, timer, instance`, bindings);
  return r.rows as TimerRow[];
}

export type SlaGroupBy = 'institution' | 'unit' | 'province' | 'class' | 'channel';

export interface SlaSummaryRow {
  group_key: string | null;
  group_id: number | null;
  timer: TimerName;
  total: number;
  met: number;
  breached: number;
  open_within: number;
  open_late: number;
  returned: number;
  compliance: number | null;
  median_days: number | null;
  p90_days: number | null;
}

/** Per group and timer: the four states, compliance %, median and p90 of working days used (stopped timers). */
export async function slaSummary(knex: Knex, q: TimerQuery, by: SlaGroupBy): Promise<SlaSummaryRow[]> {
  const { sql, bindings } = timersCte(q);
  const key = {
    institution: 'institution_id', unit: 'unit_id', province: 'province_code', class: 'class', channel: 'channel',
  }[by];
  const r = await knex.raw(
    `with ${sql}
     select ${key}::text as group_key, ${by === 'institution' || by === 'unit' ? key : 'null::int'} as group_id, timer,
            count(*)::int as total,
            count(*) filter (where state = 'met')::int as met,
            count(*) filter (where state = 'breached')::int as breached,
            count(*) filter (where state = 'open_within')::int as open_within,
            count(*) filter (where state = 'open_late')::int as open_late,
            count(*) filter (where returned)::int as returned,
            percentile_cont(0.5) within group (order by used) filter (where stop_at is not null) as median_days,
            percentile_cont(0.9) within group (order by used) filter (where stop_at is not null) as p90_days
     from timers group by ${key}, timer
     order by ${key}, array_position(array['verification','first_follow_up','completion','auto_close'], timer)`,
    bindings,
  );
  return (r.rows as SlaSummaryRow[]).map((row) => {
    const d = row.met + row.breached + row.open_late;
    return {
      ...row,
      median_days: row.median_days === null ? null : Number(row.median_days),
      p90_days: row.p90_days === null ? null : Number(row.p90_days),
      compliance: d === 0 ? null : (100 * row.met) / d,
    };
  });
}
