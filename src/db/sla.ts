import type { Knex } from 'knex';
import type { TimerName, TimerState } from '../domain/sla.js';

/**
 * The SLA engine of DESIGN §6, set-based, for reports: one statement judges every timer in scope.
 *
 * - Which timers a complaint has, and when each starts and stops, is the SQL function
 *   sla_spans_of(ids, as_of) (migration 0001_baseline), the one home of the span rules: the
 *   trigger stores its rows in sla_spans, and a report as of a past instant calls it for the
 *   complaints with events after that instant.
 * - Counting and judging (working days used, the hold rule, the deadline, the state) is here, once,
 *   on those rows: calendar_days.workday_no as an array (working days after a, up to b = no(b) −
 *   no(a)), the profiles' targets as arrays; the hold rule is holdRuleSql.
 * - The sweep stores the judgement of stopped timers (judgeStoppedSpans, migration
 *   0005_judged_spans), which summaries read instead of computing it again; triggers forget a stored
 *   judgement when the calendar days, the year's list, the profile or the assignment it rests on
 *   change, so a new holiday list or a changed profile still changes every figure at once.
 *
 * src/domain/sla.ts is the independent reference (what `sla explain` prints, walking the calendar
 * day by day); a property test compares the two. Judging a stop at or before the deadline is, in
 * numbers: used + (the day judged is not a counted working day ? 1 : 0) ≤ target.
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
  /** A first follow-up stopped by a return after its deadline (state breached). */
  returned_late: boolean;
  /** The local date of the deadline (the target-th counted working day); null while paused short of it. */
  deadline_day: string | null;
  /** The timer touches a year without an official holiday list (its days or its deadline; DESIGN §6). */
  unofficial_year: boolean;
  /** Working days past the deadline (open and late, or breached); 0 otherwise. */
  late_by: number;
  class: string;
  channel: string;
  confidential: boolean;
  status: string;
}

const TIMER_CODE = `(array['verification','first_follow_up','completion','auto_close'])`;
/** The states by number (state_no + 1). */
const STATE_CODE = `(array['met','breached','open_within','open_late','returned'])`;

/**
 * A timer's state as a number (0 met, 1 breached, 2 open within time, 3 open and late, 4 returned)
 * from SQL expressions (DESIGN §6, "states are disjoint"): `eff` is working days used plus 1 when
 * the day judged is not a counted working day. A close by the sweep is met (it counts exactly the
 * window); a first follow-up stopped by a return in time is returned, a late one breached. The one
 * statement of this rule: per timer row (timersCte) and per aggregated group (slaSummary).
 */
function stateNoSql(o: { open: string; bySweep: string; byReturn: string; eff: string; target: string }): string {
  return `case when ${o.open} then (case when ${o.eff} > ${o.target} then 3 else 2 end)
              when ${o.bySweep} then 0
              when ${o.eff} <= ${o.target} then (case when ${o.byReturn} then 4 else 0 end)
              else 1 end`;
}

/** Binds values by name (knex named bindings): each call adds one, named b0, b1, … */
class Bindings {
  readonly values: Record<string, unknown> = {};
  private n = 0;
  bind(v: unknown): string {
    const name = `b${this.n++}`;
    this.values[name] = v;
    return `:${name}`;
  }
}

/** The profile of a timer as one CASE over the institutions that have assignments (latest valid_from first). */
function inlineProfileSql(assignments: ProfileAssignment[], a: string, b: Bindings): string {
  const fallback = '(select default_profile from p)';
  const byInst = new Map<number, ProfileAssignment[]>();
  for (const x of assignments) byInst.set(x.institution_id, [...(byInst.get(x.institution_id) ?? []), x]);
  if (byInst.size === 0) return fallback;
  const branches = [...byInst].map(([inst, xs]) => {
    const dated = [...xs].sort((x, y) => String(y.valid_from).localeCompare(String(x.valid_from)))
      .map((x) => `when ${a}.start_day >= ${b.bind(String(x.valid_from))}::date then ${b.bind(x.profile_id)}::int`).join(' ');
    return `when ${a}.inst = ${b.bind(inst)}::int then (case ${dated} else ${fallback} end)`;
  });
  return `(case when ${a}.timer = 1 then ${fallback} ${branches.join(' ')} else ${fallback} end)`;
}

// A day's working-day number and working flag, looked up in the statement's calendar arrays (CTE p).
const WN = (day: string) => `(select wn from p)[${day} - (select d0 from p) + 1]`;
const IW = (day: string) => `(select iw from p)[${day} - (select d0 from p) + 1]`;

/**
 * Rule 1, hold (Tunda), for span `a` with up to `windows` hold windows (the most any span has; see
 * timersPlan), as inline arithmetic on the calendar arrays (a function call per span would cost
 * more than the rest of its row). The timer stops at each hold and restarts at its resume, each
 * running piece counted by the counting rule, so window k gives back the working days date(hold) <
 * d ≤ date(resume): back(k) = no(date(resume)) − no(date(hold)). `base` is the deadline's working-day
 * number without holds (no(date(start)) + target). Windows are disjoint and in order, so a window
 * moves the deadline iff fewer than target days were counted before its hold began, i.e. no(date
 * (hold)) − (what earlier windows gave back) < base; the same test on a hold still open says the
 * timer is paused short of its deadline (none yet).
 */
function holdRuleSql(a: string, windows: number, judgedDay: string, base: string) {
  const day = (col: string) => `sla_local_day(${col}, ${a}.tzh)`;
  const from = (k: number) => day(`${a}.hold_from[${k}]`);
  const to = (k: number) => day(`${a}.hold_to[${k}]`);
  const back = (k: number) => `coalesce(${WN(to(k))} - ${WN(from(k))}, 0)`;
  const before = (k: number) => Array.from({ length: k - 1 }, (_, j) => back(j + 1)).join(' + ') || '0';
  const ks = Array.from({ length: windows }, (_, j) => j + 1);
  const givenBack = `(${before(windows + 1)})`;
  const judgedGivenBack = ks.length
    ? `coalesce(${ks.map((k) => `(${judgedDay} > ${from(k)} and ${judgedDay} <= ${to(k)})`).join(' or ')}, false)` : 'false';
  const moved = ks.map((k) => ` + case when ${WN(from(k))} - (${before(k)}) < ${base} then ${back(k)} else 0 end`).join('');
  const deadlineNo = `case when ${a}.paused_at is not null and ${WN(day(`${a}.paused_at`))} - ${givenBack} < ${base} then null
                           else ${base}${moved} end`;
  return { givenBack, judgedGivenBack, deadlineNo };
}

export interface TimersCteOptions {
  /** Only timers that are open as of the instant (overdue lists, backlog ageing). */
  openOnly?: boolean;
  /** Also the holder institution's province_code (by province); else null. */
  province?: boolean;
  /**
   * Read sla_spans only, leaving out the complaints with events after the instant (computed by
   * sla_spans_of). Only when there are none (see spansCoverInstant): then both give the same rows,
   * and the statement is a plain scan of sla_spans, which can run in parallel.
   */
  spansOnly?: boolean;
  /**
   * Every institution's profile assignments, when the caller has read them (see timersPlan): few
   * become an inline CASE, which keeps the statement a plain scan of sla_spans that PostgreSQL can
   * aggregate partition by partition; otherwise (or when not given) they are joined per timer.
   */
  assignments?: ProfileAssignment[];
  /** The most hold windows any span has (see holdWindows); the hold rule is written out for as many. */
  holdWindows?: number;
  /**
   * Stored judgements (migration 0005_judged_spans): 'apart' leaves the stored spans judged by the
   * sweep out of `timers` and adds the CTE `stored_judged` (their group columns, judged_code and
   * judged_mask) for the caller to aggregate with them; 'to_store' makes `timers` the stopped spans
   * not yet judged, whatever the scope (judgeStoppedSpans). Default: every span is judged here.
   */
  judged?: 'apart' | 'to_store';
}

/** The most hold windows a stored span has (an index look-up); a span as of a past instant has no more. */
export async function holdWindows(knex: Knex): Promise<number> {
  const r = await knex.raw('select coalesce(max(cardinality(hold_from)), 0)::int as n from sla_spans where hold_from is not null');
  return r.rows[0].n;
}

export interface ProfileAssignment {
  institution_id: number;
  valid_from: string;
  profile_id: number;
}

/** Up to this many institutions with their own profile, the assignments are written into the statement. */
const INLINE_ASSIGNMENTS = 64;

/** What the timers statement of a report needs to know beforehand (two small reads). */
export async function timersPlan(knex: Knex, asOf: Date): Promise<Pick<TimersCteOptions, 'spansOnly' | 'assignments' | 'holdWindows'>> {
  const assignments = await knex('institution_sla_profiles')
    .select('institution_id', 'valid_from', 'profile_id').orderBy(['institution_id', 'valid_from']) as ProfileAssignment[];
  return { spansOnly: await spansCoverInstant(knex, asOf), assignments, holdWindows: await holdWindows(knex) };
}

/** True when no complaint has an event after the instant (every report as of now): timersCte may use spansOnly. */
export async function spansCoverInstant(knex: Knex, asOf: Date): Promise<boolean> {
  const r = await knex.raw('select not exists (select 1 from sla_spans where timer = 1 and last_at > :asOf) as ok', { asOf });
  return r.rows[0].ok === true;
}

/**
 * The WITH … chain whose last CTE, `timers`, holds one row per timer (the columns of TimerRow, the
 * timer as `timer_no` 1–4 and as text `timer`), with knex named bindings.
 *
 * The spans in scope come from two sources with the same columns: sla_spans for complaints whose
 * whole history is at or before the instant (every complaint, for a report as of now), and
 * sla_spans_of(ids, as_of) for those with events after it (as if the later events had not happened
 * yet). The working days, the hold rule, the profile, the target and the state are computed once,
 * on their union.
 */
export function timersCte(q: TimerQuery, opts: TimersCteOptions = {}): { sql: string; bindings: Record<string, unknown> } {
  const b = new Bindings();
  const asOf = b.bind(q.asOf);
  const withProvince = opts.province === true || q.provinceCode !== undefined;
  const inlineProfiles = opts.assignments && new Set(opts.assignments.map((a) => a.institution_id)).size <= INLINE_ASSIGNMENTS
    ? inlineProfileSql(opts.assignments, 'sj', b) : undefined;
  // Period bounds are WIB dates: 00:00 WIB = 17:00 UTC the day before.
  const from = q.from ? b.bind(q.from) : undefined;
  const to = q.to ? b.bind(q.to) : undefined;
  const ids = q.complaintIds ? b.bind(q.complaintIds) : undefined;
  const period = (col: string): string[] => [
    ...(from ? [`${col} >= ((${from}::date)::timestamp - interval '7 hours') at time zone 'UTC'`] : []),
    ...(to ? [`${col} < ((${to}::date + 1)::timestamp - interval '7 hours') at time zone 'UTC'`] : []),
  ];
  const inst = q.institutionId !== undefined ? b.bind(q.institutionId) : undefined;
  const province = q.provinceCode !== undefined ? b.bind(q.provinceCode) : undefined;
  /** Scope conditions on spans (columns of sla_spans). */
  const scope = (a: string): string[] => {
    const w = [`${a}.received_at <= ${asOf}::timestamptz`, ...period(`${a}.received_at`)];
    if (ids) w.push(`${a}.complaint_id = any(${ids}::bigint[])`);
    if (inst) w.push(`${a}.inst = ${inst}`);
    if (province) w.push(`${a}.inst in (select id from institutions where province_code = ${province})`);
    if (q.unitId !== undefined) w.push(`${a}.unit_id = ${b.bind(q.unitId)}`);
    w.push(q.confidentialOf == null
      ? `not ${a}.confidential`
      : `(not ${a}.confidential or ${a}.cur_inst = ${b.bind(q.confidentialOf)})`);
    if (opts.openOnly) w.push(`${a}.stop_at is null`);
    return w;
  };

  // The complaints with an event after the instant, within the period; every timer belongs to an
  // institution the complaint was disposed to: a cheap pre-filter for one institution or province.
  const laterWhere: string[] = [
    `c.received_at <= ${asOf}::timestamptz`, ...period('c.received_at'),
    `c.id in (select complaint_id from sla_spans where timer = 1 and last_at > ${asOf}::timestamptz)`,
  ];
  if (ids) laterWhere.push(`c.id = any(${ids}::bigint[])`);
  if (inst) laterWhere.push(`c.id in (select complaint_id from complaint_events where kind = 'dispose' and to_institution_id = ${inst})`);
  if (province) {
    laterWhere.push(`c.id in (select e.complaint_id from complaint_events e join institutions i on i.id = e.to_institution_id
                              where e.kind = 'dispose' and i.province_code = ${province})`);
  }
  // With spansOnly the caller has checked that no span's history ends after the instant: the
  // last_at condition would hold for every row, so it is left out of the scan. The instant is a
  // literal (not a CTE's value): the planner then estimates these from the column statistics.
  const storedWhere = [...(opts.spansOnly ? [] : [`s.last_at <= ${asOf}::timestamptz`]), ...scope('s')];
  const isStoredJudged = (a: string) => `(${a}.stop_at is not null and ${a}.judged_code is not null)`;
  // (its negation as the predicates of the partial indexes sla_spans_open and sla_spans_unjudged,
  // so that the few spans left to compute are found through them, not by a second scan of all)
  const notStoredJudged = (a: string) => `(${a}.stop_at is null or (${a}.stop_at is not null and ${a}.judged_code is null))`;
  const today = (tz: string) => `case ${tz} when 8 then (select d8 from p) when 9 then (select d9 from p) else (select d7 from p) end`;
  const todayNo = (tz: string) => `case ${tz} when 8 then (select wn8 from p) when 9 then (select wn9 from p) else (select wn7 from p) end`;
  // Spans with hold windows (or on hold now) take the hold rule; the others, nearly all, skip it.
  const hold = holdRuleSql('sj', opts.holdWindows ?? 0, 'sj.judged_day', `(${WN('sj.start_day')} + sj.target)`);
  const held = '(sj.hold_from is not null or sj.paused_at is not null)';
  /** Rule 3: a close by the sweep (lapor sla sweep) counts exactly the window. */
  const bySweep = (a: string) => `(${a}.timer = 4 and ${a}.stop_kind = 'auto_close')`;

  const sql = `
p as (
  -- "now" as a local date and a working-day number in each of the three zones
  select d.as_of, d.d7, d.d8, d.d9,
         cal.wn[d.d7 - cal.d0 + 1] as wn7, cal.wn[d.d8 - cal.d0 + 1] as wn8, cal.wn[d.d9 - cal.d0 + 1] as wn9,
         cal.d0, cal.d1, cal.y0, cal.wn, cal.iw, cal.wk0, cal.workdays, cal.uy_upto, cal.uy_before, cal.uf, prof.*,
         -- uf less the most calendar days any timer's window (its largest target in working days)
         -- spans anywhere in the calendar, and a week: a deadline without holds of a timer that starts
         -- before it lies before uf
         cal.uf - 7 - (select coalesce(max(cal.workdays[least(i + tmax.t, cardinality(cal.workdays))] - cal.workdays[i]), 0)
          from generate_subscripts(cal.workdays, 1) i,
               (select max(x) as t from unnest(prof.t_v || prof.t_ff || prof.t_ac || prof.t_c_a || prof.t_c_pi || prof.t_c_p || prof.t_c_pbp) x) tmax)
           as uf_reach
  from (select ${asOf}::timestamptz as as_of, sla_local_day(${asOf}::timestamptz, 7) as d7,
               sla_local_day(${asOf}::timestamptz, 8) as d8, sla_local_day(${asOf}::timestamptz, 9) as d9) d
  -- the calendar as arrays indexed by day − d0 + 1: a working-day number is an array subscript per
  -- timer instead of a join (the days are contiguous, 2015–2035); and the working days in order,
  -- indexed by working-day number − wk0 + 1 (a deadline's date)
  cross join (select min(day) as d0, max(day) as d1, array_agg(workday_no order by day) as wn,
                     array_agg(is_workday order by day) as iw,
                     min(workday_no) filter (where is_workday) as wk0,
                     array_agg(day order by day) filter (where is_workday) as workdays,
                     -- rule 5: the years without an official holiday list as bits (year y is bit y − y0): per
                     -- day, those up to and including its year, and those before its year; so the ones a
                     -- timer touches, from day a to day b, are uy_upto(b) & ~uy_before(a)
                     extract(year from min(day))::int as y0,
                     array_agg(uy_upto order by day) as uy_upto,
                     array_agg(uy_upto & ~ybit order by day) as uy_before,
                     -- the first day in such a year: a timer wholly before it touches none (judged_mask)
                     min(day) filter (where unofficial = 1) as uf
              from (select cdb.*, bit_or(ybit * unofficial) over (order by day) as uy_upto
                    from (select cd.*, (cy.year is null)::int::bigint as unofficial,
                                 1::bigint << (extract(year from cd.day)::int - extract(year from min(cd.day) over ())::int) as ybit
                          from calendar_days cd left join calendar_years cy on cy.year = extract(year from cd.day)) cdb) cdy) cal
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
${inlineProfiles !== undefined ? '' : `assignments as (
  -- per institution, its assignments in date order: the one in force on a day is the last whose
  -- valid_from is at or before it (width_bucket). One row per institution.
  select institution_id, array_agg(valid_from order by valid_from) as froms, array_agg(profile_id order by valid_from) as ids
  from institution_sla_profiles group by institution_id),
`}${opts.judged === 'apart' ? `stored_judged as (
  -- stopped timers the sweep has judged (judgeStoppedSpans): their figures as stored
  select s.inst as institution_id, s.unit_id, s.class, s.channel,
         ${withProvince ? '(select province_code from institutions i where i.id = s.inst)' : 'null::text'} as province_code,
         s.judged_code, s.judged_mask
  from sla_spans s where ${[...storedWhere, isStoredJudged('s')].join(' and ')}),
` : ''}spans as (
${opts.judged === 'to_store' ? `  -- the stopped timers not yet judged (of any scope: the sweep stores their judgement)
  select s.* from sla_spans s where s.stop_at is not null and s.judged_code is null` : `  -- complaints whose whole history is at or before the instant: the trigger-maintained spans
  select s.* from sla_spans s where ${[...storedWhere, ...(opts.judged === 'apart' ? [notStoredJudged('s')] : [])].join(' and ')}${opts.spansOnly ? '' : `
  union all
  -- complaints with events after the instant: their spans as of it, by the same rules
  select s.* from sla_spans_of(array(select c.id from complaints c where ${laterWhere.join(' and ')}), ${asOf}::timestamptz) s
  where ${scope('s').join(' and ')}`}`}),
span_judged as (
  -- the local date a span is judged on: its stop, the start of a hold still open, else today in its zone
  select s.*, coalesce(s.stop_day, sla_local_day(s.paused_at, s.tzh), ${today('s.tzh')}) as judged_day
  from spans s),
span_target as (
  -- the profile in force: the institution's assignment valid on the timer's start day, else the
  -- default (always for verification, the national admin's timer); and its target for this timer
  select pj.*,
         case pj.timer when 1 then (select t_v from p)[pj.profile_id] when 2 then (select t_ff from p)[pj.profile_id]
              when 4 then (select t_ac from p)[pj.profile_id]
              else case pj.class when 'aspirasi' then (select t_c_a from p)[pj.profile_id]
                                 when 'permintaan_informasi' then (select t_c_pi from p)[pj.profile_id]
                                 when 'pengaduan' then (select t_c_p from p)[pj.profile_id]
                                 else (select t_c_pbp from p)[pj.profile_id] end end as target
  from (${inlineProfiles === undefined
    ? `select sj.*, coalesce(a.ids[nullif(width_bucket(sj.start_day, a.froms), 0)], (select default_profile from p)) as profile_id
       from span_judged sj left join assignments a on sj.timer <> 1 and a.institution_id = sj.inst`
    : `select sj.*, ${inlineProfiles} as profile_id from span_judged sj`}) pj
  -- days outside the calendar have no working-day number: such timers are left out
  where pj.profile_id is not null
    and pj.start_day between (select d0 from p) and (select d1 from p)
    and pj.judged_day between (select d0 from p) and (select d1 from p)),
counted as (
  -- the counting rule: working days d with date(start) < d ≤ the day judged, less the days a hold
  -- gives back; a close by the sweep counts exactly its window (the target)
  select sj.*,
         case when ${bySweep('sj')} then sj.target
              else ${WN('sj.judged_day')} - ${WN('sj.start_day')} - case when ${held} then ${hold.givenBack} else 0 end
         end as used,
         -- 1 when the day judged is not a counted working day (a stop there counts as on the next one)
         ((not ${IW('sj.judged_day')}) or (${held} and ${hold.judgedGivenBack}))::int as nwd,
         -- working days given back for holds, up to today while a hold is still open
         case when ${held} then ${hold.givenBack}
                + case when sj.stop_at is null and sj.paused_at is not null then ${todayNo('sj.tzh')} - ${WN('sj.judged_day')} else 0 end
              else 0 end as held,
         case when ${held} then ${hold.deadlineNo} else ${WN('sj.start_day')} + sj.target end as deadline_no
  from span_target sj),
judged as (
  select c.*, c.used + c.nwd as eff,
         ${stateNoSql({ open: 'c.stop_at is null', bySweep: bySweep('c'), byReturn: "c.stop_kind = 'return'", eff: '(c.used + c.nwd)', target: 'c.target' })} as state_no,
         (select workdays from p)[c.deadline_no - (select wk0 from p) + 1] as deadline_day
  from counted c),
judged_years as (
  -- rule 5: the days a timer touches, from its start to its last counted day or its deadline,
  -- whichever is later (a close by the sweep counts up to its deadline)
  select j.*, greatest(case when ${bySweep('j')} then j.deadline_day else coalesce(j.stop_day, ${today('j.tzh')}) end,
                       j.deadline_day) as last_day
  from judged j),
judged_mask as (
  -- and the years without an official holiday list among them, as bits (see p). Most timers lie
  -- wholly in years with a list, which comparisons of stored columns show without computing the
  -- deadline: its stop (or today, in the latest zone) is before uf and, without holds, its deadline
  -- cannot reach uf (it starts before p.uf_reach).
  select j.*, case when j.start_day >= (select uf_reach from p) or coalesce(j.stop_day, (select d9 from p)) >= (select uf from p)
                        or j.hold_from is not null or j.paused_at is not null
                   then coalesce((select uy_upto from p)[j.last_day - (select d0 from p) + 1]
                                 & ~(select uy_before from p)[j.start_day - (select d0 from p) + 1], 0)
                   else 0 end as unofficial_mask
  from judged_years j),
timers as (
  select x.complaint_id, x.timer as timer_no, ${TIMER_CODE}[x.timer] as timer, x.instance, x.inst as institution_id, x.unit_id,
         x.tzh as tz_hours, x.start_at, x.stop_at, x.stop_kind,
         x.profile_id, x.target, x.used, x.nwd, x.held, (x.stop_at is null and x.paused_at is not null) as paused,
         ${STATE_CODE}[x.state_no + 1] as state, x.state_no,
         (x.state_no = 1 and x.stop_kind = 'return') as returned_late,
         case when x.state_no in (1, 3) and x.eff > x.target then x.eff - x.target else 0 end as late_by,
         x.deadline_no, x.deadline_day,
         x.start_day, x.judged_day, x.last_day,
         x.unofficial_mask, x.unofficial_mask <> 0 as unofficial_year,
         x.class, x.channel, x.confidential, x.status, ${withProvince ? 'i.province_code' : 'null::text'} as province_code, x.cur_inst,
         x.received_at
  from judged_mask x${withProvince ? ' left join institutions i on i.id = x.inst' : ''})`;
  return { sql, bindings: b.values };
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
  const { sql, bindings } = timersCte(q, { holdWindows: await holdWindows(knex) });
  const r = await knex.raw(
    `with ${sql}
     select complaint_id::int as complaint_id, timer, instance, institution_id, unit_id, tz_hours::int as tz_hours, start_at, stop_at,
            stop_kind, profile_id, target, used, held, paused, state, returned_late, deadline_day::text as deadline_day,
            unofficial_year, late_by, class, channel, confidential, status
     from timers order by complaint_id, timer, instance`, bindings);
  return r.rows as TimerRow[];
}

/**
 * What decides a timer's state and its place in the histogram, as one integer (columns of
 * `timers`), low bits first: stopped by a return (1), closed by the sweep (1), stopped (1),
 * timer − 1 (2), target (10: profiles allow 1–365), judged on a day not counted (1), then working
 * days used. The state is decided per group (stateNoSql), not per timer: the planner writes the
 * working-day arithmetic behind `used` out wherever it appears, so each column appears here once.
 * What slaSummary aggregates, and what the sweep stores for stopped timers (sla_spans.judged_code):
 * one expression for both.
 */
const JUDGED_CODE = `(((((((used::bigint * 2 + nwd) * 1024 + target) * 4 + (timer_no - 1)) * 2
                + (stop_at is not null)::int) * 2 + coalesce(stop_kind = 'auto_close', false)::int) * 2)
                + coalesce(stop_kind = 'return', false)::int)`;

/**
 * Stores the judgement of every stopped timer not yet judged (sla_spans.judged_*, migration
 * 0005_judged_spans), computed by timersCte like any report's, so that reports read it instead of
 * computing it again. A stopped timer's judgement does not depend on the day a report runs; what it
 * depends on forgets it when it changes (the migration's triggers). Holds the lock those triggers
 * take, so a calendar or profile change is never lost to a judgement computed before it.
 * Returns the number of timers judged.
 */
export async function judgeStoppedSpans(knex: Knex, now: Date): Promise<number> {
  return knex.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext('lapor.sla_judged'))`);
    await trx.raw(`set local work_mem = '256MB'`);
    await trx.raw(`set local jit = off`).catch(() => undefined);
    const { sql, bindings } = timersCte({ asOf: now, confidentialOf: null }, { judged: 'to_store', holdWindows: await holdWindows(trx) });
    const r = await trx.raw(
      `with ${sql}
       update sla_spans s set judged_code = t.code, judged_mask = t.unofficial_mask, judged_last_day = t.last_day
       from (select complaint_id, timer_no, instance, ${JUDGED_CODE} as code, unofficial_mask, last_day from timers) t
       where s.complaint_id = t.complaint_id and s.timer = t.timer_no and s.instance = t.instance
         and s.stop_at is not null and s.judged_code is null`,
      bindings,
    );
    return r.rowCount ?? 0;
  });
}

export type SlaGroupBy = 'institution' | 'unit' | 'province' | 'class' | 'channel';

export interface SlaSummaryRow {
  group_key: string | null;
  group_id: number | null;
  timer: TimerName;
  /** met + breached + open_within + open_late + returned (every timer is in exactly one state). */
  total: number;
  met: number;
  breached: number;
  open_within: number;
  open_late: number;
  /** First follow-ups stopped by a return at or before the deadline (outside compliance). */
  returned: number;
  /** Of breached: first follow-ups stopped by a return after the deadline. */
  returned_late: number;
  /** met / (met + breached + open_late) in %; null when that is 0 (printed "—"). */
  compliance: number | null;
  median_days: number | null;
  p90_days: number | null;
  /**
   * Years without an official holiday list that some timer of the row touches (TimerRow's
   * unofficial_year: from its start to its last day judged or its deadline, whichever is later),
   * ascending: reports warn about each. A year between two timers' years that neither touches is not named.
   */
  unofficial_years: number[];
}

/**
 * Per group and timer: the five states, returned late, compliance %, median and p90 of working
 * days used (stopped timers). Working days are whole numbers, so the percentiles come from a
 * histogram (one hash aggregate over the timers, then a small window pass) instead of sorting every
 * timer: the same interpolation as percentile_cont (position p·(n−1) between the two nearest ranks).
 */
export async function slaSummary(knex: Knex, q: TimerQuery, by: SlaGroupBy, opts: { storedJudgements?: boolean } = {}): Promise<SlaSummaryRow[]> {
  const judgedApart = opts.storedJudgements !== false;
  const { sql, bindings } = timersCte(q, { province: by === 'province', ...await timersPlan(knex, q.asOf), ...(judgedApart ? { judged: 'apart' as const } : {}) });
  const key = {
    institution: 'institution_id', unit: 'unit_id', province: 'province_code', class: 'class', channel: 'channel',
  }[by];
  // The planner cannot estimate the number of (group, working days) pairs and would sort millions of
  // timers to group them; a hash aggregate into a few hundred thousand groups is several times faster.
  // The aggregate's key is the group and one integer of what a timer's state and the histogram
  // depend on (JUDGED_CODE), computed once per timer or read as the sweep stored it; the state is
  // decided per group (stateNoSql) after it.
  await knex.raw('set local enable_sort = off');
  // The main pass (a scan of the spans, a few hash look-ups) runs in parallel workers when there are
  // many spans; by default the planner prices sending each timer row to the leader too high to try.
  await knex.raw('set local parallel_setup_cost = 100');
  await knex.raw('set local parallel_tuple_cost = 0.01');
  const r = await knex.raw(
    `with ${sql},
     -- (rule 5: the years without an official holiday list that some timer of the group touches)
     hq as (
       select ${key} as k, ${JUDGED_CODE} as code, count(*)::int as n, bit_or(unofficial_mask) as uy from timers group by 1, 2${judgedApart ? `
       -- the stored judgements aggregated on their own (in parallel, partition by partition: the
       -- union of millions of rows would go through one process); a (k, code) may then come twice,
       -- which the sums and bit_or below add up like any other rows
       union all
       select ${key}, judged_code, count(*)::int, bit_or(judged_mask) from stored_judged group by 1, 2` : ''}),
     h0 as (
       -- (JUDGED_CODE decoded)
       select k, ((code >> 3) & 3)::int + 1 as timer_no, (code >> 16)::int as used, ((code >> 15) & 1)::int as nwd,
              ((code >> 5) & 1023)::int as target, (code & 4) = 4 as stopped,
              (code & 2) = 2 as by_sweep, (code & 1) = 1 as by_return, n, uy
       from hq),
     h as (
       select k, timer_no, used, stopped, by_return, n, uy,
              ${stateNoSql({ open: 'not stopped', bySweep: 'timer_no = 4 and by_sweep', byReturn: 'by_return', eff: '(used + nwd)', target: 'target' })} as state_no
       from h0),
     a as (
       select k, timer_no, sum(n)::int as total,
              coalesce(sum(n) filter (where state_no = 0), 0)::int as met,
              coalesce(sum(n) filter (where state_no = 1), 0)::int as breached,
              coalesce(sum(n) filter (where state_no = 2), 0)::int as open_within,
              coalesce(sum(n) filter (where state_no = 3), 0)::int as open_late,
              coalesce(sum(n) filter (where state_no = 4), 0)::int as returned,
              coalesce(sum(n) filter (where state_no = 1 and by_return), 0)::int as returned_late,
              bit_or(uy) as uy
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
            ${TIMER_CODE}[a.timer_no] as timer, a.total, a.met, a.breached, a.open_within, a.open_late, a.returned, a.returned_late,
            pc.m_lo + (0.5::float8 * (pc.tot - 1) - floor(0.5::float8 * (pc.tot - 1))) * (pc.m_hi - pc.m_lo) as median_days,
            pc.q_lo + (0.9::float8 * (pc.tot - 1) - floor(0.9::float8 * (pc.tot - 1))) * (pc.q_hi - pc.q_lo) as p90_days,
            coalesce((select array_agg((select y0 from p) + y order by y) from generate_series(0, 62) y
                      where a.uy & (1::bigint << y) <> 0), '{}') as unofficial_years
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
