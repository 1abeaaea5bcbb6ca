import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import type { Status } from '../domain/lifecycle.js';
import { currentDue, type Due, type DueEvent, type Targets } from '../domain/lifecycle-due.js';
import { localDate, type Zone } from '../domain/time.js';
import { loadSlaResolvers } from './sla-profiles.js';
import { loadWorkCalendar } from './calendar.js';
import { visibilityFilter } from './complaints.js';
import { DataError } from '../errors.js';
import { unknownInstitutionError } from './institution-code.js';

export interface ListFilter {
  statuses?: Status[];
  institution?: string;
  unit?: string;
  receivedFrom?: Date;
  /** Exclusive upper bound. */
  receivedBefore?: Date;
  overdue?: boolean;
  /** Only complaints with no holder (unverified, on hold, returned): e.g. imported as unverified. */
  unassigned?: boolean;
  limit: number;
  now: Date;
}

export interface ListedComplaint {
  id: number;
  trackingId: string;
  receivedAt: Date;
  channel: string;
  class: string;
  category: string | null;
  title: string | null;
  status: Status;
  institutionCode: string | null;
  unitCode: string | null;
  zone: Zone;
  anonymous: boolean;
  confidential: boolean;
  legacy: boolean;
  reporterName: string | null;
  due?: Due;
}

/** `complaint list`: the complaints the actor may see, filtered; `overdue` computes each one's running timer. */
export async function listComplaints(knex: Knex, actor: Actor, f: ListFilter): Promise<{ rows: ListedComplaint[]; truncated: boolean }> {
  const vis = visibilityFilter(actor);
  const q = knex('complaints as c')
    .leftJoin('institutions as i', 'i.id', 'c.institution_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .whereRaw(vis.sql, vis.bindings as Knex.RawBinding[])
    .select('c.id', 'c.tracking_id', 'c.received_at', 'c.channel', 'c.class', 'c.category', 'c.title', 'c.status',
      'c.anonymous', 'c.confidential', 'c.legacy', 'c.reporter_name', 'c.institution_id',
      { institution_code: 'i.code', zone: 'i.time_zone', unit_code: 'u.code' })
    .orderBy([{ column: 'c.received_at', order: 'asc' }, { column: 'c.id', order: 'asc' }]);
  if (f.statuses?.length) q.whereIn('c.status', f.statuses);
  if (f.institution) {
    const inst = await knex('institutions').where({ code: f.institution }).first('id');
    if (!inst) throw await unknownInstitutionError(knex, f.institution);
    q.where('c.institution_id', inst.id);
  }
  if (f.unit) q.where('u.code', f.unit);
  if (f.unassigned) q.whereNull('c.institution_id').whereIn('c.status', ['received', 'on_hold', 'returned']);
  if (f.receivedFrom) q.where('c.received_at', '>=', f.receivedFrom);
  if (f.receivedBefore) q.where('c.received_at', '<', f.receivedBefore);
  if (f.overdue) {
    // Historical (legacy) rows raise no alerts; only open statuses run a timer.
    q.where('c.legacy', false).whereIn('c.status', ['received', 'with_institution', 'with_unit']);
  } else {
    q.limit(f.limit + 1);
  }
  const rows = (await q) as Record<string, any>[];
  let out: ListedComplaint[] = rows.map((r) => ({
    id: Number(r.id),
    trackingId: r.tracking_id,
    receivedAt: new Date(r.received_at),
    channel: r.channel,
    class: r.class,
    category: r.category,
    title: r.title,
    status: r.status,
    institutionCode: r.institution_code ?? null,
    unitCode: r.unit_code ?? null,
    zone: (r.zone ?? 'WIB') as Zone,
    anonymous: r.anonymous,
    confidential: r.confidential,
    legacy: r.legacy,
    reporterName: r.reporter_name,
    institutionId: r.institution_id,
  }));
  if (f.overdue) {
    const cal = await loadWorkCalendar(knex);
    const sla = await loadSlaResolvers(knex);
    const targetsAt = (institutionId: number | null, start: Date): Targets => {
      const zone = institutionId === null ? 'WIB' : sla.zoneOf(institutionId);
      return sla.profileFor(institutionId, localDate(start, zone)).targets;
    };
    const events = new Map<number, DueEvent[]>();
    const ids = out.map((c) => c.id);
    for (let i = 0; i < ids.length; i += 5000) {
      const evs = await knex('complaint_events').whereIn('complaint_id', ids.slice(i, i + 5000))
        .whereIn('kind', ['hold', 'resume', 'dispose', 'respond']).orderBy(['complaint_id', 'seq'])
        .select('complaint_id', 'kind', 'at', 'to_institution_id', 'from_institution_id');
      for (const e of evs) {
        const list = events.get(Number(e.complaint_id)) ?? [];
        list.push({ kind: e.kind, at: new Date(e.at), toInstitutionId: e.to_institution_id, fromInstitutionId: e.from_institution_id });
        events.set(Number(e.complaint_id), list);
      }
    }
    out = out
      .map((c) => ({ ...c, due: currentDue({ ...c, institutionId: (c as any).institutionId }, events.get(c.id) ?? [], cal, targetsAt, c.zone, f.now) }))
      .filter((c) => c.due?.overdue === true);
  }
  const truncated = out.length > f.limit;
  return { rows: out.slice(0, f.limit), truncated };
}
