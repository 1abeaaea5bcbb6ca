import type { Knex } from 'knex';

/**
 * 0005_judged_spans (issue 16, speed): the judged figures of a stopped timer, stored beside its span.
 *
 * A stopped timer's judgement (working days used, the state, the rule-5 years) depends on its span
 * and on the calendar and profiles, never on the day a report runs. `lapor sla sweep` stores it
 * (src/db/sla.ts judgeStoppedSpans, the one home of the judging rules); `report sla` then reads
 * it instead of computing it again, and computes the rest (running timers, spans not yet judged).
 * A stored judgement is forgotten (set back to null) whenever what it depends on changes: the span
 * itself (the span refresh writes new rows), a national holiday or an official holiday year on one
 * of the days it covers, a profile, or an institution's profile assignment (the triggers below).
 *
 * Columns (null: not judged):
 * - judged_code: the packed figures slaSummary aggregates (judgedCodeSql in src/db/sla.ts);
 * - judged_mask: the years without an official holiday list the timer touches, as bits from the
 *   calendar's first year (rule 5);
 * - judged_last_day: the last day the judgement looked at (its stop or its deadline, whichever is
 *   later): a calendar change after it cannot change the judgement.
 *
 * sla_spans_of returns the columns of sla_spans, so it is re-created with the three columns empty;
 * its rules are exactly those of 0001_baseline, and this is its definition from now on.
 * Literal SQL, self-contained; one statement per call (PGlite).
 */
const STATEMENTS = [
  `alter table sla_spans add column if not exists judged_code bigint, add column if not exists judged_mask bigint,
     add column if not exists judged_last_day date`,
  // the stopped timers still to judge (what the sweep looks for)
  `create index if not exists sla_spans_unjudged on sla_spans (complaint_id) where stop_at is not null and judged_code is null`,
  String.raw`create or replace function sla_spans_of(ids bigint[], as_of timestamptz) returns setof sla_spans
language sql stable parallel safe as $fn$
with complaint as (
  select c.id, c.class, c.channel, c.confidential, c.received_at
  from unnest(ids) k(id) join complaints c on c.id = k.id
  where c.received_at <= as_of),
history as (
  -- each event up to the instant, with the one after it, and its place among disposes and responds
  select e.complaint_id, e.seq, e.kind, e.at, e.to_status, e.from_institution_id, e.to_institution_id, e.to_unit_id,
         lead(e.at) over w as next_at,
         lead(e.kind) over w as next_kind,
         count(*) filter (where e.kind = 'dispose') over w as dispose_no,
         count(*) filter (where e.kind = 'respond') over w as respond_no,
         last_value(e.to_institution_id) over (w rows between unbounded preceding and unbounded following) as holder_now
  from unnest(ids) k(id) join complaint_events e on e.complaint_id = k.id
  where e.at <= as_of
  window w as (partition by e.complaint_id order by e.at, e.seq)),
complaint_now as (
  -- where each complaint stands as of the instant, and the instants its timers start and stop at
  select complaint_id,
         min(at) filter (where kind in ('dispose', 'archive')) as verified_at,
         bool_or(kind = 'dispose') as disposed,
         max(to_institution_id) filter (where kind = 'dispose' and dispose_no = 1) as first_holder,
         max(to_status) filter (where next_at is null) as status,
         max(to_institution_id) filter (where next_at is null) as holder,
         max(to_unit_id) filter (where next_at is null) as holder_unit,
         min(at) filter (where kind = 'dispose' and to_institution_id = holder_now) as holder_first_dispose_at,
         max(at) filter (where kind = 'respond') as last_respond_at,
         max(at) filter (where kind = 'hold' and dispose_no = 0 and next_at is null) as on_hold_since,
         max(at) as last_at
  from history group by complaint_id),
hold_windows as (
  -- the verification timer stops at each hold and restarts at its resume (holds come before the first dispose)
  select complaint_id, array_agg(at order by at, seq) as hold_from, array_agg(next_at order by at, seq) as hold_to
  from history where kind = 'hold' and dispose_no = 0 and next_kind = 'resume' group by complaint_id),
disposition as (
  -- a dispose and the events after it, up to the next dispose: its first respond or return stops it
  select complaint_id, dispose_no, min(at) filter (where kind = 'dispose') as disposed_at,
         max(to_institution_id) filter (where kind = 'dispose') as inst,
         min(at) filter (where kind = 'respond') as responded_at, min(at) filter (where kind = 'return') as returned_at
  from history where dispose_no > 0 group by complaint_id, dispose_no),
timer_span as (
  -- verification: received → the first dispose or archive, national (WIB), paused by holds
  select n.complaint_id, 1::smallint as timer, 1 as instance, n.first_holder as inst, true as national,
         c.received_at as start_at, n.verified_at as stop_at,
         case when n.verified_at is null then null when n.disposed then 'dispose' else 'archive' end as stop_kind,
         case when n.verified_at is null then n.on_hold_since end as paused_at, h.hold_from, h.hold_to
  from complaint_now n join complaint c on c.id = n.complaint_id left join hold_windows h on h.complaint_id = n.complaint_id
  union all
  -- first follow-up: each dispose → that institution's first respond, or its return
  select complaint_id, 2::smallint, dispose_no::int, inst, false, disposed_at, least(responded_at, returned_at),
         case when responded_at is null and returned_at is null then null
              when returned_at is null or responded_at <= returned_at then 'respond' else 'return' end,
         null, null, null
  from disposition where inst is not null
  union all
  -- completion: the first dispose to the institution holding it now → the last respond before closure
  select complaint_id, 3::smallint, 1, holder, false, holder_first_dispose_at,
         case when status in ('responded', 'closed') then last_respond_at end,
         case when status in ('responded', 'closed') then 'respond' end,
         null, null, null
  from complaint_now
  where holder_first_dispose_at is not null
    and (status in ('with_institution', 'with_unit') or (status in ('responded', 'closed') and last_respond_at is not null))
  union all
  -- auto-close: each respond → the next event (a reply stops it; close or the sweep's auto_close closes)
  select complaint_id, 4::smallint, respond_no::int, coalesce(from_institution_id, to_institution_id), false, at, next_at, next_kind,
         null, null, null
  from history where kind = 'respond'),
zoned as (
  -- one zone per timer: WIB for the national step, else the holder institution's
  select t.*, (case when t.national or t.inst is null then 7
                    when i.time_zone = 'WITA' then 8 when i.time_zone = 'WIT' then 9 else 7 end)::smallint as tzh
  from timer_span t left join institutions i on i.id = t.inst)
select z.complaint_id, z.timer, z.instance, z.inst, z.tzh,
       case when z.inst = n.holder then n.holder_unit end,
       z.start_at, z.stop_at, sla_local_day(z.start_at, z.tzh), sla_local_day(z.stop_at, z.tzh),
       z.stop_kind, z.paused_at, z.hold_from, z.hold_to,
       c.received_at, n.last_at, c.class, c.channel, c.confidential, n.holder, n.status,
       null::bigint, null::bigint, null::date
from zoned z join complaint_now n on n.complaint_id = z.complaint_id join complaint c on c.id = z.complaint_id
$fn$;`,
  // Forgets stored judgements: those whose days [start_day, judged_last_day] meet [lo, hi] (null:
  // any), of the institutions insts (null: any; a profile assignment never applies to the national
  // verification timer). Holds the same lock as the sweep's judging, so a judgement computed from a
  // calendar or profile that changes meanwhile is forgotten after it is stored, never before.
  String.raw`create function sla_judged_forget(lo date, hi date, insts int[]) returns void language plpgsql as $fn$
begin
  perform pg_advisory_xact_lock(hashtext('lapor.sla_judged'));
  update sla_spans set judged_code = null, judged_mask = null, judged_last_day = null
  where judged_code is not null
    and (lo is null or (start_day <= hi and judged_last_day >= lo))
    and (insts is null or (inst = any(insts) and timer <> 1));
end
$fn$`,
  String.raw`create function sla_judged_on_holidays() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    -- (nested: new_rows exists only for these operations, and PL/pgSQL plans a condition whole)
    if exists (select 1 from new_rows) then
      perform sla_judged_forget((select min(day) from new_rows), (select max(day) from new_rows), null);
    end if;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    if exists (select 1 from old_rows) then
      perform sla_judged_forget((select min(day) from old_rows), (select max(day) from old_rows), null);
    end if;
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_holidays_ins after insert on holidays referencing new table as new_rows
     for each statement execute function sla_judged_on_holidays()`,
  `create trigger sla_judged_holidays_upd after update on holidays referencing old table as old_rows new table as new_rows
     for each statement execute function sla_judged_on_holidays()`,
  `create trigger sla_judged_holidays_del after delete on holidays referencing old table as old_rows
     for each statement execute function sla_judged_on_holidays()`,
  String.raw`create function sla_judged_on_years() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    if exists (select 1 from new_rows) then
      perform sla_judged_forget(make_date((select min(year) from new_rows), 1, 1), make_date((select max(year) from new_rows), 12, 31), null);
    end if;
  elsif exists (select 1 from old_rows) then
    perform sla_judged_forget(make_date((select min(year) from old_rows), 1, 1), make_date((select max(year) from old_rows), 12, 31), null);
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_years_ins after insert on calendar_years referencing new table as new_rows
     for each statement execute function sla_judged_on_years()`,
  `create trigger sla_judged_years_del after delete on calendar_years referencing old table as old_rows
     for each statement execute function sla_judged_on_years()`,
  // (a year's row updated keeps the year official: its source changes no figure)
  // a profile's targets or the default profile: every judgement
  String.raw`create function sla_judged_on_profiles() returns trigger language plpgsql as $fn$
begin
  perform sla_judged_forget(null, null, null);
  return null;
end
$fn$`,
  `create trigger sla_judged_profiles after update or delete on sla_profiles
     for each statement execute function sla_judged_on_profiles()`,
  `create trigger sla_judged_profiles_default after insert on sla_profiles
     for each row when (new.is_default) execute function sla_judged_on_profiles()`,
  String.raw`create function sla_judged_on_assignments() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    -- (nested: new_rows exists only for these operations, and PL/pgSQL plans a condition whole)
    if exists (select 1 from new_rows) then
      perform sla_judged_forget(null, null, array(select distinct institution_id from new_rows));
    end if;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    if exists (select 1 from old_rows) then
      perform sla_judged_forget(null, null, array(select distinct institution_id from old_rows));
    end if;
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_assignments_ins after insert on institution_sla_profiles referencing new table as new_rows
     for each statement execute function sla_judged_on_assignments()`,
  `create trigger sla_judged_assignments_upd after update on institution_sla_profiles referencing old table as old_rows new table as new_rows
     for each statement execute function sla_judged_on_assignments()`,
  `create trigger sla_judged_assignments_del after delete on institution_sla_profiles referencing old table as old_rows
     for each statement execute function sla_judged_on_assignments()`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of STATEMENTS) await knex.raw(sql);
}

/**
 * Undoes the forgetting and the index; the columns stay, and sla_spans_of with them (it returns
 * them empty, and an empty judgement changes no figure). Re-applying `up` after it is safe.
 */
export async function down(knex: Knex): Promise<void> {
  for (const f of ['sla_judged_on_holidays', 'sla_judged_on_years', 'sla_judged_on_profiles', 'sla_judged_on_assignments']) {
    await knex.raw(`drop function if exists ${f}() cascade`);
  }
  await knex.raw('drop function if exists sla_judged_forget(date, date, int[])');
  await knex.raw('drop index if exists sla_spans_unjudged');
}
