// The best hand-written SQL we could write for the SLA figures per institution and timer, for the
// benchmark to compare the engine with: specialised to the bench (the default profile's targets as
// constants, no scope, no profile look-ups, no unit attribution), otherwise the same rules.
const T = { v: 3, ff: 5, ac: 10, c: { aspirasi: 5, permintaan_informasi: 5, pengaduan: 14, pengaduan_berkadar_pengawasan: 60 } };
const day = (col, tz) => `(date '1970-01-01' + ((extract(epoch from ${col})::bigint + ${tz} * 3600) / 86400)::int)`;

export async function handWrittenSla(knex, asOf) {
  const r = await knex.raw(`
with ev as (
  select e.complaint_id, e.seq, e.kind, e.at, e.to_status, e.from_institution_id, e.to_institution_id,
         lead(e.at) over w as next_at, lead(e.kind) over w as next_kind,
         count(*) filter (where e.kind = 'dispose') over w as dg
  from complaint_events e join complaints c on c.id = e.complaint_id and not c.confidential and c.received_at <= :asOf
  where e.at <= :asOf
  window w as (partition by e.complaint_id order by e.seq)),
g as (
  select complaint_id,
         min(at) filter (where kind in ('dispose', 'archive')) as v_stop,
         max(to_institution_id) filter (where kind = 'dispose' and dg = 1) as d1,
         max(to_status) filter (where next_at is null) as status,
         max(to_institution_id) filter (where next_at is null) as cur,
         max(at) filter (where kind = 'respond') as last_resp,
         max(at) filter (where kind = 'hold' and dg = 0 and next_at is null) as open_hold
  from ev group by complaint_id),
hd as (
  select ev.complaint_id, sum(greatest(0, cr.workday_no - cr.is_workday::int - ch.workday_no))::int as held
  from ev join calendar_days ch on ch.day = ${day('ev.at', 7)} join calendar_days cr on cr.day = ${day('ev.next_at', 7)}
  where ev.kind = 'hold' and ev.dg = 0 and ev.next_at is not null group by ev.complaint_id),
ffg as (
  select complaint_id, min(at) filter (where kind = 'dispose') as s, max(to_institution_id) filter (where kind = 'dispose') as inst,
         least(min(at) filter (where kind = 'respond'), min(at) filter (where kind = 'return')) as e
  from ev where dg > 0 group by complaint_id, dg),
fd as (select complaint_id, to_institution_id as inst, min(at) as s from ev where kind = 'dispose' group by 1, 2),
t as (
  select g.d1 as inst, 'verification' as timer, 7 as tz, c.received_at as s, g.v_stop as e, null::text as ek,
         coalesce(hd.held, 0) as held, case when g.v_stop is null then g.open_hold end as paused, ${T.v} as target
  from g join complaints c on c.id = g.complaint_id left join hd on hd.complaint_id = g.complaint_id
  union all
  select inst, 'first_follow_up', 0, s, e, null, 0, null, ${T.ff} from ffg where inst is not null
  union all
  select g.cur, 'completion', 0, fd.s, case when g.status in ('responded', 'closed') then g.last_resp end, null, 0, null,
         case c.class when 'aspirasi' then ${T.c.aspirasi} when 'permintaan_informasi' then ${T.c.permintaan_informasi}
                      when 'pengaduan' then ${T.c.pengaduan} else ${T.c.pengaduan_berkadar_pengawasan} end
  from g join fd on fd.complaint_id = g.complaint_id and fd.inst = g.cur join complaints c on c.id = g.complaint_id
  where g.status in ('with_institution', 'with_unit') or (g.status in ('responded', 'closed') and g.last_resp is not null)
  union all
  select coalesce(from_institution_id, to_institution_id), 'auto_close', 0, at, next_at, next_kind, 0, null, ${T.ac}
  from ev where kind = 'respond'),
z as (
  select t.*, case when t.tz = 7 or t.inst is null then 7 when i.time_zone = 'WITA' then 8 when i.time_zone = 'WIT' then 9 else 7 end as h
  from t left join institutions i on i.id = t.inst),
j as (
  select z.inst, z.timer, z.e, z.ek, z.target, cj.workday_no - cs.workday_no - z.held + (not cj.is_workday)::int as eff,
         cj.workday_no - cs.workday_no - z.held as used
  from z join calendar_days cs on cs.day = (date '1970-01-01' + ((extract(epoch from z.s)::bigint + z.h * 3600) / 86400)::int)
         join calendar_days cj on cj.day = (date '1970-01-01' + ((extract(epoch from coalesce(z.e, z.paused, :asOf::timestamptz))::bigint + z.h * 3600) / 86400)::int))
select inst as group_id, timer,
       count(*) filter (where e is not null and (case when ek = 'auto_close' then eff > target and eff <= target + 1 else eff <= target end))::int as met,
       count(*) filter (where e is not null and not (case when ek = 'auto_close' then eff > target and eff <= target + 1 else eff <= target end))::int as breached,
       count(*) filter (where e is null and eff <= target)::int as open_within,
       count(*) filter (where e is null and eff > target)::int as open_late,
       percentile_cont(0.5) within group (order by used) filter (where e is not null) as median_days,
       percentile_cont(0.9) within group (order by used) filter (where e is not null) as p90_days
from j group by inst, timer`, { asOf });
  return r.rows;
}
