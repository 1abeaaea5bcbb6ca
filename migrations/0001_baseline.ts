import type { Knex } from 'knex';

/**
 * 0001_baseline: the whole schema of lapor as one literal SQL script (DESIGN §4, §6), the squash
 * of every migration written before the first release. From here on migrations are forward-only
 * and each is self-contained: literal SQL, no imports of other migrations, no flags.
 *
 * The script is TypeScript text (not a .sql file read at run time) so that the compiled CLI in
 * dist/ carries it. Statements end with ';' at the end of a line; function bodies are quoted
 * with $fn$, and a ';' inside them does not end a statement. (PGlite runs one statement per call.)
 */
export const BASELINE_SQL = String.raw`
-- lapor baseline schema (DESIGN §4, §6). One script, literal SQL; statements end with ';' at a line end.

create table sla_profiles (
  id serial primary key,
  name text not null,
  version integer not null default 1,
  title text not null,
  legal_basis text,
  valid_from date not null,
  valid_to date,
  -- {"verification":3,"first_follow_up":5,"completion":{"aspirasi":5,...},"auto_close":10}
  targets jsonb not null,
  is_default boolean not null default false,
  created_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint sla_profiles_name_version_unique unique (name, version));
create unique index sla_profiles_one_default on sla_profiles ((true)) where is_default;

create table institutions (
  id serial primary key,
  code text not null constraint institutions_code_unique unique,
  name text not null,
  kind text not null,
  region_code text,
  parent_id integer constraint institutions_parent_id_foreign references institutions (id),
  province_code text,
  time_zone text not null default 'WIB',
  -- unregistered: known (region list, K/L list) but no decree yet; active: a decree is in force.
  status text not null default 'unregistered',
  created_at timestamptz not null default CURRENT_TIMESTAMP,
  updated_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint institutions_kind check (kind in ('kementerian','lembaga','provinsi','kabupaten','kota','bumn','other')),
  constraint institutions_time_zone check (time_zone in ('WIB','WITA','WIT')),
  constraint institutions_status check (status in ('unregistered','active','inactive')));
create index institutions_province on institutions (province_code);

create table institution_sla_profiles (
  institution_id integer not null constraint institution_sla_profiles_institution_id_foreign references institutions (id),
  profile_id integer not null constraint institution_sla_profiles_profile_id_foreign references sla_profiles (id),
  valid_from date not null,
  assigned_by text,
  assigned_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint institution_sla_profiles_pkey primary key (institution_id, valid_from));

create table decrees (
  id serial primary key,
  institution_id integer not null constraint decrees_institution_id_foreign references institutions (id),
  number text not null,
  decree_date date not null,
  signed_by text not null,
  received_at date,
  effective_from date not null,
  superseded_by integer constraint decrees_superseded_by_foreign references decrees (id),
  -- set first when a newer decree arrives, then superseded_by once it has an id
  superseded_at date,
  -- hash of the normalised decree: registering the same decree twice changes nothing
  content_hash text not null,
  document jsonb not null,
  registered_by text,
  registered_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint decrees_institution_id_number_unique unique (institution_id, number));
-- one decree in force per institution (the others are superseded)
create unique index decrees_one_current on decrees (institution_id) where superseded_at is null;

create table units (
  id serial primary key,
  institution_id integer not null constraint units_institution_id_foreign references institutions (id),
  code text not null,
  name text not null,
  parent_unit_id integer constraint units_parent_unit_id_foreign references units (id),
  active boolean not null default true,
  created_at timestamptz not null default CURRENT_TIMESTAMP,
  -- a unit dropped by a newer decree keeps its history
  active_to date,
  constraint units_institution_id_code_unique unique (institution_id, code));

create table officers (
  id serial primary key,
  username text not null constraint officers_username_unique unique,
  name text not null,
  nip text,
  position text,
  email text,
  phone text,
  role text not null,
  institution_id integer constraint officers_institution_id_foreign references institutions (id),
  unit_id integer constraint officers_unit_id_foreign references units (id),
  decree_id integer constraint officers_decree_id_foreign references decrees (id),
  active_from date not null,
  active_to date,
  deactivated_reason text,
  created_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint officers_role check (role in ('patron','supervisor','admin','liaison','super_admin')),
  constraint officers_scope check (role = 'super_admin' or institution_id is not null),
  constraint officers_liaison_unit check (role <> 'liaison' or unit_id is not null));
create index officers_institution on officers (institution_id) where active_to is null;
-- officers are matched across decrees by NIP
create index officers_nip on officers (nip) where nip is not null;

create table import_batches (
  id serial primary key,
  source text not null,
  file_name text not null,
  file_hash text not null,
  institution_id integer constraint import_batches_institution_id_foreign references institutions (id),
  status text not null default 'running',
  dry_run boolean not null default false,
  rows_read bigint not null default '0',
  rows_inserted bigint not null default '0',
  rows_duplicate bigint not null default '0',
  rows_rejected bigint not null default '0',
  options jsonb,
  actor text,
  message text,
  started_at timestamptz not null default CURRENT_TIMESTAMP,
  finished_at timestamptz,
  constraint import_batches_status check (status in ('running','done','failed','aborted')));

create table import_rejects (
  batch_id integer not null constraint import_rejects_batch_id_foreign references import_batches (id) on delete cascade,
  line_no bigint not null,
  raw text not null,
  field text,
  reason text not null,
  constraint import_rejects_pkey primary key (batch_id, line_no));

create sequence complaint_tracking_seq start with 1;
create table complaints (
  id bigserial primary key,
  -- opaque numeric string, unique; legacy rows keep theirs when they have one
  tracking_id text not null constraint complaints_tracking_id_unique unique,
  source text not null,
  external_id text not null,
  channel text not null,
  received_at timestamptz not null,
  class text not null,
  category text,
  title text,
  body text not null,
  region_code text,
  reporter_name text,
  reporter_nik text,
  reporter_phone text,
  reporter_email text,
  anonymous boolean not null default false,
  confidential boolean not null default false,
  institution_id integer constraint complaints_institution_id_foreign references institutions (id),
  unit_id integer constraint complaints_unit_id_foreign references units (id),
  status text not null default 'received',
  -- bumped by every transition: the optimistic-concurrency check of two operators at once
  version integer not null default 1,
  legacy boolean not null default false,
  import_batch_id integer constraint complaints_import_batch_id_foreign references import_batches (id),
  created_at timestamptz not null default CURRENT_TIMESTAMP,
  updated_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint complaints_source_external_id_unique unique (source, external_id),
  constraint complaints_status check (status in ('received','on_hold','archived','with_institution','with_unit','returned','responded','closed')),
  constraint complaints_class check (class in ('aspirasi','permintaan_informasi','pengaduan','pengaduan_berkadar_pengawasan')));
create index complaints_holder on complaints (institution_id, status);
create index complaints_received on complaints (received_at);
-- the sweep and the work queues look complaints up by status (oldest first)
create index complaints_status_received on complaints (status, received_at);
create index complaints_unit_held on complaints (unit_id) where status = 'with_unit';

-- The biggest table (3–5 rows per complaint), written at COPY speed by the bulk import: only the
-- key that matters has a foreign key (complaint_id → complaints, and Citus co-location by it); the
-- holder and actor columns are written by lapor's own code, which resolves them first.
create table complaint_events (
  complaint_id bigint not null constraint complaint_events_complaint_id_foreign references complaints (id),
  -- position in the complaint's history: (complaint_id, seq) is unique, so two writers cannot
  -- both append the "next" event, and order is never ambiguous
  seq integer not null,
  kind text not null,
  at timestamptz not null,
  actor_id integer,
  actor text,
  from_status text,
  to_status text,
  from_institution_id integer,
  to_institution_id integer,
  from_unit_id integer,
  to_unit_id integer,
  reason text,
  body text,
  legacy boolean not null default false,
  recorded_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint complaint_events_pkey primary key (complaint_id, seq));
-- reports of one institution or province pre-select the complaints ever disposed to it
create index complaint_events_dispose_to on complaint_events (to_institution_id, complaint_id) where kind = 'dispose';

create table holidays (
  day date not null,
  name text not null,
  kind text not null,
  source text not null,
  -- null: national (libur nasional, cuti bersama); a province code for a regional holiday
  region_code text,
  imported_at timestamptz not null default CURRENT_TIMESTAMP,
  constraint holidays_kind check (kind in ('libur_nasional','cuti_bersama','regional')));
create unique index holidays_day_name on holidays (day, name, coalesce(region_code, ''));

create table calendar_years (
  year integer primary key,
  source text not null,
  imported_at timestamptz not null default CURRENT_TIMESTAMP);

-- One row per date 2015–2035. workday_no is the number of working days up to and including the
-- date, so "working days after a, up to and including b" is two look-ups: no(b) - no(a).
create table calendar_days (
  day date primary key,
  is_workday boolean not null,
  iso_weekday smallint not null,
  holiday_name text,
  holiday_kind text,
  source text,
  workday_no integer not null);
create index calendar_days_workday_no on calendar_days (workday_no) where is_workday;

create table routing_rules (
  id serial primary key,
  region_code text,
  category text,
  institution_id integer not null constraint routing_rules_institution_id_foreign references institutions (id),
  priority integer not null default 100,
  created_by text,
  created_at timestamptz not null default CURRENT_TIMESTAMP);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default CURRENT_TIMESTAMP,
  actor text,
  action text not null,
  detail jsonb);

-- DESIGN §6: the default profile, PermenPANRB 62/2018. Profiles are data, not code.
insert into sla_profiles (name, version, title, legal_basis, valid_from, targets, is_default) values (
  'permenpan-62-2018', 1, 'PermenPANRB No. 62 Tahun 2018',
  'Peraturan Menteri PANRB Nomor 62 Tahun 2018 tentang Pedoman Teknis Pengelolaan Pengaduan Pelayanan Publik Nasional',
  '2018-01-01',
  '{"verification":3,"first_follow_up":5,"completion":{"aspirasi":5,"permintaan_informasi":5,"pengaduan":14,"pengaduan_berkadar_pengawasan":60},"auto_close":10}',
  true);

-- sla_spans: the calendar- and profile-independent part of every SLA timer (DESIGN §6), kept up to
-- date in the same transaction as every write to complaint_events (docs/sla.md, "How the engine
-- computes"). Partitioned by the timer's institution so that report sla aggregates partition by
-- partition in parallel workers; (complaint_id, timer, instance) is kept unique by the refresh,
-- which deletes a complaint's spans before inserting them.
create table sla_spans (
  complaint_id bigint not null,
  timer smallint not null,
  instance integer not null,
  inst integer,
  tzh smallint not null,
  unit_id integer,
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
  cur_inst integer,
  status text)
partition by hash (inst);
create table sla_spans_p0 partition of sla_spans for values with (modulus 8, remainder 0);
create table sla_spans_p1 partition of sla_spans for values with (modulus 8, remainder 1);
create table sla_spans_p2 partition of sla_spans for values with (modulus 8, remainder 2);
create table sla_spans_p3 partition of sla_spans for values with (modulus 8, remainder 3);
create table sla_spans_p4 partition of sla_spans for values with (modulus 8, remainder 4);
create table sla_spans_p5 partition of sla_spans for values with (modulus 8, remainder 5);
create table sla_spans_p6 partition of sla_spans for values with (modulus 8, remainder 6);
create table sla_spans_p7 partition of sla_spans for values with (modulus 8, remainder 7);
create index sla_spans_complaint on sla_spans (complaint_id, timer, instance);
create index sla_spans_inst on sla_spans (inst, timer);
create index sla_spans_open on sla_spans (inst) where stop_at is null;
create index sla_spans_last_at on sla_spans (last_at) where timer = 1;
-- reports write the hold rule out for the most hold windows a span has: found by this index
create index sla_spans_holds on sla_spans (cardinality(hold_from)) where hold_from is not null;

-- The local calendar date of an instant at a fixed offset of tzh hours (integer arithmetic, cheaper
-- per row than AT TIME ZONE). Every timer has one zone (DESIGN §6). Declared stable, as extract()
-- from a timestamptz is: the planner then inlines it (an immutable function with a stable body is
-- called per row instead, several times slower).
create function sla_local_day(at timestamptz, tzh int) returns date
language sql stable parallel safe as $fn$
  select date '1970-01-01' + ((extract(epoch from at)::bigint + tzh * 3600) / 86400)::int
$fn$;

-- sla_spans_of(ids, as_of): the single home of the span rules (DESIGN §6, "timer | starts | stops"):
-- one row per timer of each named complaint, from its events up to the instant as_of ('infinity':
-- its whole history), in the columns of sla_spans. The trigger refresh stores them; a report as of
-- a past instant computes the complaints with later events through it. Nothing here depends on the
-- calendar or a profile: reports count working days and judge at report time.
-- Timer codes: 1 verification, 2 first follow-up (one per dispose), 3 completion, 4 auto-close
-- (one per respond). History order is (at, seq), as in src/domain/sla.ts. ids must be distinct.
create function sla_spans_of(ids bigint[], as_of timestamptz) returns setof sla_spans
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
       c.received_at, n.last_at, c.class, c.channel, c.confidential, n.holder, n.status
from zoned z join complaint_now n on n.complaint_id = z.complaint_id join complaint c on c.id = z.complaint_id
$fn$;

-- Replaces the named (distinct) complaints' spans.
create function sla_spans_replace(ids bigint[]) returns void language plpgsql as $fn$
begin
  delete from sla_spans where complaint_id = any(ids);
  insert into sla_spans select * from sla_spans_of(ids, 'infinity');
end
$fn$;

-- A few complaints (one statement of the life-cycle commands, an import chunk): a few index probes
-- per complaint, whatever the statistics say. During a bulk import the tables grow faster than
-- autovacuum analyses them, and the planner chose sequential scans of complaint_events and of every
-- sla_spans partition per chunk; a custom plan also inlined thousands of ids as constants, and
-- estimating those took longer than the work; JIT compiled the overestimated statement. Hence:
-- no sequential scans, a generic plan (unnest(ids) estimated at a few rows: nested loops of index
-- probes), no JIT.
create function sla_spans_refresh_some(ids bigint[]) returns void language plpgsql
set enable_seqscan = off set plan_cache_mode = force_generic_plan set jit = off as $fn$
begin
  perform sla_spans_replace(ids);
end
$fn$;

-- Many complaints (a COPY of a whole history, the full rebuild): the ids as constants, so the planner
-- sees how many there are and chooses scans and hash joins.
create function sla_spans_refresh_many(ids bigint[]) returns void language plpgsql
set plan_cache_mode = force_custom_plan set jit = off as $fn$
begin
  perform sla_spans_replace(ids);
end
$fn$;

-- sla_spans_refresh(ids): the named complaints' spans; every complaint's when ids is null. Above
-- lapor.spans_refresh_many complaints (default 50,000) a statement takes the planner's own plan.
create function sla_spans_refresh(ids bigint[]) returns void language plpgsql as $fn$
declare
  many int := coalesce(nullif(current_setting('lapor.spans_refresh_many', true), '')::int, 50000);
  named bigint[] := (select array_agg(distinct x) from unnest(ids) x);
begin
  if ids is null then
    delete from sla_spans;
    perform sla_spans_refresh_many(array(select id from complaints order by id));
  elsif cardinality(named) > many then
    perform sla_spans_refresh_many(named);
  elsif cardinality(named) > 0 then
    perform sla_spans_refresh_some(named);
  end if;
end
$fn$;

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
  perform sla_spans_refresh(array[new.id]);
  return null;
end
$fn$;

create or replace function sla_spans_on_institution() returns trigger language plpgsql as $fn$
begin
  perform sla_spans_refresh(array(select distinct complaint_id from sla_spans where inst = new.id));
  return null;
end
$fn$;

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

/** Undoes the baseline: every object it created (the migrator's own tables stay). */
export const DROP_SQL = String.raw`
drop table if exists sla_spans cascade;
drop function if exists sla_spans_on_institution() cascade;
drop function if exists sla_spans_on_complaint() cascade;
drop function if exists sla_spans_on_events() cascade;
drop function if exists sla_spans_refresh(bigint[]) cascade;
drop function if exists sla_spans_refresh_many(bigint[]) cascade;
drop function if exists sla_spans_refresh_some(bigint[]) cascade;
drop function if exists sla_spans_replace(bigint[]) cascade;
drop function if exists sla_spans_of(bigint[], timestamptz) cascade;
drop function if exists sla_local_day(timestamptz, int) cascade;
drop table if exists audit_log, routing_rules, calendar_days, calendar_years, holidays, complaint_events,
  complaints, import_rejects, import_batches, officers, units, decrees, institution_sla_profiles,
  institutions, sla_profiles cascade;
drop sequence if exists complaint_tracking_seq;
`;

/** The default profile's targets as the baseline inserts them (tests compare the two). */
export const DEFAULT_PROFILE_TARGETS = {
  verification: 3,
  first_follow_up: 5,
  completion: { aspirasi: 5, permintaan_informasi: 5, pengaduan: 14, pengaduan_berkadar_pengawasan: 60 },
  auto_close: 10,
};

/** The statements of a script: split at ';' at a line end outside $fn$ bodies; comment-only pieces dropped. */
export function statements(script: string): string[] {
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
  return out.filter((s) => s.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--')));
}

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements(BASELINE_SQL)) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const sql of statements(DROP_SQL)) await knex.raw(sql);
}
