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
 * - judged_code: the packed figures slaSummary aggregates (JUDGED_CODE in src/db/sla.ts);
 * - judged_mask: the years without an official holiday list the timer touches, as bits from the
 *   calendar's first year (rule 5);
 * - judged_last_day: the last day the judgement looked at (its stop or its deadline, whichever is
 *   later): a calendar change after it cannot change the judgement.
 *
 * sla_spans_of returns the columns of sla_spans, so its final select gains the three columns, empty;
 * its rules are not restated: they stay written once, in 0001_baseline.
 * Literal SQL, self-contained; one statement per call (PGlite).
 */
const STATEMENTS = [
  `alter table sla_spans add column if not exists judged_code bigint, add column if not exists judged_mask bigint,
     add column if not exists judged_last_day date`,
  // the stopped timers still to judge (what the sweep looks for)
  `create index if not exists sla_spans_unjudged on sla_spans (complaint_id) where stop_at is not null and judged_code is null`,
  // sla_spans_of returns the columns of sla_spans: the function as 0001_baseline wrote it, with
  // the three columns appended empty (its rules stay written once, there)
  String.raw`do $do$
declare
  def text := pg_get_functiondef('sla_spans_of(bigint[], timestamptz)'::regprocedure);
  patched text := replace(def, E'n.holder, n.status\nfrom zoned z',
                               E'n.holder, n.status,\n       null::bigint, null::bigint, null::date\nfrom zoned z');
begin
  if position('null::bigint, null::bigint, null::date' in def) > 0 then
    return; -- (applied again after its down, which keeps the columns)
  elsif patched = def then
    raise exception 'sla_spans_of is not the function of 0001_baseline that 0005_judged_spans extends';
  end if;
  execute patched;
end
$do$`,
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
  // The triggers: each statement's changed rows (inserted, deleted, or both sides of an update,
  // one trigger each) as the transition table \`changed\`, and what they touch forgotten.
  String.raw`create function sla_judged_on_holidays() returns trigger language plpgsql as $fn$
begin
  if exists (select 1 from changed) then
    perform sla_judged_forget((select min(day) from changed), (select max(day) from changed), null);
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_holidays_ins after insert on holidays referencing new table as changed
     for each statement execute function sla_judged_on_holidays()`,
  `create trigger sla_judged_holidays_upd_new after update on holidays referencing new table as changed
     for each statement execute function sla_judged_on_holidays()`,
  `create trigger sla_judged_holidays_upd_old after update on holidays referencing old table as changed
     for each statement execute function sla_judged_on_holidays()`,
  `create trigger sla_judged_holidays_del after delete on holidays referencing old table as changed
     for each statement execute function sla_judged_on_holidays()`,
  // a year's list becoming official or removed (an updated row keeps the year official: its source
  // changes no figure)
  String.raw`create function sla_judged_on_years() returns trigger language plpgsql as $fn$
begin
  if exists (select 1 from changed) then
    perform sla_judged_forget(make_date((select min(year) from changed), 1, 1), make_date((select max(year) from changed), 12, 31), null);
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_years_ins after insert on calendar_years referencing new table as changed
     for each statement execute function sla_judged_on_years()`,
  `create trigger sla_judged_years_del after delete on calendar_years referencing old table as changed
     for each statement execute function sla_judged_on_years()`,
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
  // an institution's profile assignments: its timers
  String.raw`create function sla_judged_on_assignments() returns trigger language plpgsql as $fn$
begin
  if exists (select 1 from changed) then
    perform sla_judged_forget(null, null, array(select distinct institution_id from changed));
  end if;
  return null;
end
$fn$`,
  `create trigger sla_judged_assignments_ins after insert on institution_sla_profiles referencing new table as changed
     for each statement execute function sla_judged_on_assignments()`,
  `create trigger sla_judged_assignments_upd_new after update on institution_sla_profiles referencing new table as changed
     for each statement execute function sla_judged_on_assignments()`,
  `create trigger sla_judged_assignments_upd_old after update on institution_sla_profiles referencing old table as changed
     for each statement execute function sla_judged_on_assignments()`,
  `create trigger sla_judged_assignments_del after delete on institution_sla_profiles referencing old table as changed
     for each statement execute function sla_judged_on_assignments()`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of STATEMENTS) await knex.raw(sql);
}

/**
 * Undoes the forgetting and the index, and empties the stored judgements: nothing would forget
 * them any more, and `up` applied again later must not find judgements made before a calendar or
 * profile change. The columns stay, and sla_spans_of with them (it returns them empty). Re-applying
 * `up` after it is safe.
 */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('update sla_spans set judged_code = null, judged_mask = null, judged_last_day = null where judged_code is not null');
  for (const f of ['sla_judged_on_holidays', 'sla_judged_on_years', 'sla_judged_on_profiles', 'sla_judged_on_assignments']) {
    await knex.raw(`drop function if exists ${f}() cascade`);
  }
  await knex.raw('drop function if exists sla_judged_forget(date, date, int[])');
  await knex.raw('drop index if exists sla_spans_unjudged');
}
