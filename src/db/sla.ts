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
  confidential: boolean;
  status: string;
}

// The local calendar date of an instant at a fixed offset, by integer arithmetic (cheaper per row than AT TIME ZONE).
const local = (col: string, tz: string) =>
  `(date '1970-01-01' + ((extract(epoch from ${col})::bigint + (${tz}) * 3600) / 86400)::int)`;

const TIMER_CODE = `(array['verification','first_follow_up','completion','auto_close'])`;

/**
 * A timer's state as a number (0 met, 1 breached, 2 open within time, 3 open and late) from SQL
 * expressions: `eff` is working days used plus 1 when the day judged is not a working day. An
 * auto-close is met when it happens on the working day after the deadline (the sweep's day).
 * The one statement of this rule: per timer row (timersCte) and per aggregated group (slaSummary).
 */
function stateNoSql(o: { open: string; autoClosed: string; eff: string; target: string }): string {
  return `case when ${o.open} then (case when ${o.eff} > ${o.target} then 3 else 2 end)
              when ${o.autoClosed} then (case when ${o.eff} > ${o.target} and ${o.eff} <= ${o.target} + 1 then 0 else 1 end)
              else (case when ${o.eff} <= ${o.target} then 0 else 1 end) end`;
}

/** The profile of a timer as one CASE over the institutions that have assignments (latest valid_from first). */
function inlineProfileSql(assignments: ProfileAssignment[], a: string, bind: (v: unknown) => string): string {
  const fallback = '(select default_profile from p)';
  const byInst = new Map<number, ProfileAssignment[]>();
  for (const x of assignments) byInst.set(x.institution_id, [...(byInst.get(x.institution_id) ?? []), x]);
  if (byInst.size === 0) return fallback;
  const branches = [...byInst].map(([inst, xs]) => {
    const dated = [...xs].sort((x, y) => String(y.valid_from).localeCompare(String(x.valid_from)))
      .map((x) => `when ${a}.start_day >= ${bind(String(x.valid_from))}::date then ${bind(x.profile_id)}::int`).join(' ');
    return `when ${a}.inst = ${bind(inst)}::int then (case ${dated} else ${fallback} end)`;
  });
  return `(case when ${a}.timer_no = 1 then ${fallback} ${branches.join(' ')} else ${fallback} end)`;
}

/**
 * Whole working days a verification timer spent on hold: its first three hold windows as plain
 * arithmetic on the calendar arrays, any further ones by sla_held_days (migration 0042). A
 * function call per timer costs microseconds (the span is referenced several times per row), the
 * arithmetic nanoseconds; hardly any complaint is put on hold more than three times.
 * A window counts the working days after the day it began, up to the day it ended, less that day
 * when it is a working day: greatest(0, no(b) − working(b) − no(a)). Days in WIB (national timer).
 */
function heldDaysSql(a: string): string {
  const window = (k: number) => {
    const f = `${local(`${a}.hold_from[${k}]`, '7')}`;
    const t = `${local(`${a}.hold_to[${k}]`, '7')}`;
    return `coalesce(greatest(0, ${WN(t)} - ${IW(t)}::int - ${WN(f)}), 0)`;
  };
  return `case when ${a}.hold_from is null then 0
              else ${window(1)} + ${window(2)} + ${window(3)}
                   + case when cardinality(${a}.hold_from) > 3
                          then sla_held_days(${a}.hold_from[4:], ${a}.hold_to[4:], (select wn from p), (select iw from p), (select d0 from p))
                          else 0 end end`;
}

// A day's working-day number and working flag, looked up in the statement's calendar arrays (CTE p).
const WN = (day: string) => `(select wn from p)[${day} - (select d0 from p) + 1]`;
const IW = (day: string) => `(select iw from p)[${day} - (select d0 from p) + 1]`;

export interface TimersCteOptions {
  /** Only timers that are open as of the instant (overdue lists, backlog ageing). */
  openOnly?: boolean;
  /** Also the holder institution's province_code (by province); else null. */
  province?: boolean;
  /**
   * Read sla_spans only, leaving out the branch that computes complaints with events after the
   * instant from complaint_events. Only when there are none (see spansCoverInstant): then both give
   * the same rows, and the statement has no materialised CTE in its main pass, so it can run in parallel.
   */
  spansOnly?: boolean;
  /**
   * Every institution's profile assignments, when the caller has read them (see timersPlan): few
   * become an inline CASE, which keeps the statement a plain scan of sla_spans that PostgreSQL can
   * aggregate partition by partition; otherwise (or when not given) they are joined per timer.
   */
  assignments?: ProfileAssignment[];
}

export interface ProfileAssignment {
  institution_id: number;
  valid_from: string;
  profile_id: number;
}

/** Up to this many institutions with their own profile, the assignments are written into the statement. */
const INLINE_ASSIGNMENTS = 64;

/** What the timers statement of a report needs to know beforehand (two small reads). */
export async function timersPlan(knex: Knex, asOf: Date): Promise<Pick<TimersCteOptions, 'spansOnly' | 'assignments'>> {
  const assignments = await knex('institution_sla_profiles')
    .select('institution_id', 'valid_from', 'profile_id').orderBy(['institution_id', 'valid_from']) as ProfileAssignment[];
  return { spansOnly: await spansCoverInstant(knex, asOf), assignments };
}

/** True when no complaint has an event after the instant (every report as of now): timersCte may use spansOnly. */
export async function spansCoverInstant(knex: Knex, asOf: Date): Promise<boolean> {
  const r = await knex.raw('select not exists (select 1 from sla_spans where timer = 1 and last_at > ?) as ok', [asOf]);
  return r.rows[0].ok === true;
}

/**
 * The WITH … chain whose last CTE, `timers`, holds one row per timer (the columns of TimerRow, the
 * timer as `timer_no` 1–4 and as text `timer`).
 *
 * Two sources, one back end:
 * - complaints whose whole history is at or before the instant (last_at ≤ as_of: every complaint
 *   for a report as of now) read their spans from sla_spans (migration 0041, trigger-maintained,
 *   calendar- and profile-independent);
 * - complaints with events after the instant (a report as of a past instant) are computed from
 *   complaint_events up to the instant, as if the later events had not happened yet.
 * The back end then does the working-day look-ups (calendar_days.workday_no, two per timer) and
 * the profile targets, both at report time.
 */
export function timersCte(q: TimerQuery, opts: TimersCteOptions = {}): { sql: string; bindings: Knex.RawBinding[] } {
  // Placeholders are numbered tokens resolved in text order at the end (the pieces are built out of order).
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `\u0000${values.length - 1}\u0000`;
  };
  const withProvince = opts.province === true || q.provinceCode !== undefined;
  const inlineProfiles = opts.assignments && new Set(opts.assignments.map((a) => a.institution_id)).size <= INLINE_ASSIGNMENTS
    ? inlineProfileSql(opts.assignments, 'u', bind) : undefined;
  /** Scope conditions on a row source with columns inst, unit_id, confidential, cur_inst, received_at, complaint_id. */
  const scope = (a: string, forSpans: boolean): string[] => {
    const w: string[] = [];
    // Period bounds are WIB dates: 00:00 WIB = 17:00 UTC the day before.
    if (q.from) w.push(`${a}.received_at >= ((${bind(q.from)}::date)::timestamp - interval '7 hours') at time zone 'UTC'`);
    if (q.to) w.push(`${a}.received_at < ((${bind(q.to)}::date + 1)::timestamp - interval '7 hours') at time zone 'UTC'`);
    if (q.complaintIds) w.push(`${a}.complaint_id = any(${bind(q.complaintIds)}::bigint[])`);
    if (q.institutionId !== undefined) w.push(`${a}.inst = ${bind(q.institutionId)}`);
    if (q.provinceCode !== undefined) w.push(`${a}.inst in (select id from institutions where province_code = ${bind(q.provinceCode)})`);
    if (q.unitId !== undefined) w.push(`${a}.unit_id = ${bind(q.unitId)}`);
    w.push(q.confidentialOf == null
      ? `not ${a}.confidential`
      : `(not ${a}.confidential or ${a}.cur_inst = ${bind(q.confidentialOf)})`);
    if (forSpans && opts.openOnly) w.push(`${a}.stop_at is null`);
    return w;
  };

  // The slow path's complaints: those with an event after the instant, within the period.
  const cWhere: string[] = [
    'c.received_at <= (select as_of from p)',
    `c.id in (select complaint_id from sla_spans where timer = 1 and last_at > (select as_of from p))`,
  ];
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
  // The instant as a literal (not the CTE's value): the planner then estimates these from the column
  // statistics (nearly all spans) instead of guessing a third each, and does not hash the spans side.
  const asOfLit = () => `${bind(q.asOf)}::timestamptz`;
  // With spansOnly the caller has checked that no span's history ends after the instant: the
  // last_at condition would hold for every row, so it is left out of the scan.
  const spanWhere = [...(opts.spansOnly ? [] : [`s.last_at <= ${asOfLit()}`]), `s.received_at <= ${asOfLit()}`, ...scope('s', true)];
  // The local date a span is judged on: its stop, the start of an open hold, else the instant's date in its zone.
  const judged = (a: string) => `coalesce(${a}.stop_day, ${local(`${a}.paused_at`, '7')},
                  case ${a}.tzh when 8 then (select d8 from p) when 9 then (select d9 from p) else (select d7 from p) end)`;
  const slowWhere = scope('y', false);

  const sql = `
p0 as (select ${bind(q.asOf)}::timestamptz as as_of),
p as (
  -- "now" as a local date and a working-day number in each of the three zones
  select p0.as_of, d.d7, d.d8, d.d9,
         cal.wn[d.d7 - cal.d0 + 1] as wn7, cal.wn[d.d8 - cal.d0 + 1] as wn8, cal.wn[d.d9 - cal.d0 + 1] as wn9,
         cal.d0, cal.d1, cal.wn, cal.iw, prof.*
  from p0 cross join lateral (select ${local('p0.as_of', '7')} as d7, ${local('p0.as_of', '8')} as d8, ${local('p0.as_of', '9')} as d9) d
  -- the calendar as two arrays indexed by day − d0 + 1: a working-day number is an array
  -- subscript per timer instead of a join (the days are contiguous, 2015–2035)
  cross join (select min(day) as d0, max(day) as d1, array_agg(workday_no order by day) as wn,
                     array_agg(is_workday order by day) as iw from calendar_days) cal
  -- the profiles' targets likewise, as arrays indexed by profile id (read once, not per timer)
  cross join (
    select (select id from sla_profiles where is_default limit 1) as default_profile,
           array_agg((pr.targets->>'verification')::int order by g) as t_v,
           array_agg((pr.targets->>'first_follow_up')::int order by g) as t_ff,
           array_agg((pr.targets->>'auto_close')::int order by g) as t_ac,
           array_agg((pr.targets->'completion'->>'aspirasi')::int order by g) as t_c_a,
           array_agg((pr.targets->'completion'->>'permintaan_informasi')::int order by g) as t_c_pi,
           array_agg((pr.targets->'completion'->>'pengaduan')::int order by g) as t_c_p,
           array_agg((pr.targets->'completion'->>'pengaduan_berkadar_pengawasan')::int order by g) as t_c_pbp
    from generate_series(1, (select coalesce(max(id), 0) from sla_profiles)) g
    left join sla_profiles pr on pr.id = g) prof),
${inlineProfiles !== undefined ? '' : `ip as (
  -- per institution, its assignments in date order: the one in force on a day is the last whose
  -- valid_from is at or before it (width_bucket). One row per institution, so the join probes a
  -- small hash with at most one match per timer.
  select institution_id, array_agg(valid_from order by valid_from) as froms, array_agg(profile_id order by valid_from) as ids
  from institution_sla_profiles group by institution_id),
`}sp as (
  -- complaints whose whole history is at or before the instant: the trigger-maintained spans.
  -- One scan (no union of two branches, no materialised CTE), so that it can run in parallel workers.
  select s.complaint_id, s.timer as timer_no, s.instance, s.inst, s.tzh, s.unit_id, s.start_at, s.stop_at, s.stop_kind,
         s.start_day, ${judged('s')} as judged_day,
         -- whole working days on hold (verification timers with hold windows only)
         ${heldDaysSql('s')} as held_closed,
         (s.stop_at is null and s.paused_at is not null) as paused,
         s.class, s.channel, s.confidential, s.cur_inst, s.status, s.received_at
  from sla_spans s
  where ${spanWhere.join(' and ')}),
${opts.spansOnly ? '' : `c as (
  select c.id, c.class, c.channel, c.received_at, c.confidential
  from complaints c where ${cWhere.join(' and ')}),
ev as materialized (
  -- complaints with events after the instant: their history up to it, from complaint_events
  select e.complaint_id, e.seq, e.kind, e.at, e.to_status, e.from_institution_id, e.to_institution_id, e.to_unit_id,
         lead(e.at) over w as next_at,
         lead(e.kind) over w as next_kind,
         count(*) filter (where e.kind = 'dispose') over w as dg,
         count(*) filter (where e.kind = 'respond') over w as rg
  from complaint_events e join c on c.id = e.complaint_id
  where e.at <= (select as_of from p)
  window w as (partition by e.complaint_id order by e.at, e.seq)),
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
  select g.complaint_id, 1 as timer_no, 1::int as instance, g.d1_inst as inst, true as national,
         c.received_at as start_at, g.v_stop_at as stop_at,
         case when g.v_stop_at is null then null when g.v_disposed then 'dispose' else 'archive' end as stop_kind,
         coalesce(hd.held, 0)::int as held_closed,
         case when g.v_stop_at is null then g.open_hold_at end as paused_at
  from g join c on c.id = g.complaint_id left join hd on hd.complaint_id = g.complaint_id
  union all
  select complaint_id, 2, dg::int, inst, false, start_at, least(f_resp, f_ret),
         case when f_resp is null and f_ret is null then null
              when f_ret is null or f_resp <= f_ret then 'respond' else 'return' end,
         0, null
  from ffg where inst is not null
  union all
  select g.complaint_id, 3, 1, g.cur_inst, false, fd.first_at,
         case when g.status in ('responded', 'closed') then g.last_resp_at end,
         case when g.status in ('responded', 'closed') then 'respond' end,
         0, null
  from g join fd on fd.complaint_id = g.complaint_id and fd.inst = g.cur_inst
  where g.status in ('with_institution', 'with_unit') or (g.status in ('responded', 'closed') and g.last_resp_at is not null)
  union all
  select complaint_id, 4, rg::int, coalesce(from_institution_id, to_institution_id), false, at, next_at, next_kind,
         0, null
  from ev where kind = 'respond'),
y as (
  select t.complaint_id, t.timer_no, t.instance, t.inst, z.tzh,
         case when t.inst = g.cur_inst then g.cur_unit end as unit_id,
         t.start_at, t.stop_at, t.stop_kind, t.held_closed, t.paused_at,
         c.class, c.channel, c.confidential, g.cur_inst, g.status, c.received_at
  from t
  join g on g.complaint_id = t.complaint_id
  join c on c.id = t.complaint_id
  left join institutions i on i.id = t.inst
  cross join lateral (select case when t.national or t.inst is null then 7 when i.time_zone = 'WITA' then 8
                                  when i.time_zone = 'WIT' then 9 else 7 end as tzh) z),
sl as (
  select y.complaint_id, y.timer_no::smallint, y.instance, y.inst, y.tzh::smallint, y.unit_id, y.start_at, y.stop_at, y.stop_kind,
         ${local('y.start_at', 'y.tzh')} as start_day,
         ${local('coalesce(y.stop_at, y.paused_at, (select as_of from p))', 'y.tzh')} as judged_day,
         y.held_closed, (y.stop_at is null and y.paused_at is not null) as paused,
         y.class, y.channel, y.confidential, y.cur_inst, y.status, y.received_at
  from y where ${slowWhere.join(' and ')}${opts.openOnly ? ' and y.stop_at is null' : ''}),
`}u as (select * from sp${opts.spansOnly ? '' : ' union all select * from sl'}),
tp as (
  -- the profile in force: the institution's assignment valid on the timer's start day, else the
  -- default (always for verification, the national admin's timer)
${inlineProfiles === undefined
    ? `  select u.*, coalesce(ip.ids[nullif(width_bucket(u.start_day, ip.froms), 0)], (select default_profile from p)) as profile_id
  from u left join ip on u.timer_no <> 1 and ip.institution_id = u.inst),`
    : `  select u.*, ${inlineProfiles} as profile_id from u),`}
tj as (
  select tp.*,
         case tp.timer_no when 1 then (select t_v from p)[tp.profile_id] when 2 then (select t_ff from p)[tp.profile_id] when 4 then (select t_ac from p)[tp.profile_id]
              else case tp.class when 'aspirasi' then (select t_c_a from p)[tp.profile_id] when 'permintaan_informasi' then (select t_c_pi from p)[tp.profile_id]
                                 when 'pengaduan' then (select t_c_p from p)[tp.profile_id] else (select t_c_pbp from p)[tp.profile_id] end end as target,
         ${WN('tp.judged_day')} - ${WN('tp.start_day')} - tp.held_closed as used,
         -- 1 when the day judged is not a working day (a stop there counts as on the next one)
         (not ${IW('tp.judged_day')})::int as nwd,
         tp.held_closed + case when tp.paused
           then (case tp.tzh when 8 then (select wn8 from p) when 9 then (select wn9 from p) else (select wn7 from p) end) - ${WN('tp.judged_day')}
           else 0 end as held,
         ${WN('tp.start_day')} as wn_start
  from tp
  -- days outside the calendar have no working-day number: such timers are left out, as a join would
  where tp.profile_id is not null
    and tp.start_day between (select d0 from p) and (select d1 from p)
    and tp.judged_day between (select d0 from p) and (select d1 from p)),
x0 as (
  -- the state as a number: 0 met, 1 breached, 2 open within time, 3 open and late
  select tj.*, tj.used + tj.nwd as eff,
         ${stateNoSql({ open: 'tj.stop_at is null', autoClosed: "tj.timer_no = 4 and tj.stop_kind = 'auto_close'", eff: '(tj.used + tj.nwd)', target: 'tj.target' })} as state_no
  from tj),
x as (
  select x0.*, (array['met', 'breached', 'open_within', 'open_late'])[x0.state_no + 1] as state
  from x0),
timers as (
  select x.complaint_id, x.timer_no, ${TIMER_CODE}[x.timer_no] as timer, x.instance, x.inst as institution_id, x.unit_id,
         x.tzh as tz_hours, x.start_at, x.stop_at, x.stop_kind,
         x.profile_id, x.target, x.used, x.nwd, x.held, x.paused, x.state, x.state_no,
         coalesce(x.timer_no = 2 and x.stop_kind = 'return', false) as returned,
         case when x.state_no in (1, 3) and x.eff > x.target then x.eff - x.target else 0 end as late_by,
         x.class, x.channel, x.confidential, x.status, ${withProvince ? 'i.province_code' : 'null::text'} as province_code, x.cur_inst,
         x.wn_start + x.target + x.held_closed as deadline_no, x.received_at
  from x${withProvince ? ' left join institutions i on i.id = x.inst' : ''})`;
  const bindings: Knex.RawBinding[] = [];
  const text = sql.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
    bindings.push(values[Number(i)] as Knex.RawBinding);
    return '?';
  });
  return { sql: text, bindings };
}

/**
 * Runs a report statement with room to sort and hash in memory (the statement is one big
 * set-based pass; spilling to disk would dominate its time).
 */
export async function withReportSession<T>(knex: Knex, work: (trx: Knex) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw(`set local work_mem = '256MB'`);
    await trx.raw(`set local jit = off`).catch(() => undefined);
    // sla_spans is partitioned by institution (migration 0043): aggregate per partition, in parallel.
    await trx.raw('set local enable_partitionwise_aggregate = on');
    return work(trx);
  }, { readOnly: true } as Knex.TransactionConfig);
}

/** Every timer in scope, one row each (tests, small scopes). */
export async function listTimers(knex: Knex, q: TimerQuery): Promise<TimerRow[]> {
  const { sql, bindings } = timersCte(q);
  const r = await knex.raw(
    `with ${sql}
     select complaint_id::int as complaint_id, timer, instance, institution_id, unit_id, tz_hours::int as tz_hours, start_at, stop_at,
            stop_kind, profile_id, target, used, held, paused, state, returned, late_by, class, channel, confidential, status
     from timers order by complaint_id, timer, instance`, bindings);
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

/**
 * Per group and timer: the four states, compliance %, median and p90 of working days used (stopped
 * timers). Working days are whole numbers, so the percentiles come from a histogram (one hash
 * aggregate over the timers, then a small window pass) instead of sorting every timer: the same
 * interpolation as percentile_cont (position p·(n−1) between the two nearest ranks).
 */
export async function slaSummary(knex: Knex, q: TimerQuery, by: SlaGroupBy): Promise<SlaSummaryRow[]> {
  const { sql, bindings } = timersCte(q, { province: by === 'province', ...await timersPlan(knex, q.asOf) });
  const key = {
    institution: 'institution_id', unit: 'unit_id', province: 'province_code', class: 'class', channel: 'channel',
  }[by];
  // The planner cannot estimate the number of (group, working days) pairs and would sort millions of
  // timers to group them; a hash aggregate into a few hundred thousand groups is several times faster.
  // The aggregate's key is the group and one packed integer of everything a timer's state and the
  // histogram depend on, low bits first: returned (1), auto-closed (1), stopped (1), timer − 1 (2),
  // target (10: profiles allow 1–365), judged on a non-working day (1), then working days used. Each
  // timer's working days are computed once; the state is decided per group (stateNoSql) after it.
  await knex.raw('set local enable_sort = off');
  // The main pass (a scan of the spans, a few hash look-ups) runs in parallel workers when there are
  // many spans; by default the planner prices sending each timer row to the leader too high to try.
  await knex.raw('set local parallel_setup_cost = 100');
  await knex.raw('set local parallel_tuple_cost = 0.01');
  const r = await knex.raw(
    `with ${sql},
     hp as (
       select ${key} as k,
              (((((((used::bigint * 2 + nwd) * 1024 + target) * 4 + (timer_no - 1)) * 2
                + (stop_at is not null)::int) * 2 + coalesce(stop_kind = 'auto_close', false)::int) * 2) + returned::int) as code
       from timers),
     hq as (select k, code, count(*)::int as n from hp group by k, code),
     h0 as (
       select k, ((code >> 3) & 3)::int + 1 as timer_no, (code >> 16)::int as used, ((code >> 15) & 1)::int as nwd,
              ((code >> 5) & 1023)::int as target, (code & 4) = 4 as stopped, (code & 2) = 2 as auto_closed,
              (code & 1) = 1 as returned, n
       from hq),
     h as (
       select k, timer_no, used, stopped, returned, n,
              ${stateNoSql({ open: 'not stopped', autoClosed: 'timer_no = 4 and auto_closed', eff: '(used + nwd)', target: 'target' })} as state_no
       from h0),
     a as (
       select k, timer_no, sum(n)::int as total,
              coalesce(sum(n) filter (where state_no = 0), 0)::int as met,
              coalesce(sum(n) filter (where state_no = 1), 0)::int as breached,
              coalesce(sum(n) filter (where state_no = 2), 0)::int as open_within,
              coalesce(sum(n) filter (where state_no = 3), 0)::int as open_late,
              coalesce(sum(n) filter (where returned), 0)::int as returned
       from h group by k, timer_no),
     hs as (select k, timer_no, used, sum(n) as n from h where stopped group by k, timer_no, used),
     hc as (
       select k, timer_no, used, sum(n) over (partition by k, timer_no order by used) as cum,
              sum(n) over (partition by k, timer_no) as tot
       from hs),
     pc as (
       select k, timer_no, max(tot)::float8 as tot,
              min(used) filter (where cum > floor(0.5::float8 * (tot - 1))) as m_lo,
              min(used) filter (where cum > ceil(0.5::float8 * (tot - 1))) as m_hi,
              min(used) filter (where cum > floor(0.9::float8 * (tot - 1))) as q_lo,
              min(used) filter (where cum > ceil(0.9::float8 * (tot - 1))) as q_hi
       from hc group by k, timer_no)
     select a.k::text as group_key, ${by === 'institution' || by === 'unit' ? 'a.k' : 'null::int'} as group_id,
            ${TIMER_CODE}[a.timer_no] as timer, a.total, a.met, a.breached, a.open_within, a.open_late, a.returned,
            pc.m_lo + (0.5::float8 * (pc.tot - 1) - floor(0.5::float8 * (pc.tot - 1))) * (pc.m_hi - pc.m_lo) as median_days,
            pc.q_lo + (0.9::float8 * (pc.tot - 1) - floor(0.9::float8 * (pc.tot - 1))) * (pc.q_hi - pc.q_lo) as p90_days
     -- (a text join key, null as its own value: hashable, unlike "is not distinct from")
     from a left join pc on pc.timer_no = a.timer_no and coalesce(pc.k::text, '\u0001') = coalesce(a.k::text, '\u0001')
     order by a.k, a.timer_no`,
    bindings,
  );
  await knex.raw('set local parallel_setup_cost to default');
  await knex.raw('set local parallel_tuple_cost to default');
  await knex.raw('set local enable_sort = on');
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
