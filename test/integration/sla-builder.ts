import type { Knex } from 'knex';

/**
 * A small builder of complaints and their histories for the SLA tests: it writes complaint_events
 * exactly as docs/events.md defines them (both from_* and to_* filled on every event).
 */
export type Kind =
  | 'hold' | 'resume' | 'archive' | 'dispose' | 'forward' | 'return' | 'return_to_admin'
  | 'respond' | 'reply' | 'close' | 'auto_close';

export interface Step {
  kind: Kind;
  at: string | Date;
  /** dispose: the target institution id; forward: the unit id. */
  to?: number;
}

export interface ComplaintSpec {
  trackingId?: string;
  class?: string;
  channel?: string;
  category?: string;
  receivedAt: string | Date;
  confidential?: boolean;
  anonymous?: boolean;
  reporterName?: string;
  reporterPhone?: string;
  title?: string;
  steps: Step[];
}

interface Holder {
  status: string;
  inst: number | null;
  unit: number | null;
}

let counter = 0;

/** Applies one step to the holder (throws on a transition docs/events.md does not allow). */
export function apply(h: Holder, s: Step): { from: Holder; to: Holder } {
  const from = { ...h };
  const to = { ...h };
  const need = (...st: string[]) => {
    if (!st.includes(h.status)) throw new Error(`${s.kind} from ${h.status}`);
  };
  switch (s.kind) {
    case 'hold': need('received'); to.status = 'on_hold'; break;
    case 'resume': need('on_hold'); to.status = 'received'; break;
    case 'archive': need('received'); to.status = 'archived'; break;
    case 'dispose': need('received', 'returned'); Object.assign(to, { status: 'with_institution', inst: s.to!, unit: null }); break;
    case 'forward': need('with_institution'); Object.assign(to, { status: 'with_unit', unit: s.to! }); break;
    case 'return': need('with_institution'); Object.assign(to, { status: 'returned', inst: null, unit: null }); break;
    case 'return_to_admin': need('with_unit'); Object.assign(to, { status: 'with_institution', unit: null }); break;
    case 'respond': need('with_institution', 'with_unit'); to.status = 'responded'; break;
    case 'reply': need('responded'); to.status = h.unit === null ? 'with_institution' : 'with_unit'; break;
    case 'close': case 'auto_close': need('responded'); to.status = 'closed'; break;
  }
  return { from, to };
}

/**
 * Writes the complaint and its events. `oneByOne`: one INSERT per event, each in its own
 * statement (as the life-cycle commands write them), so the sla_spans trigger recomputes the
 * complaint after every event; otherwise one multi-row INSERT (as the import does).
 */
export async function insertComplaint(knex: Knex, spec: ComplaintSpec, opts: { oneByOne?: boolean } = {}): Promise<{ id: number; trackingId: string }> {
  counter++;
  const trackingId = spec.trackingId ?? `9${String(process.pid).slice(-3)}${String(counter).padStart(7, '0')}`;
  const receivedAt = new Date(spec.receivedAt);
  let h: Holder = { status: 'received', inst: null, unit: null };
  const events: Record<string, unknown>[] = [{
    seq: 1, kind: 'received', at: receivedAt, from_status: null, to_status: 'received',
    from_institution_id: null, to_institution_id: null, from_unit_id: null, to_unit_id: null, actor: 'test',
  }];
  spec.steps.forEach((s, i) => {
    const { from, to } = apply(h, s);
    events.push({
      seq: i + 2, kind: s.kind, at: new Date(s.at), from_status: from.status, to_status: to.status,
      from_institution_id: from.inst, to_institution_id: to.inst, from_unit_id: from.unit, to_unit_id: to.unit,
      actor: 'test', reason: ['return', 'return_to_admin', 'archive'].includes(s.kind) ? 'test reason' : null,
    });
    h = to;
  });
  const [row] = await knex('complaints').insert({
    tracking_id: trackingId,
    source: 'sla-test',
    external_id: trackingId,
    channel: spec.channel ?? 'web',
    received_at: receivedAt,
    class: spec.class ?? 'pengaduan',
    category: spec.category ?? 'umum',
    title: spec.title ?? 'Jalan rusak',
    body: 'isi laporan',
    reporter_name: spec.reporterName ?? 'Budi Santoso',
    reporter_phone: spec.reporterPhone ?? '081234567890',
    anonymous: spec.anonymous ?? false,
    confidential: spec.confidential ?? false,
    institution_id: h.inst,
    unit_id: h.unit,
    status: h.status,
  }).returning('id');
  const id = Number(row.id ?? row);
  if (opts.oneByOne) {
    for (const e of events) await knex('complaint_events').insert({ ...e, complaint_id: id });
  } else {
    await knex('complaint_events').insert(events.map((e) => ({ ...e, complaint_id: id })));
  }
  return { id, trackingId };
}

export async function institutionId(knex: Knex, code: string): Promise<number> {
  const r = await knex('institutions').whereRaw('upper(code) = upper(?)', [code]).first('id');
  if (!r) throw new Error(`no institution ${code}`);
  return r.id;
}

export async function addUnit(knex: Knex, inst: number, code: string): Promise<number> {
  const [r] = await knex('units').insert({ institution_id: inst, code, name: `Unit ${code}` }).returning('id');
  return r.id;
}

export async function addOfficer(knex: Knex, username: string, role: string, inst: number | null, unit: number | null = null): Promise<void> {
  await knex('officers').insert({ username, name: username, role, institution_id: inst, unit_id: unit, active_from: '2020-01-01' });
}
