import type { Knex } from 'knex';

/**
 * 0041: sla_spans, the calendar- and profile-independent part of every SLA timer (DESIGN §6),
 * kept up to date in the same transaction as every write to complaint_events.
 *
 * One row per complaint and timer instance: the holder institution (and unit), its zone, the
 * start and stop instants (and their local dates in that zone), how the timer stopped, the hold
 * windows of the verification timer, and the complaint's attributes the reports group and filter
 * by. Nothing here depends on the working-day calendar or on a profile: reports look up
 * calendar_days.workday_no and the profile targets at report time, so a holiday import or a
 * profile change needs no recompute and nothing can go stale.
 *
 * Timer codes: 1 verification, 2 first follow-up (one per dispose), 3 completion, 4 auto-close
 * (one per respond). The rows describe the complaint's whole history, i.e. its state as of any
 * instant at or after last_at; reports "as of" an earlier instant compute the complaints whose
 * last_at is later from complaint_events instead (src/db/sla.ts).
 *
 * Maintenance: statement-level AFTER INSERT / UPDATE / DELETE triggers on complaint_events with
 * transition tables recompute the spans of every complaint the statement touched (one set-based
 * pass; COPY and multi-row inserts fire once per statement). Row triggers on complaints (class,
 * channel, confidential, received_at) and institutions (time_zone) recompute the complaints
 * concerned. Events are ordered by (at, seq) everywhere, as in src/domain/sla.ts.
 */

// Local calendar date of an instant at a fixed offset in hours (integer arithmetic).
const local = (col: string, tz: string) =>
  `(date '1970-01-01' + ((extract(epoch from ${col})::bigint + (${tz}) * 3600) / 86400)::int)`;

/**
 * How the completion timer finds the first dispose to the complaint's current institution:
 * 'join' (0041–0044) joins a per-(complaint, institution) aggregate to `g`; 'window' (0045) marks
 * each event with its complaint's last holder in the events' window and takes the minimum in `g`,
 * so no join is left whose plan depends on row estimates (see 0045).
 */
export type CompletionRule = 'join' | 'window';

/**
 * The INSERT … SELECT that computes the spans of the complaints matched by `evFilter` / `cFilter`.
 * `evSource` replaces the events' FROM item (migration 0044: one index probe per complaint); it
 * must expose complaint_events' columns as `e`.
 */
export function spansInsertSql(evFilter: string, cFilter: string, evSource = 'complaint_events e',
  completion: CompletionRule = 'join'): string {
  const byWindow = completion === 'window';
  return `
insert into sla_spans (complaint_id, timer, instance, inst, tzh, unit_id, start_at, stop_at, start_day, stop_day,
                       stop_kind, paused_at, hold_from, hold_to, received_at, last_at, class, channel, confidential,
                       cur_inst, status)
with ev as (
  select e.complaint_id, e.seq, e.kind, e.at, e.to_status, e.from_institution_id, e.to_institution_id, e.to_unit_id,
         lead(e.at) over w as next_at,
         lead(e.kind) over w as next_kind,
         count(*) filter (where e.kind = 'dispose') over w as dg,
         count(*) filter (where e.kind = 'respond') over w as rg${byWindow ? `,
         last_value(e.to_institution_id) over (w rows between unbounded preceding and unbounded following) as last_inst` : ''}
  from ${evSource}
  where ${evFilter}
  window w as (partition by e.complaint_id order by e.at, e.seq)),
g as (
  select complaint_id,
         min(at) filter (where kind in ('dispose', 'archive')) as v_stop_at,
         bool_or(kind = 'dispose') as v_disposed,
         max(to_institution_id) filter (where kind = 'dispose' and dg = 1) as d1_inst,
         max(to_status) filter (where next_at is null) as status,
         max(to_institution_id) filter (where next_at is null) as cur_inst,
         max(to_unit_id) filter (where next_at is null) as cur_unit,
         max(at) filter (where kind = 'respond') as last_resp_at,
         max(at) filter (where kind = 'hold' and dg = 0 and next_at is null) as open_hold_at,
         max(at) as last_at${byWindow ? `,
         min(at) filter (where kind = 'dispose' and to_institution_id = last_inst) as cur_first_at` : ''}
  from ev group by complaint_id),
hd as (
  select complaint_id, array_agg(at order by at, seq) as hold_from, array_agg(next_at order by at, seq) as hold_to
  from ev where kind = 'hold' and dg = 0 and next_at is not null group by complaint_id),
ffg as (
  select complaint_id, dg, min(at) filter (where kind = 'dispose') as start_at,
         max(to_institution_id) filter (where kind = 'dispose') as inst,
         min(at) filter (where kind = 'respond') as f_resp, min(at) filter (where kind = 'return') as f_ret
  from ev where dg > 0 group by complaint_id, dg),
${byWindow ? '' : `fd as (
  select complaint_id, to_institution_id as inst, min(at) as first_at
  from ev where kind = 'dispose' group by complaint_id, to_institution_id),
`}c as (select c.id, c.class, c.channel, c.confidential, c.received_at from complaints c where ${cFilter}),
t as (
  select g.complaint_id, 1::smallint as timer, 1 as instance, g.d1_inst as inst, true as national,
         c.received_at as start_at, g.v_stop_at as stop_at,
         case when g.v_stop_at is null then null when g.v_disposed then 'dispose' else 'archive' end as stop_kind,
         case when g.v_stop_at is null then g.open_hold_at end as paused_at, hd.hold_from, hd.hold_to
  from g join c on c.id = g.complaint_id left join hd on hd.complaint_id = g.complaint_id
  union all
  select complaint_id, 2::smallint, dg::int, inst, false, start_at, least(f_resp, f_ret),
         case when f_resp is null and f_ret is null then null
              when f_ret is null or f_resp <= f_ret then 'respond' else 'return' end,
         null, null, null
  from ffg where inst is not null
  union all
  select g.complaint_id, 3::smallint, 1, g.cur_inst, false, ${byWindow ? 'g.cur_first_at' : 'fd.first_at'},
         case when g.status in ('responded', 'closed') then g.last_resp_at end,
         case when g.status in ('responded', 'closed') then 'respond' end,
         null, null, null
  from g ${byWindow ? '' : 'join fd on fd.complaint_id = g.complaint_id and fd.inst = g.cur_inst'}
  where ${byWindow ? 'g.cur_first_at is not null and (' : ''}g.status in ('with_institution', 'with_unit') or (g.status in ('responded', 'closed') and g.last_resp_at is not null)${byWindow ? ')' : ''}
  union all
  select complaint_id, 4::smallint, rg::int, coalesce(from_institution_id, to_institution_id), false, at, next_at, next_kind,
         null, null, null
  from ev where kind = 'respond'),
z as (
  select t.*, (case when t.national or t.inst is null then 7
                    when i.time_zone = 'WITA' then 8 when i.time_zone = 'WIT' then 9 else 7 end)::smallint as tzh
  from t left join institutions i on i.id = t.inst)
select z.complaint_id, z.timer, z.instance, z.inst, z.tzh,
       case when z.inst = g.cur_inst then g.cur_unit end,
       z.start_at, z.stop_at, ${local('z.start_at', 'z.tzh')}, ${local('z.stop_at', 'z.tzh')},
       z.stop_kind, z.paused_at, z.hold_from, z.hold_to,
       c.received_at, g.last_at, c.class, c.channel, c.confidential, g.cur_inst, g.status
from z join g on g.complaint_id = z.complaint_id join c on c.id = z.complaint_id`;
}

/** Refreshing the named complaints' spans by `= any(ids)`: 0041's statements (0044 keeps them for large sets). */
export function refreshNamedByAny(completion: CompletionRule = 'join'): string {
  return `delete from sla_spans where complaint_id = any(ids);
    ${spansInsertSql('e.complaint_id = any(ids)', 'c.id = any(ids)', 'complaint_events e', completion)};`;
}
export const REFRESH_NAMED_BY_ANY = refreshNamedByAny();

/**
 * sla_spans_refresh(ids): every complaint when ids is null (the backfill), else the named ones by
 * `named` (PL/pgSQL statements over `ids`). 0041 installs it with REFRESH_NAMED_BY_ANY; 0044
 * replaces the named branch.
 */
export function refreshFunctionSql(named: string = REFRESH_NAMED_BY_ANY, completion: CompletionRule = 'join'): string {
  return `create or replace function sla_spans_refresh(ids bigint[]) returns void language plpgsql as $fn$
begin
  if ids is null then
    delete from sla_spans;
    ${spansInsertSql('true', 'true', 'complaint_events e', completion)};
  elsif cardinality(ids) > 0 then
    ${named}
  end if;
end
$fn$`;
}

const FUNCTIONS = `
${refreshFunctionSql()};

create or replace function sla_spans_on_events() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    perform sla_spans_refresh(array(select distinct complaint_id from new_events));
  elsif tg_op = 'DELETE' then
    perform sla_spans_refresh(array(select distinct complaint_id from old_events));
  else
    perform sla_spans_refresh(array(select complaint_id from new_events union select complaint_id from old_events));
  end if;
  return null;
end
$fn$;

create or replace function sla_spans_on_complaint() returns trigger language plpgsql as $fn$
begin
  perform sla_spans_refresh(array[new.id, old.id]);
  return null;
end
$fn$;

create or replace function sla_spans_on_institution() returns trigger language plpgsql as $fn$
begin
  perform sla_spans_refresh(array(select distinct complaint_id from sla_spans where inst = new.id));
  return null;
end
$fn$;
`;

const TRIGGERS = `
create trigger sla_spans_events_insert after insert on complaint_events
  referencing new table as new_events for each statement execute function sla_spans_on_events();
create trigger sla_spans_events_update after update on complaint_events
  referencing old table as old_events new table as new_events for each statement execute function sla_spans_on_events();
create trigger sla_spans_events_delete after delete on complaint_events
  referencing old table as old_events for each statement execute function sla_spans_on_events();
create trigger sla_spans_complaint after update of class, channel, confidential, received_at on complaints
  for each row when (old.class is distinct from new.class or old.channel is distinct from new.channel
                     or old.confidential is distinct from new.confidential or old.received_at is distinct from new.received_at)
  execute function sla_spans_on_complaint();
create trigger sla_spans_institution after update of time_zone on institutions
  for each row when (old.time_zone is distinct from new.time_zone) execute function sla_spans_on_institution();
`;

/** Top-level statements of a script: split on ';' at line ends outside $fn$ bodies (one per prepared statement). */
function statements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inBody = false;
  for (const line of script.split('\n')) {
    cur += `${line}\n`;
    if ((line.match(/\$fn\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(cur.trim().replace(/;$/, ''));
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export const m0041 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw(`
      create table sla_spans (
        complaint_id bigint not null,
        timer smallint not null,
        instance int not null,
        inst int,
        tzh smallint not null,
        unit_id int,
        start_at timestamptz not null,
        stop_at timestamptz,
        start_day date not null,
        stop_day date,
        stop_kind text,
        paused_at timestamptz,
        hold_from timestamptz[],
        hold_to timestamptz[],
        received_at timestamptz not null,
        last_at timestamptz not null,
        class text not null,
        channel text,
        confidential boolean not null,
        cur_inst int,
        status text,
        primary key (complaint_id, timer, instance))`);
    await knex.raw('create index sla_spans_inst on sla_spans (inst, timer)');
    await knex.raw('create index sla_spans_open on sla_spans (inst) where stop_at is null');
    await knex.raw('create index sla_spans_last_at on sla_spans (last_at) where timer = 1');
    await knex.raw('create index sla_spans_held on sla_spans (complaint_id) where hold_from is not null');
    for (const stmt of statements(FUNCTIONS)) await knex.raw(stmt);
    for (const stmt of statements(TRIGGERS)) await knex.raw(stmt);
    // Backfill every complaint already in the database (one set-based pass).
    await knex.raw('select sla_spans_refresh(null)');
    await knex.raw('analyze sla_spans');
  },
  async down(knex: Knex): Promise<void> {
    for (const stmt of statements(`
      drop trigger if exists sla_spans_institution on institutions;
      drop trigger if exists sla_spans_complaint on complaints;
      drop trigger if exists sla_spans_events_delete on complaint_events;
      drop trigger if exists sla_spans_events_update on complaint_events;
      drop trigger if exists sla_spans_events_insert on complaint_events;
      drop function if exists sla_spans_on_institution();
      drop function if exists sla_spans_on_complaint();
      drop function if exists sla_spans_on_events();
      drop function if exists sla_spans_refresh(bigint[]);
      drop table if exists sla_spans`)) await knex.raw(stmt);
  },
};
