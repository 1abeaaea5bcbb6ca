import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import {
  CONFLICT_WINDOW_MS, EVENT_VERBS, isLostRace, planTransition, STATUS_LABELS, type LastEvent,
  type ActingParty, type Action, type ComplaintState, type EventDraft, type Status, type TargetInstitution,
  type TransitionRequest,
} from '../domain/lifecycle.js';
import { checkPermission, type Refusal } from '../domain/policy.js';
import { formatInstant, type Zone } from '../domain/time.js';
import { ConflictError, DataError, NotPermittedError, type LaporError } from '../errors.js';
import { withTransaction } from '../db/tx.js';
import { loadSnapshot, type ComplaintSnapshot } from '../db/complaints.js';
import { unknownInstitutionError } from '../db/institution-code.js';
import { refusalError } from './refusal.js';

/** A request as a command gives it: targets by code, resolved here. */
export interface ActionInput {
  action: Action | 'return_any';
  /** verify: institution code. */
  disposeTo?: string;
  /** forward: unit code within the holding institution. */
  toUnit?: string;
  reason?: string;
  body?: string;
}

export interface TransitionResult {
  trackingId: string;
  kind: Action;
  seq: number;
  at: Date;
  from: { status: Status; institution: string | null; unit: string | null };
  to: { status: Status; institution: string | null; unit: string | null };
}

export { refusalError };

/** `complaint return`: from a unit it goes back to the admin; from an institution back to the national admin. */
export function resolveReturn(status: Status): Action {
  return status === 'with_unit' ? 'return_to_admin' : 'return';
}

export async function resolveInstitution(knex: Knex, code: string): Promise<TargetInstitution> {
  const r = await knex('institutions').where({ code }).first('id', 'code', 'status');
  if (!r) throw await unknownInstitutionError(knex, code);
  return { id: r.id, code: r.code, status: r.status };
}

/** The message a loser of a race gets: what changed, by whom, when, and where the complaint is now. */
export async function describeChange(knex: Knex, trackingId: string, sinceSeq: number): Promise<ConflictError> {
  const rows = await knex('complaint_events as e')
    .join('complaints as c', 'c.id', 'e.complaint_id')
    .leftJoin('institutions as ti', 'ti.id', 'e.to_institution_id')
    .leftJoin('institutions as fi', 'fi.id', 'e.from_institution_id')
    .where('c.tracking_id', trackingId)
    .andWhere('e.seq', '>', sinceSeq)
    .orderBy('e.seq')
    .select('e.kind', 'e.actor', 'e.at', 'e.to_status', { tz: 'ti.time_zone', fz: 'fi.time_zone' });
  if (rows.length === 0) {
    return new ConflictError(`complaint ${trackingId} changed while you were acting; look at it again (lapor complaint show ${trackingId}) and retry`);
  }
  const parts = rows.map((r: Record<string, any>) =>
    `${EVENT_VERBS[r.kind as Action]} by ${r.actor ?? 'unknown'} at ${formatInstant(new Date(r.at), (r.tz ?? r.fz ?? 'WIB') as Zone)}`);
  const now = rows[rows.length - 1].to_status as Status;
  return new ConflictError(
    `complaint ${trackingId} was ${parts.join(', then ')} while you were acting; it is now ${now} (${STATUS_LABELS[now].id})`,
    [`look at it again with \`lapor complaint show ${trackingId}\` before retrying`],
  );
}

/** The newest events of a complaint within the conflict window (newest first). */
async function recentEvents(knex: Knex, complaintId: number, now: Date): Promise<LastEvent[]> {
  const rows = await knex('complaint_events').where({ complaint_id: complaintId })
    .andWhere('at', '>=', new Date(now.getTime() - CONFLICT_WINDOW_MS)).orderBy('seq', 'desc').limit(20)
    .select('kind', 'actor', 'at', 'from_status', 'to_status', 'from_institution_id', 'from_unit_id');
  return rows.map((r: Record<string, any>) => ({
    kind: r.kind, actorUsername: r.actor, at: new Date(r.at), fromStatus: r.from_status, toStatus: r.to_status,
    fromInstitutionId: r.from_institution_id, fromUnitId: r.from_unit_id,
  }));
}

/** Writes one planned transition: the version-checked update and its event. Returns false if the complaint moved on. */
export async function writeTransition(
  trx: Knex.Transaction, state: ComplaintState, actor: ActingParty, event: EventDraft, next: ComplaintState, at: Date,
): Promise<{ seq: number; at: Date } | undefined> {
  const n = await trx('complaints')
    .where({ id: state.id, version: state.version })
    .update({ status: next.status, institution_id: next.institutionId, unit_id: next.unitId, version: state.version + 1, updated_at: at });
  if (Number(n) !== 1) return undefined;
  // Next seq and a time never before the previous event's: the history stays in order.
  const res = await trx.raw(
    `insert into complaint_events (complaint_id, seq, kind, at, actor_id, actor, from_status, to_status,
       from_institution_id, to_institution_id, from_unit_id, to_unit_id, reason, body)
     select ?, coalesce(max(seq), 0) + 1, ?, greatest(?::timestamptz, coalesce(max(at), ?::timestamptz)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
     from complaint_events where complaint_id = ?
     returning seq, at`,
    [
      state.id, event.kind, at, at, actor === 'system' ? null : actor.id, actor === 'system' ? 'system' : actor.username,
      event.fromStatus, event.toStatus, event.fromInstitutionId, event.toInstitutionId, event.fromUnitId, event.toUnitId,
      event.reason, event.body, state.id,
    ],
  );
  return { seq: Number(res.rows[0].seq), at: new Date(res.rows[0].at) };
}

async function codes(knex: Knex, institutionIds: (number | null)[], unitIds: (number | null)[]) {
  const iIds = institutionIds.filter((x): x is number => x !== null);
  const uIds = unitIds.filter((x): x is number => x !== null);
  const inst = new Map<number, string>(iIds.length ? (await knex('institutions').whereIn('id', iIds).select('id', 'code')).map((r: any) => [r.id, r.code]) : []);
  const units = new Map<number, string>(uIds.length ? (await knex('units').whereIn('id', uIds).select('id', 'code')).map((r: any) => [r.id, r.code]) : []);
  return { inst: (id: number | null) => (id === null ? null : inst.get(id) ?? null), unit: (id: number | null) => (id === null ? null : units.get(id) ?? null) };
}

/**
 * Builds the domain request: the permission check comes first, so an outsider learns nothing about
 * targets. The unit of a forward is looked up in the holding institution (or, if the complaint
 * just left it, the one that held it: the lost-race check needs it); `unitMissing` says it is not there.
 */
async function buildRequest(
  knex: Knex, snap: ComplaintSnapshot, actor: ActingParty, input: ActionInput,
): Promise<{ req: TransitionRequest; refusal?: Refusal; unitMissing?: boolean }> {
  const action: Action = input.action === 'return_any' ? resolveReturn(snap.state.status) : input.action;
  const req: TransitionRequest = { action, reason: input.reason, body: input.body };
  const refusal = checkPermission(actor, action, snap.state);
  if (action === 'dispose' && input.disposeTo && !refusal) req.targetInstitution = await resolveInstitution(knex, input.disposeTo);
  if (action === 'forward' && input.toUnit) {
    const institutionId = snap.state.institutionId ?? snap.last?.fromInstitutionId ?? null;
    const r = institutionId === null ? undefined
      : await knex('units').where({ institution_id: institutionId, code: input.toUnit }).first('id', 'code', 'institution_id', 'active');
    if (r) req.targetUnit = { id: r.id, code: r.code, institutionId: r.institution_id, active: r.active };
    return { req, refusal, unitMissing: !r };
  }
  return { req, refusal };
}

/**
 * One life-cycle action on one complaint, as one transaction: load, check against the rules,
 * version-checked update, event. Two operators at once: exactly one wins, the other gets a
 * ConflictError (exit 75) saying what changed. A refusal changes nothing.
 */
export async function performAction(knex: Knex, actor: Actor, trackingId: string, input: ActionInput, now: Date): Promise<TransitionResult> {
  return withTransaction(knex, async (trx) => {
    const snap = await loadSnapshot(trx, trackingId);
    const { req, refusal, unitMissing } = await buildRequest(trx, snap, actor, input);
    const decision = refusal ? { ok: false as const, refusal } : planTransition(snap.state, actor, req);
    if (!decision.ok) {
      if (decision.refusal.kind !== 'input') {
        const recent = await recentEvents(trx, snap.state.id, now);
        const requestFor = (status: Status): TransitionRequest =>
          input.action === 'return_any' ? { ...req, action: resolveReturn(status) } : req;
        const lostTo = isLostRace(snap.state, actor, requestFor, recent, now);
        if (lostTo !== undefined) throw await describeChange(trx, trackingId, snap.lastSeq - lostTo);
      }
      if (unitMissing && decision.refusal.kind === 'input') {
        throw new DataError(`unit '${input.toUnit}' is not a unit of ${snap.institutionCode ?? 'the holding institution'}`);
      }
      throw refusalError(decision.refusal);
    }
    const written = await writeTransition(trx, snap.state, actor, decision.event, decision.next, now);
    if (!written) throw await describeChange(trx, trackingId, snap.lastSeq);
    const c = await codes(trx, [decision.event.fromInstitutionId, decision.event.toInstitutionId], [decision.event.fromUnitId, decision.event.toUnitId]);
    return {
      trackingId,
      kind: decision.event.kind,
      seq: written.seq,
      at: written.at,
      from: { status: decision.event.fromStatus, institution: c.inst(decision.event.fromInstitutionId), unit: c.unit(decision.event.fromUnitId) },
      to: { status: decision.event.toStatus, institution: c.inst(decision.event.toInstitutionId), unit: c.unit(decision.event.toUnitId) },
    };
  });
}
