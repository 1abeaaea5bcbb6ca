// Set-based seeding for the report benchmark: N complaints over every institution (552 Pemda and
// the K/L) across three years (2024-01-01 … 2026-11-30), with realistic histories: holds,
// archives, returns and re-dispositions, forwards to units, late answers, replies and second
// answers, closures and auto-closures, and a backlog still open at the end. Plain generate_series
// SQL (no per-row round trips): seconds per 100k rows.

export const BENCH_NOW = '2026-11-30T12:00:00+07:00';

/** The statements, in order; `n` complaints. Runs on PostgreSQL and PGlite. */
export function seedStatements(n) {
  return [
    `set session_replication_role = replica`,
    `select setseed(0.4242)`,
    `insert into units (institution_id, code, name)
       select i.id, 'BU' || k, 'Bidang ' || k from institutions i, generate_series(1, 3) k
       on conflict do nothing`,
    `drop table if exists bench_sc`,
    `create unlogged table bench_sc as
     with ids as (select array_agg(id order by id) as a, count(*)::int as n from institutions)
     select g as cid,
            timestamptz '2024-01-01 00:00:00+07' + random() * interval '1064 days' as t0,
            random() as r_hold, random() as r_arch, random() as r_ret, random() as r_fwd,
            random() as r_reply, random() as r_end, random() as r_late, random() as r_v, random() as r_x,
            ids.a[1 + floor(random() * ids.n)::int] as inst_a,
            ids.a[1 + floor(random() * ids.n)::int] as inst_b,
            1 + floor(random() * 3)::int as uk,
            (array['aspirasi','permintaan_informasi','pengaduan','pengaduan','pengaduan','pengaduan_berkadar_pengawasan'])[1 + floor(random() * 6)::int] as cls,
            (array['web','sms','whatsapp','twitter','facebook','instagram','surat','aplikasi'])[1 + floor(random() * 8)::int] as channel,
            (array['infrastruktur','kesehatan','pendidikan','kependudukan','perizinan','sosial','lingkungan','lainnya'])[1 + floor(random() * 8)::int] as category
     from generate_series(1, ${Number(n)}) g, ids`,
    `drop table if exists bench_tl`,
    `create unlogged table bench_tl as
     select s.*,
            s.r_hold < 0.08 as has_hold, s.r_arch < 0.05 as is_arch, s.r_ret < 0.08 as is_ret, s.r_fwd < 0.5 as is_fwd,
            s.r_late < 0.95 as has_resp, s.r_reply < 0.10 as has_reply,
            case when s.r_ret < 0.08 then s.inst_b else s.inst_a end as inst_f,
            s.t0 + interval '2 hours' as t_hold,
            s.t0 + interval '2 hours' + (1 + 5 * s.r_x) * interval '1 day' as t_resume
     from bench_sc s`,
    `drop table if exists bench_tt`,
    `create unlogged table bench_tt as
     select l.*, u.id as unit_f,
            b.base + (0.05 + 4 * l.r_v * l.r_v) * interval '1 day' as t_arch,
            b.base + (0.05 + 4 * l.r_v * l.r_v) * interval '1 day' as t_d1
     from bench_tl l
     cross join lateral (select case when l.has_hold then l.t_resume else l.t0 end as base) b
     left join units u on u.institution_id = (case when l.r_ret < 0.08 then l.inst_b else l.inst_a end) and u.code = 'BU' || l.uk`,
    `drop table if exists bench_t2`,
    `create unlogged table bench_t2 as
     select t.*, t.t_d1 + (1 + 5 * t.r_x) * interval '1 day' as t_ret,
            t.t_d1 + (1.5 + 7 * t.r_x) * interval '1 day' as t_d2
     from bench_tt t`,
    `drop table if exists bench_t3`,
    `create unlogged table bench_t3 as
     select t.*, h.t_h,
            h.t_h + (0.2 + 2 * t.r_x) * interval '1 day' as t_fwd,
            h.t_h + (case when t.is_fwd then (0.2 + 2 * t.r_x) * interval '1 day' else interval '0' end)
                  + (case when t.r_late < 0.70 then 0.3 + 7 * (t.r_late / 0.70)
                          when t.r_late < 0.90 then 7 + 13 * ((t.r_late - 0.70) / 0.20)
                          else 20 + 50 * ((t.r_late - 0.90) / 0.05) end) * interval '1 day' as t_resp
     from bench_t2 t cross join lateral (select case when t.is_ret then t.t_d2 else t.t_d1 end as t_h) h`,
    `drop table if exists bench_t4`,
    `create unlogged table bench_t4 as
     select t.*, t.t_resp + (1 + 7 * t.r_x) * interval '1 day' as t_reply,
            t.t_resp + (2 + 17 * t.r_x) * interval '1 day' as t_resp2,
            case when t.r_reply < 0.10 then t.t_resp + (2 + 17 * t.r_x) * interval '1 day' else t.t_resp end as t_last,
            case when t.r_end < 0.55 then 'close' when t.r_end < 0.95 then 'auto_close' end as end_kind
     from bench_t3 t`,
    `insert into complaints (id, tracking_id, source, external_id, channel, received_at, class, category, title, body,
                             reporter_name, reporter_phone, confidential, status, legacy)
     select cid, (10000000000 + cid)::text, 'bench', cid::text, channel, t0, cls, category, 'Laporan ' || cid, 'isi laporan',
            'Pelapor ' || cid, '0812' || lpad((cid % 100000000)::text, 8, '0'), (cid % 50 = 0), 'received', true
     from bench_sc`,
    `select setval(pg_get_serial_sequence('complaints', 'id'), (select max(id) from complaints))`,
    `insert into complaint_events (complaint_id, seq, kind, at, actor, from_status, to_status, from_institution_id,
                                   to_institution_id, from_unit_id, to_unit_id, reason, legacy)
     select t.cid, v.seq, v.kind, v.at, 'bench', v.fs, v.ts, v.fi, v.ti, v.fu, v.tu,
            case when v.kind in ('return', 'archive') then 'bukan wewenang' end, true
     from bench_t4 t
     cross join lateral (values
       (1, 'received', t.t0, null, 'received', null::int, null::int, null::int, null::int, true),
       (2, 'hold', t.t_hold, 'received', 'on_hold', null, null, null, null, t.has_hold),
       (3, 'resume', t.t_resume, 'on_hold', 'received', null, null, null, null, t.has_hold),
       (4, 'archive', t.t_arch, 'received', 'archived', null, null, null, null, t.is_arch),
       (5, 'dispose', t.t_d1, 'received', 'with_institution', null, t.inst_a, null, null, not t.is_arch),
       (6, 'return', t.t_ret, 'with_institution', 'returned', t.inst_a, null, null, null, not t.is_arch and t.is_ret),
       (7, 'dispose', t.t_d2, 'returned', 'with_institution', null, t.inst_b, null, null, not t.is_arch and t.is_ret),
       (8, 'forward', t.t_fwd, 'with_institution', 'with_unit', t.inst_f, t.inst_f, null, t.unit_f, not t.is_arch and t.is_fwd),
       (9, 'respond', t.t_resp, case when t.is_fwd then 'with_unit' else 'with_institution' end, 'responded',
           t.inst_f, t.inst_f, case when t.is_fwd then t.unit_f end, case when t.is_fwd then t.unit_f end, not t.is_arch and t.has_resp),
       (10, 'reply', t.t_reply, 'responded', case when t.is_fwd then 'with_unit' else 'with_institution' end,
           t.inst_f, t.inst_f, case when t.is_fwd then t.unit_f end, case when t.is_fwd then t.unit_f end,
           not t.is_arch and t.has_resp and t.has_reply),
       (11, 'respond', t.t_resp2, case when t.is_fwd then 'with_unit' else 'with_institution' end, 'responded',
           t.inst_f, t.inst_f, case when t.is_fwd then t.unit_f end, case when t.is_fwd then t.unit_f end,
           not t.is_arch and t.has_resp and t.has_reply),
       (12, t.end_kind, case when t.end_kind = 'close' then t.t_last + (1 + 4 * t.r_x) * interval '1 day'
                             else t.t_last + interval '15 days' + interval '30 minutes' end, 'responded', 'closed',
           t.inst_f, t.inst_f, case when t.is_fwd then t.unit_f end, case when t.is_fwd then t.unit_f end,
           not t.is_arch and t.has_resp and t.end_kind is not null)
     ) as v(seq, kind, at, fs, ts, fi, ti, fu, tu, present)
     where v.present and v.at <= timestamptz '${BENCH_NOW}'`,
    `update complaints c set status = e.to_status, institution_id = e.to_institution_id, unit_id = e.to_unit_id
     from (select distinct on (complaint_id) complaint_id, to_status, to_institution_id, to_unit_id
           from complaint_events order by complaint_id, seq desc) e
     where e.complaint_id = c.id`,
    `drop table bench_sc`, `drop table bench_tl`, `drop table bench_tt`, `drop table bench_t2`, `drop table bench_t3`, `drop table bench_t4`,
    `set session_replication_role = origin`,
    `analyze complaints`, `analyze complaint_events`, `analyze calendar_days`,
  ];
}
