import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import { NotPermittedError, UsageError } from '../errors.js';
import { checkReportRequest, reportReach } from '../domain/policy.js';
import { AGEING_BUCKETS, ageingBucket } from '../domain/sla.js';
import { timersCte, timersPlan, type TimerQuery } from './sla.js';
import { unknownInstitutionError } from './institution-code.js';

/** Who may read which report (DESIGN §5): super_admin all; admin/supervisor/patron their institution; liaison their unit. */
export interface ReportScope {
  institutionId?: number;
  institutionCode?: string;
  provinceCode?: string;
  unitId?: number;
  /** A single institution's own report: its confidential complaints may appear. */
  confidentialOf: number | null;
  label: string;
}

export async function resolveScope(knex: Knex, actor: Actor, opts: { institution?: string; province?: string }): Promise<ReportScope> {
  let inst: { id: number; code: string; name: string } | undefined;
  if (opts.institution) {
    inst = await knex('institutions').whereRaw('upper(code) = upper(?)', [opts.institution]).first('id', 'code', 'name');
    if (!inst) throw await unknownInstitutionError(knex, opts.institution);
  }
  if (opts.province && !/^\d{2}$/.test(opts.province)) throw new UsageError(`--province '${opts.province}' must be a two-digit province code, e.g. 32`);
  const reach = reportReach(actor);
  if (reach.kind === 'all') {
    return {
      institutionId: inst?.id,
      institutionCode: inst?.code,
      provinceCode: opts.province,
      confidentialOf: inst?.id ?? null,
      label: inst ? `${inst.code} ${inst.name}` : opts.province ? `provinsi ${opts.province}` : 'nasional',
    };
  }
  const own = await knex('institutions').where({ id: reach.institutionId }).first('id', 'code', 'name');
  if (!own) throw new NotPermittedError(`officer '${actor.username}' belongs to no institution`);
  const refusal = checkReportRequest(actor, { institution: inst, province: opts.province }, own);
  if (refusal) throw new NotPermittedError(refusal.message);
  if (reach.kind === 'unit') {
    const unit = await knex('units').where({ id: reach.unitId }).first('id', 'code');
    return { institutionId: own.id, institutionCode: own.code, unitId: reach.unitId ?? -1, confidentialOf: own.id,
      label: `${own.code} ${own.name} / ${unit?.code ?? '?'}` };
  }
  return { institutionId: own.id, institutionCode: own.code, confidentialOf: own.id, label: `${own.code} ${own.name}` };
}

export function timerQuery(scope: ReportScope, q: { asOf: Date; from?: string; to?: string }): TimerQuery {
  return {
    asOf: q.asOf, from: q.from, to: q.to,
    institutionId: scope.institutionId, provinceCode: scope.provinceCode, unitId: scope.unitId,
    confidentialOf: scope.confidentialOf,
  };
}

export interface OverdueRow {
  tracking_id: string;
  timer: string;
  institution_code: string | null;
  institution_name: string | null;
  unit_code: string | null;
  class: string;
  status: string;
  start_at: Date;
  deadline: string | null;
  used: number;
  target: number;
  late_by: number;
  reporter_name: string | null;
  reporter_phone: string | null;
  anonymous: boolean;
  title: string | null;
}

/** Timers past their deadline and still open, the latest first in line: sorted by working days late. */
/**
 * Timers open and late as of the instant, the latest first. Imported legacy complaints raise no
 * alerts (DESIGN §7): they are left out unless `includeLegacy`; SLA figures still count them.
 */
export async function overdueTimers(knex: Knex, q: TimerQuery, limit?: number, opts: { includeLegacy?: boolean } = {}): Promise<OverdueRow[]> {
  const { sql, bindings } = timersCte(q, { openOnly: true, ...await timersPlan(knex, q.asOf) });
  // Sort and cut first on the timers alone, then fetch the complaint for the rows that are shown only.
  const r = await knex.raw(
    `with ${sql},
     o as (
       select complaint_id, timer, institution_id, unit_id, class, status, start_at, deadline_day, used, target, late_by
       from timers where state = 'open_late')
     select c.tracking_id, o.timer, i.code as institution_code, i.name as institution_name, u.code as unit_code,
            o.class, o.status, o.start_at, o.deadline_day::text as deadline,
            o.used, o.target, o.late_by, c.reporter_name, c.reporter_phone, c.anonymous, c.title
     from o
     join complaints c on c.id = o.complaint_id ${opts.includeLegacy ? '' : 'and not c.legacy'}
     left join institutions i on i.id = o.institution_id
     left join units u on u.id = o.unit_id
     order by o.late_by desc, o.start_at, c.tracking_id
     ${limit ? `limit ${Number(limit)}` : ''}`,
    bindings,
  );
  return r.rows as OverdueRow[];
}

export interface CountRow {
  key: string | null;
  n: number;
}

/** Complaints held by the institution as of the instant (its last event up to then), counted by a column. */
export async function holderCounts(knex: Knex, q: TimerQuery, institutionId: number): Promise<Record<'status' | 'class' | 'channel' | 'category', CountRow[]>> {
  const period: string[] = [];
  const b: Knex.RawBinding[] = [q.asOf, institutionId];
  if (q.from) { period.push(`and c.received_at >= ((?::date)::timestamp - interval '7 hours') at time zone 'UTC'`); b.push(q.from); }
  if (q.to) { period.push(`and c.received_at < ((?::date + 1)::timestamp - interval '7 hours') at time zone 'UTC'`); b.push(q.to); }
  if (q.unitId !== undefined) { period.push('and l.to_unit_id = ?'); b.push(q.unitId); }
  const r = await knex.raw(
    `with p as (select ?::timestamptz as as_of),
     l as (
       select distinct on (e.complaint_id) e.complaint_id, e.to_status, e.to_institution_id, e.to_unit_id
       from complaint_events e
       where e.complaint_id in (select complaint_id from complaint_events where kind = 'dispose' and to_institution_id = ?)
         and e.at <= (select as_of from p)
       order by e.complaint_id, e.seq desc)
     select grouping(l.to_status) as gs, grouping(c.class) as gc, grouping(c.channel) as gh, grouping(c.category) as gk,
            l.to_status, c.class, c.channel, c.category, count(*)::int as n
     from l join complaints c on c.id = l.complaint_id
     where l.to_institution_id = ${Number(institutionId)} ${period.join(' ')}
     group by grouping sets ((l.to_status), (c.class), (c.channel), (c.category))`,
    b,
  );
  const out = { status: [] as CountRow[], class: [] as CountRow[], channel: [] as CountRow[], category: [] as CountRow[] };
  for (const row of r.rows) {
    if (row.gs === 0) out.status.push({ key: row.to_status, n: row.n });
    else if (row.gc === 0) out.class.push({ key: row.class, n: row.n });
    else if (row.gh === 0) out.channel.push({ key: row.channel, n: row.n });
    else out.category.push({ key: row.category, n: row.n });
  }
  for (const k of Object.keys(out) as (keyof typeof out)[]) out[k].sort((a, c) => c.n - a.n || String(a.key).localeCompare(String(c.key)));
  return out;
}

/** Backlog ageing: open completion timers (complaints still being handled) by working days so far. */
export async function backlogAgeing(knex: Knex, q: TimerQuery): Promise<{ bucket: string; n: number }[]> {
  const { sql, bindings } = timersCte(q, { openOnly: true, ...await timersPlan(knex, q.asOf) });
  // Counted per working day used, then put in the buckets of the domain (one definition of them).
  const r = await knex.raw(
    `with ${sql}
     select used::int as used, count(*)::int as n
     from timers where timer = 'completion' and stop_at is null group by 1`,
    bindings,
  );
  const byKey = new Map<string, number>();
  for (const x of r.rows as { used: number; n: number }[]) {
    const key = ageingBucket(x.used);
    byKey.set(key, (byKey.get(key) ?? 0) + x.n);
  }
  return AGEING_BUCKETS.map(({ key }) => ({ bucket: key, n: byKey.get(key) ?? 0 }));
}

/** Returns (Bukan Wewenang) by the institution, returns to its admin by its units, re-dispositions it received. */
export async function returnsAndRedispositions(knex: Knex, q: TimerQuery, institutionId: number): Promise<{ kind: string; n: number }[]> {
  const b: Knex.RawBinding[] = [q.asOf, institutionId, institutionId, institutionId];
  const period: string[] = [];
  if (q.from) { period.push(`and e.at >= ((?::date)::timestamp - interval '7 hours') at time zone 'UTC'`); b.push(q.from); }
  if (q.to) { period.push(`and e.at < ((?::date + 1)::timestamp - interval '7 hours') at time zone 'UTC'`); b.push(q.to); }
  const r = await knex.raw(
    `with p as (select ?::timestamptz as as_of)
     select count(*) filter (where e.kind = 'return' and e.from_institution_id = ?)::int as returned,
            count(*) filter (where e.kind = 'return_to_admin' and e.to_institution_id = ?)::int as returned_to_admin,
            count(*) filter (where e.kind = 'dispose' and e.to_institution_id = ? and exists (
              select 1 from complaint_events d where d.complaint_id = e.complaint_id and d.kind = 'dispose' and d.seq < e.seq))::int as redisposed
     from complaint_events e
     where e.at <= (select as_of from p) and e.kind in ('return', 'return_to_admin', 'dispose') ${period.join(' ')}`,
    b,
  );
  const row = r.rows[0];
  return [
    { kind: 'return', n: row.returned },
    { kind: 'return_to_admin', n: row.returned_to_admin },
    { kind: 'redisposition_received', n: row.redisposed },
  ];
}

export interface TrendRow {
  month: string;
  received: number;
  completed: number;
  met: number;
  breached: number;
  open_late: number;
}

/** Per month of receipt (WIB): complaints in scope, and how their completion timers stand. */
export async function monthlyTrend(knex: Knex, q: TimerQuery): Promise<TrendRow[]> {
  const { sql, bindings } = timersCte(q, { ...await timersPlan(knex, q.asOf) });
  const r = await knex.raw(
    `with ${sql},
     m as (select t.complaint_id, to_char(t.received_at at time zone 'UTC' + interval '7 hours', 'YYYY-MM') as month, t.timer, t.state, t.stop_at
           from timers t)
     select month,
            count(distinct complaint_id)::int as received,
            count(*) filter (where timer = 'completion' and stop_at is not null)::int as completed,
            count(*) filter (where timer = 'completion' and state = 'met')::int as met,
            count(*) filter (where timer = 'completion' and state = 'breached')::int as breached,
            count(*) filter (where timer = 'completion' and state = 'open_late')::int as open_late
     from m group by month order by month`,
    bindings,
  );
  return r.rows as TrendRow[];
}

/** The earliest receipt in scope (for the "no official holiday list" warning when no --from is given). */
export async function earliestReceipt(knex: Knex): Promise<Date | null> {
  const r = await knex('complaints').min({ m: 'received_at' }).first();
  return r?.m ? new Date(r.m) : null;
}

export async function audit(knex: Knex, actor: string, action: string, detail: Record<string, unknown>): Promise<void> {
  await knex('audit_log').insert({ actor, action, detail: JSON.stringify(detail) });
}

export interface LiaisonRow {
  unit_code: string;
  unit_name: string;
  name: string;
  phone: string | null;
}

/** The active liaisons (Pejabat Penghubung) of an institution's units, by unit code. */
export async function unitLiaisons(knex: Knex, institutionId: number): Promise<LiaisonRow[]> {
  return knex('officers as o')
    .join('units as u', 'u.id', 'o.unit_id')
    .where({ 'o.institution_id': institutionId, 'o.role': 'liaison' })
    .whereNull('o.active_to')
    .orderBy(['u.code', 'o.name'])
    .select({ unit_code: 'u.code', unit_name: 'u.name', name: 'o.name', phone: 'o.phone' });
}

/** Units of an institution (code → name), active or not, for labels. */
export async function unitNames(knex: Knex, institutionId: number): Promise<Map<number, { code: string; name: string }>> {
  const rows = await knex('units').where({ institution_id: institutionId }).select('id', 'code', 'name');
  return new Map(rows.map((u: { id: number; code: string; name: string }) => [Number(u.id), { code: u.code, name: u.name }]));
}

/** The kabupaten/kota of a province (and the province itself), for the monitoring report's comparison. */
export async function provincePeers(knex: Knex, institutionId: number): Promise<{ province: string | null; peers: Map<number, { code: string; name: string; kind: string }> }> {
  const me = await knex('institutions').where({ id: institutionId }).first('province_code', 'kind');
  const peers = new Map<number, { code: string; name: string; kind: string }>();
  if (!me?.province_code) return { province: null, peers };
  const rows = await knex('institutions').where({ province_code: me.province_code }).whereIn('kind', ['provinsi', 'kabupaten', 'kota'])
    .select('id', 'code', 'name', 'kind');
  for (const r of rows) peers.set(Number(r.id), { code: r.code, name: r.name, kind: r.kind });
  return { province: me.province_code, peers };
}
