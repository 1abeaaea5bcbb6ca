import type { Knex } from 'knex';
import type { ActingParty, ComplaintState, EventDraft } from '../domain/lifecycle.js';

/** One planned transition of a bulk run, checked against the snapshot it was planned on. */
export interface PlannedWrite {
  /** The state it was planned on (its version is what the database must still have for the first write of a complaint). */
  state: ComplaintState;
  next: ComplaintState;
  event: EventDraft;
  actor: ActingParty;
  at: Date;
}

/** Per complaint: the snapshot's last seq and time, so events are appended in order without a look-up. */
export interface ChainStart {
  lastSeq: number;
  lastAt: Date | null;
}

export class BatchConflict extends Error {
  constructor(readonly complaintIds: number[]) {
    super(`${complaintIds.length} complaint(s) changed while the batch was applied`);
  }
}

/**
 * Applies many transitions in the caller's transaction with two statements: one version-checked
 * UPDATE … FROM (VALUES …) for all complaints, one multi-row INSERT of their events. Writes of one
 * complaint must come in order; if any complaint moved on since it was loaded, throws
 * BatchConflict (the caller rolls back and retries those rows one by one).
 */
export async function writeBatch(trx: Knex.Transaction, writes: PlannedWrite[], starts: Map<number, ChainStart>): Promise<void> {
  if (writes.length === 0) return;
  const byComplaint = new Map<number, PlannedWrite[]>();
  for (const w of writes) {
    const list = byComplaint.get(w.state.id) ?? [];
    list.push(w);
    byComplaint.set(w.state.id, list);
  }
  const values: Knex.RawBinding[] = [];
  const tuples: string[] = [];
  const events: Record<string, unknown>[] = [];
  for (const [id, list] of byComplaint) {
    const first = list[0];
    const last = list[list.length - 1];
    const start = starts.get(id) ?? { lastSeq: 0, lastAt: null };
    let seq = start.lastSeq;
    let prevAt = start.lastAt;
    for (const w of list) {
      seq += 1;
      const at = prevAt && prevAt.getTime() > w.at.getTime() ? prevAt : w.at;
      prevAt = at;
      events.push({
        complaint_id: id, seq, kind: w.event.kind, at,
        actor_id: w.actor === 'system' ? null : w.actor.id, actor: w.actor === 'system' ? 'system' : w.actor.username,
        from_status: w.event.fromStatus, to_status: w.event.toStatus,
        from_institution_id: w.event.fromInstitutionId, to_institution_id: w.event.toInstitutionId,
        from_unit_id: w.event.fromUnitId, to_unit_id: w.event.toUnitId, reason: w.event.reason, body: w.event.body,
      });
    }
    tuples.push('(?::bigint, ?::int, ?::int, ?::text, ?::int, ?::int, ?::timestamptz)');
    values.push(id, first.state.version, first.state.version + list.length, last.next.status, last.next.institutionId, last.next.unitId, prevAt as Date);
  }
  const res = await trx.raw(
    `update complaints c set status = v.status, institution_id = v.institution_id, unit_id = v.unit_id,
            version = v.new_version, updated_at = v.at
     from (values ${tuples.join(', ')}) as v(id, expected, new_version, status, institution_id, unit_id, at)
     where c.id = v.id and c.version = v.expected
     returning c.id`,
    values,
  );
  const updated = new Set<number>(res.rows.map((r: { id: number | string }) => Number(r.id)));
  if (updated.size !== byComplaint.size) {
    throw new BatchConflict([...byComplaint.keys()].filter((id) => !updated.has(id)));
  }
  for (let i = 0; i < events.length; i += 1000) await trx('complaint_events').insert(events.slice(i, i + 1000));
}
