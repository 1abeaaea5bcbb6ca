import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import { planIntake, planUnitIntake, type ComplaintState, type EventDraft, type EventKind, type LastEvent, type Status } from '../domain/lifecycle.js';
import { canSee, checkCapability, intakeInstitution, intakeUnit, visibilityScope, type VisibilityScope } from '../domain/policy.js';
import { isWellFormedTrackingId, trackingIdFromSequence } from '../domain/tracking.js';
import type { Zone } from '../domain/time.js';
import { DataError, NotPermittedError } from '../errors.js';

/** A complaint as the life-cycle commands load it: its state, holder codes and last event. */
export interface ComplaintSnapshot {
  state: ComplaintState;
  confidential: boolean;
  legacy: boolean;
  institutionCode: string | null;
  institutionZone: Zone | null;
  unitCode: string | null;
  lastSeq: number;
  last?: LastEvent;
}

const SNAPSHOT_SQL = `
  select c.id, c.tracking_id, c.status, c.institution_id, c.unit_id, c.version, c.confidential, c.legacy,
         i.code as institution_code, i.time_zone as institution_zone, u.code as unit_code,
         le.seq as last_seq, le.kind as last_kind, le.actor as last_actor, le.at as last_at,
         le.from_status as last_from_status, le.to_status as last_to_status,
         le.from_institution_id as last_from_institution_id, le.from_unit_id as last_from_unit_id
  from complaints c
  left join institutions i on i.id = c.institution_id
  left join units u on u.id = c.unit_id
  left join lateral (
    select e.seq, e.kind, e.actor, e.at, e.from_status, e.to_status, e.from_institution_id, e.from_unit_id
    from complaint_events e where e.complaint_id = c.id order by e.seq desc limit 1
  ) le on true`;

function toSnapshot(r: Record<string, unknown>): ComplaintSnapshot {
  const status = r.status as Status;
  const last: LastEvent | undefined = r.last_kind == null ? undefined : {
    kind: r.last_kind as EventKind,
    actorUsername: (r.last_actor as string | null) ?? null,
    at: new Date(r.last_at as string | Date),
    fromStatus: (r.last_from_status as Status | null) ?? null,
    fromInstitutionId: (r.last_from_institution_id as number | null) ?? null,
    fromUnitId: (r.last_from_unit_id as number | null) ?? null,
    toStatus: r.last_to_status as Status,
  };
  return {
    state: {
      id: Number(r.id),
      trackingId: r.tracking_id as string,
      status,
      institutionId: (r.institution_id as number | null) ?? null,
      unitId: (r.unit_id as number | null) ?? null,
      version: Number(r.version),
      // A returned complaint's last event is its return: from_institution_id names who returned it.
      returnedByInstitutionId: status === 'returned' && last?.kind === 'return' ? last.fromInstitutionId : null,
    },
    confidential: r.confidential === true,
    legacy: r.legacy === true,
    institutionCode: (r.institution_code as string | null) ?? null,
    institutionZone: (r.institution_zone as Zone | null) ?? null,
    unitCode: (r.unit_code as string | null) ?? null,
    lastSeq: Number(r.last_seq ?? 0),
    last,
  };
}

export function notFound(trackingId: string): DataError {
  const hint = isWellFormedTrackingId(trackingId) ? '' : ' (check the digits: it is not a well-formed tracking id)';
  return new DataError(`no complaint with tracking id ${trackingId}${hint}`);
}

export async function loadSnapshot(knex: Knex, trackingId: string, opts: { forUpdate?: boolean } = {}): Promise<ComplaintSnapshot> {
  const res = await knex.raw(`${SNAPSHOT_SQL} where c.tracking_id = ?${opts.forUpdate ? ' for update of c' : ''}`, [trackingId]);
  const row = res.rows[0];
  if (!row) throw notFound(trackingId);
  return toSnapshot(row);
}

/** Many complaints in one query (bulk dispatch, sweep); keyed by tracking id. */
export async function loadSnapshots(knex: Knex, trackingIds: string[]): Promise<Map<string, ComplaintSnapshot>> {
  const out = new Map<string, ComplaintSnapshot>();
  const unique = [...new Set(trackingIds)];
  for (let i = 0; i < unique.length; i += 5000) {
    const chunk = unique.slice(i, i + 5000);
    const res = await knex.raw(`${SNAPSHOT_SQL} where c.tracking_id in (${chunk.map(() => '?').join(',')})`, chunk);
    for (const r of res.rows) {
      const s = toSnapshot(r);
      out.set(s.state.trackingId, s);
    }
  }
  return out;
}

export interface NewComplaint {
  channel: string;
  receivedAt: Date;
  class: string;
  category?: string | null;
  title?: string | null;
  body: string;
  regionCode?: string | null;
  reporterName?: string | null;
  reporterNik?: string | null;
  reporterPhone?: string | null;
  reporterEmail?: string | null;
  anonymous: boolean;
  confidential: boolean;
}

export interface AddedComplaint {
  trackingId: string;
  id: number;
  status: Status;
  institutionCode: string | null;
  /** A liaison's complaint: the unit it landed with. */
  unitCode: string | null;
}

/**
 * `complaint add`: a letter or walk-in keyed in by an officer. One transaction: a new tracking id
 * from the sequence, the complaint, its `received` event; an admin's complaint then lands with
 * its own institution (a `dispose` event by that admin, like an import), a liaison's with their unit
 * (`dispose` then `forward`, by the liaison), a super_admin's stays in the national queue.
 */
export async function addComplaint(trx: Knex.Transaction, actor: Actor, c: NewComplaint, now: Date): Promise<AddedComplaint> {
  const refusal = checkCapability(actor, 'add');
  if (refusal) throw new NotPermittedError(refusal.message);
  if (c.receivedAt.getTime() > now.getTime()) throw new DataError('--received-at is in the future');
  const seq = await trx.raw(`select nextval('complaint_tracking_seq') as n`);
  const trackingId = trackingIdFromSequence(Number(seq.rows[0].n));
  const landing = intakeInstitution(actor);
  const landingUnit = intakeUnit(actor);
  const received: ComplaintState = { id: 0, trackingId, status: 'received', institutionId: null, unitId: null, version: 1 };
  let intake: { events: EventDraft[]; next: ComplaintState } | undefined;
  if (landing !== null) {
    const d = landingUnit !== null ? planUnitIntake(received, landing, landingUnit) : planIntake(received, landing);
    if (!d.ok) throw new DataError(d.refusal.message);
    intake = 'events' in d ? { events: d.events, next: d.next } : { events: [d.event], next: d.next };
  }
  const final = intake ? intake.next : received;
  const [row] = await trx('complaints').insert({
    tracking_id: trackingId,
    source: 'lapor',
    external_id: trackingId,
    channel: c.channel,
    received_at: c.receivedAt,
    class: c.class,
    category: c.category ?? null,
    title: c.title ?? null,
    body: c.body,
    region_code: c.regionCode ?? null,
    reporter_name: c.anonymous ? null : c.reporterName ?? null,
    reporter_nik: c.anonymous ? null : c.reporterNik ?? null,
    reporter_phone: c.anonymous ? null : c.reporterPhone ?? null,
    reporter_email: c.anonymous ? null : c.reporterEmail ?? null,
    anonymous: c.anonymous,
    confidential: c.confidential,
    institution_id: final.institutionId,
    unit_id: final.unitId,
    status: final.status,
    version: final.version,
  }).returning('id');
  const id = Number(typeof row === 'object' ? row.id : row);
  const base = { complaint_id: id, actor_id: actor.id, actor: actor.username };
  await trx('complaint_events').insert({
    ...base, seq: 1, kind: 'received', at: c.receivedAt, from_status: null, to_status: 'received',
    from_institution_id: null, to_institution_id: null, from_unit_id: null, to_unit_id: null,
  });
  for (const [k, e] of (intake?.events ?? []).entries()) {
    await trx('complaint_events').insert({
      ...base, seq: 2 + k, kind: e.kind, at: new Date(Math.max(now.getTime(), c.receivedAt.getTime())),
      from_status: e.fromStatus, to_status: e.toStatus, from_institution_id: e.fromInstitutionId, to_institution_id: e.toInstitutionId,
      from_unit_id: e.fromUnitId, to_unit_id: e.toUnitId, reason: e.reason,
    });
  }
  const inst = landing === null ? undefined : await trx('institutions').where({ id: landing }).first('code');
  const unit = landingUnit === null ? undefined : await trx('units').where({ id: landingUnit }).first('code');
  return { trackingId, id, status: final.status, institutionCode: inst?.code ?? null, unitCode: unit?.code ?? null };
}

type SqlPredicate = { sql: string; bindings: Knex.RawBinding[] };

/**
 * SQL predicate (with bindings, complaints aliased `c`) of the complaints an officer may see:
 * policy.ts visibilityScope (the rule's one home) in SQL, as canSee reads it in TS.
 */
export function visibilityFilter(actor: Actor): SqlPredicate {
  const scope = visibilityScope(actor);
  if (scope.kind === 'all') return { sql: 'true', bindings: [] };
  const within = scopeSql(scope);
  const h = scope.rahasiaHolder;
  const holder = h.unitId === null
    ? { sql: 'c.institution_id = ?', bindings: [h.institutionId] }
    : { sql: 'c.institution_id = ? and c.unit_id = ?', bindings: [h.institutionId, h.unitId] };
  return {
    sql: `(${within.sql} and (not c.confidential or (${holder.sql})))`,
    bindings: [...within.bindings, ...holder.bindings],
  };
}

/** The complaint is in the actor's visibility scope (policy.ts inScope), before the rahasia rule. */
export function scopeFilter(actor: Actor): SqlPredicate {
  return scopeSql(visibilityScope(actor));
}

function scopeSql(scope: VisibilityScope): SqlPredicate {
  if (scope.kind === 'all') return { sql: 'true', bindings: [] };
  const { level, id } = scope.through;
  const passed = `exists (select 1 from complaint_events e where e.complaint_id = c.id and (e.from_${level}_id = ? or e.to_${level}_id = ?))`;
  if (scope.unassignedOf === null) return { sql: `(${passed})`, bindings: [id, id] };
  return {
    sql: `((c.institution_id is null and c.key_institution_id = ?) or ${passed})`,
    bindings: [scope.unassignedOf, id, id],
  };
}

export interface ComplaintDetail {
  id: number;
  trackingId: string;
  source: string;
  externalId: string;
  channel: string;
  receivedAt: Date;
  class: string;
  category: string | null;
  title: string | null;
  body: string;
  regionCode: string | null;
  reporter: { name: string | null; nik: string | null; phone: string | null; email: string | null };
  anonymous: boolean;
  confidential: boolean;
  legacy: boolean;
  status: Status;
  version: number;
  institution: { id: number; code: string; name: string; zone: Zone } | null;
  unit: { id: number; code: string; name: string } | null;
}

export interface TimelineEvent {
  seq: number;
  kind: EventKind;
  at: Date;
  recordedAt: Date;
  actor: string | null;
  actorName: string | null;
  fromStatus: Status | null;
  toStatus: Status;
  fromInstitution: string | null;
  toInstitution: string | null;
  fromUnit: string | null;
  toUnit: string | null;
  /** Zone of the event's holder (to, else from), WIB for national steps. */
  zone: Zone;
  reason: string | null;
  body: string | null;
  legacy: boolean;
}

export async function loadDetail(knex: Knex, trackingId: string): Promise<ComplaintDetail> {
  const r = await knex('complaints as c')
    .leftJoin('institutions as i', 'i.id', 'c.institution_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .where('c.tracking_id', trackingId)
    .first('c.*', { i_code: 'i.code', i_name: 'i.name', i_zone: 'i.time_zone', u_code: 'u.code', u_name: 'u.name' });
  if (!r) throw notFound(trackingId);
  return {
    id: Number(r.id),
    trackingId: r.tracking_id,
    source: r.source,
    externalId: r.external_id,
    channel: r.channel,
    receivedAt: new Date(r.received_at),
    class: r.class,
    category: r.category,
    title: r.title,
    body: r.body,
    regionCode: r.region_code,
    reporter: { name: r.reporter_name, nik: r.reporter_nik, phone: r.reporter_phone, email: r.reporter_email },
    anonymous: r.anonymous,
    confidential: r.confidential,
    legacy: r.legacy,
    status: r.status,
    version: r.version,
    institution: r.institution_id ? { id: r.institution_id, code: r.i_code, name: r.i_name, zone: r.i_zone } : null,
    unit: r.unit_id ? { id: r.unit_id, code: r.u_code, name: r.u_name } : null,
  };
}

export async function loadTimeline(knex: Knex, complaintId: number): Promise<TimelineEvent[]> {
  const rows = await knex('complaint_events as e')
    .leftJoin('officers as o', 'o.id', 'e.actor_id')
    .leftJoin('institutions as fi', 'fi.id', 'e.from_institution_id')
    .leftJoin('institutions as ti', 'ti.id', 'e.to_institution_id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id')
    .leftJoin('units as tu', 'tu.id', 'e.to_unit_id')
    .where('e.complaint_id', complaintId)
    .orderBy('e.seq')
    .select('e.*', {
      actor_name: 'o.name', fi_code: 'fi.code', ti_code: 'ti.code', fu_code: 'fu.code', tu_code: 'tu.code',
      fi_zone: 'fi.time_zone', ti_zone: 'ti.time_zone',
    });
  return rows.map((r: Record<string, any>) => ({
    seq: r.seq,
    kind: r.kind,
    at: new Date(r.at),
    recordedAt: new Date(r.recorded_at),
    actor: r.actor,
    actorName: r.actor_name ?? null,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    fromInstitution: r.fi_code ?? null,
    toInstitution: r.ti_code ?? null,
    fromUnit: r.fu_code ?? null,
    toUnit: r.tu_code ?? null,
    zone: (r.ti_zone ?? r.fi_zone ?? 'WIB') as Zone,
    reason: r.reason,
    body: r.body,
    legacy: r.legacy,
  }));
}

/** `complaint show`: the detail and timeline, if the actor may see it; a super_admin's reveal is audited. */
export async function showComplaint(knex: Knex, actor: Actor, trackingId: string, opts: { revealIdentity: boolean; now: Date }):
Promise<{ detail: ComplaintDetail; timeline: TimelineEvent[] }> {
  if (opts.revealIdentity) {
    const refusal = checkCapability(actor, 'reveal_identity');
    if (refusal) throw new NotPermittedError(refusal.message);
  }
  const detail = await loadDetail(knex, trackingId);
  if (actor.role !== 'super_admin') {
    const vis = scopeFilter(actor);
    const res = await knex.raw(`select ${vis.sql} as ok from complaints c where c.id = ?`, [...vis.bindings, detail.id]);
    const inScope = res.rows[0]?.ok === true;
    if (!canSee(actor, { inScope, confidential: detail.confidential, holderInstitutionId: detail.institution?.id ?? null, holderUnitId: detail.unit?.id ?? null })) {
      // Out of scope: the same words whether or not it is rahasia (nothing of it is told).
      throw new NotPermittedError(!inScope || !detail.confidential
        ? `complaint ${trackingId} is not with ${actor.username}'s ${actor.role === 'liaison' ? 'unit' : 'institution'}`
        : `complaint ${trackingId} is confidential (rahasia): only its current holder and super_admin may see it`);
    }
  }
  if (opts.revealIdentity) {
    await knex('audit_log').insert({
      at: opts.now,
      actor: actor.username,
      action: 'reveal_identity',
      detail: JSON.stringify({ tracking_id: trackingId, complaint_id: detail.id, anonymous: detail.anonymous }),
    });
  }
  return { detail, timeline: await loadTimeline(knex, detail.id) };
}
