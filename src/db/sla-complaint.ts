import type { Knex } from 'knex';
import type { ComplaintClass, SlaComplaint, SlaEvent } from '../domain/sla.js';

export interface ComplaintHead {
  id: number;
  tracking_id: string;
  class: ComplaintClass;
  received_at: Date;
  status: string;
  institution_id: number | null;
  unit_id: number | null;
  confidential: boolean;
  key_institution_id: number | null;
}

function toEvent(r: Record<string, unknown>): SlaEvent {
  return {
    seq: Number(r.seq),
    kind: String(r.kind),
    at: new Date(r.at as string | Date),
    fromStatus: (r.from_status as string | null) ?? null,
    toStatus: (r.to_status as string | null) ?? null,
    fromInstitutionId: (r.from_institution_id as number | null) ?? null,
    toInstitutionId: (r.to_institution_id as number | null) ?? null,
    fromUnitId: (r.from_unit_id as number | null) ?? null,
    toUnitId: (r.to_unit_id as number | null) ?? null,
  };
}

const EVENT_COLUMNS = ['complaint_id', 'seq', 'kind', 'at', 'from_status', 'to_status', 'from_institution_id',
  'to_institution_id', 'from_unit_id', 'to_unit_id'];

/** One complaint and its history, as the pure engine reads it (docs/events.md). */
export async function loadSlaComplaint(knex: Knex, trackingId: string): Promise<{ head: ComplaintHead; complaint: SlaComplaint } | undefined> {
  const head = (await knex('complaints')
    .where({ tracking_id: trackingId })
    .first('id', 'tracking_id', 'class', 'received_at', 'status', 'institution_id', 'unit_id', 'confidential', 'key_institution_id')) as ComplaintHead | undefined;
  if (!head) return undefined;
  const events = await knex('complaint_events').where({ complaint_id: head.id }).orderBy(['at', 'seq']).select(EVENT_COLUMNS);
  return {
    head: { ...head, id: Number(head.id) },
    complaint: { id: Number(head.id), class: head.class, receivedAt: new Date(head.received_at), events: events.map(toEvent) },
  };
}

/** Many complaints at once (the property test compares the pure engine with the SQL one on each). */
export async function loadSlaComplaints(knex: Knex, ids: number[]): Promise<SlaComplaint[]> {
  const heads = await knex('complaints').whereIn('id', ids).select('id', 'class', 'received_at').orderBy('id');
  const events = await knex('complaint_events').whereIn('complaint_id', ids).orderBy(['complaint_id', 'at', 'seq']).select(EVENT_COLUMNS);
  const byId = new Map<number, SlaEvent[]>();
  for (const e of events) {
    const list = byId.get(Number(e.complaint_id)) ?? [];
    list.push(toEvent(e));
    byId.set(Number(e.complaint_id), list);
  }
  return heads.map((h) => ({
    id: Number(h.id), class: h.class as ComplaintClass, receivedAt: new Date(h.received_at), events: byId.get(Number(h.id)) ?? [],
  }));
}
