/**
 * One legacy row → a complaint and its history, or the reason it is rejected (field + reason).
 * Text is trimmed, never otherwise rewritten; values are normalised only into our vocabularies
 * (channel, class, status), E.164 phones, dotted region codes and instants. Pure: the clock and
 * the reference data come in with the context.
 */
import { rejectText, type RejectCode, type RejectParams } from '../../i18n/rejects.js';
import { createHash } from 'node:crypto';
import type { AnyEventDraft, EventKind, Status } from '../lifecycle.js';
import { formatInstant, type Zone } from '../time.js';
import { normalizePhone, isValidEmail, normalizeEmail } from '../phone.js';
import { parseLegacyDate } from './dates.js';
import type { ColumnPlan, Field, Mapping } from './mapping.js';
import {
  nikProblem, normalizeChannel, normalizeClass, normalizeRegionCode, normalizeStatus, parseYesNo,
  type Channel, type ComplaintClass, type LegacyStatus,
} from './values.js';

/** One event of docs/events.md, both holder sides filled: the life-cycle's event draft plus its instant. */
export type PlannedEvent = AnyEventDraft & { at: Date };

export interface NormalizedRow {
  externalId: string;
  /** True when externalId is a content fingerprint (the file had none). */
  fingerprint: boolean;
  receivedAt: Date;
  channel: Channel;
  class: ComplaintClass;
  category: string | null;
  title: string | null;
  body: string;
  regionCode: string | null;
  reporterName: string | null;
  reporterNik: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  anonymous: boolean;
  confidential: boolean;
  status: LegacyStatus;
  institutionId: number | null;
  unitId: number | null;
  events: PlannedEvent[];
}

export interface Rejection {
  field: string | null;
  /** The reason's code and values (src/i18n/rejects.ts); `reason` is its English text, as stored. */
  code: RejectCode;
  params: RejectParams;
  reason: string;
}

export interface RowContext {
  mapping: Mapping;
  plan: ColumnPlan;
  header: string[];
  zone: Zone;
  now: Date;
  institutionId: number;
  /** Known kode wilayah (provinces and kabupaten/kota). */
  regions: ReadonlySet<string>;
  provinces: ReadonlySet<string>;
  /** Unit codes of the institution (lower case) → unit id. */
  units: ReadonlyMap<string, number>;
  maxFieldChars: number;
}

export const MAX_EXTERNAL_ID = 200;
/** The actor of reconstructed legacy events (who ran the import is on the batch). */
export const LEGACY_ACTOR = 'legacy';

/** The value of a field in a record: its column(s) trimmed (several joined by a space), else the default. */
function value(fields: string[], ctx: RowContext, field: Field): string {
  const idx = ctx.plan[field];
  let v = '';
  if (idx !== undefined) {
    if (idx.length === 1) v = (fields[idx[0]] ?? '').trim();
    else v = idx.map((i) => (fields[i] ?? '').trim()).filter((s) => s !== '').join(' ');
  }
  if (v === '') v = ctx.mapping.defaults[field] ?? '';
  return v;
}

/** A value quoted in a reason: at most 80 characters of it. */
function q(s: string | undefined): string {
  const t = s ?? '';
  return t.length <= 80 ? `'${t}'` : `'${t.slice(0, 77)}…' (${t.length} characters)`;
}

function orNull(s: string): string | null {
  return s === '' ? null : s;
}

class Reject {
  constructor(readonly field: string | null, readonly code: RejectCode, readonly params: RejectParams = {}) {}
}

function date(fields: string[], ctx: RowContext, field: Field, required: boolean): Date | null {
  const raw = value(fields, ctx, field);
  if (raw === '') {
    if (required) throw new Reject(field, 'empty');
    return null;
  }
  const d = parseLegacyDate(raw, ctx.zone, ctx.mapping.dateOrder);
  if (!d) throw new Reject(field, 'bad_date', { value: q(raw) });
  if (d.getTime() > ctx.now.getTime()) throw new Reject(field, 'future_date', { value: q(raw) });
  return d;
}

/** Normalises one record; `fields.length` must already equal the header's. */
export function normalizeRow(fields: string[], ctx: RowContext): NormalizedRow | Rejection {
  try {
    return build(fields, ctx);
  } catch (err) {
    if (err instanceof Reject) return { field: err.field, code: err.code, params: err.params, reason: rejectText(err, 'en') };
    throw err;
  }
}

function build(fields: string[], ctx: RowContext): NormalizedRow {
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].length > ctx.maxFieldChars) {
      throw new Reject(ctx.header[i] ?? `column ${i + 1}`, 'too_long', { n: fields[i].length, limit: ctx.maxFieldChars });
    }
  }
  const receivedAt = date(fields, ctx, 'received_at', true)!;
  const channelText = value(fields, ctx, 'channel');
  if (channelText === '') throw new Reject('channel', 'empty');
  const channel = normalizeChannel(channelText, ctx.mapping.values.channel);
  if (!channel) throw new Reject('channel', 'unknown_channel', { value: q(channelText) });
  const classText = value(fields, ctx, 'class');
  if (classText === '') throw new Reject('class', 'empty');
  const klass = normalizeClass(classText, ctx.mapping.values.class);
  if (!klass) throw new Reject('class', 'unknown_class', { value: q(classText) });
  const body = value(fields, ctx, 'body');
  if (body === '') throw new Reject('body', 'empty_body');

  const regionText = value(fields, ctx, 'region_code');
  let regionCode: string | null = null;
  if (regionText !== '') {
    const r = normalizeRegionCode(regionText);
    if (!r || !ctx.regions.has(r)) throw new Reject('region_code', 'unknown_region', { value: q(regionText) });
    regionCode = r;
  }
  const nikText = value(fields, ctx, 'reporter_nik');
  let reporterNik: string | null = null;
  if (nikText !== '') {
    const nik = nikText.replace(/[\s.-]/g, '');
    const why = nikProblem(nik, ctx.provinces);
    if (why) throw new Reject('reporter_nik', why.code, { value: q(nikText), ...why.params });
    reporterNik = nik;
  }
  const phoneText = value(fields, ctx, 'reporter_phone');
  let reporterPhone: string | null = null;
  if (phoneText !== '') {
    const p = normalizePhone(phoneText);
    if (!p) throw new Reject('reporter_phone', 'bad_phone', { value: q(phoneText) });
    reporterPhone = p;
  }
  const emailText = value(fields, ctx, 'reporter_email');
  let reporterEmail: string | null = null;
  if (emailText !== '') {
    if (!isValidEmail(emailText)) throw new Reject('reporter_email', 'bad_email', { value: q(emailText) });
    reporterEmail = normalizeEmail(emailText);
  }
  const flag = (f: Field): boolean => {
    const t = value(fields, ctx, f);
    if (t === '') return false;
    const b = parseYesNo(t);
    if (b === undefined) throw new Reject(f, 'bad_yes_no', { value: q(t) });
    return b;
  };
  const anonymous = flag('anonymous');
  const confidential = flag('confidential');

  const statusText = value(fields, ctx, 'status');
  let status: LegacyStatus | undefined;
  if (statusText !== '') {
    status = normalizeStatus(statusText, ctx.mapping.values.status);
    if (!status) throw new Reject('status', 'unknown_status', { value: q(statusText) });
  }
  const unitText = value(fields, ctx, 'unit');
  let unitId: number | null = null;
  if (unitText !== '') {
    const u = ctx.units.get(unitText.toLowerCase());
    if (u === undefined) throw new Reject('unit', 'unknown_unit', { value: q(unitText) });
    unitId = u;
  }
  const history = planHistory({
    receivedAt,
    disposedAt: date(fields, ctx, 'disposed_at', false),
    forwardedAt: date(fields, ctx, 'forwarded_at', false),
    respondedAt: date(fields, ctx, 'responded_at', false),
    closedAt: date(fields, ctx, 'closed_at', false),
    archivedAt: date(fields, ctx, 'archived_at', false),
    response: orNull(value(fields, ctx, 'response')),
    archiveReason: orNull(value(fields, ctx, 'archive_reason')),
    status,
    statusText,
    unitId,
    institutionId: ctx.institutionId,
    receivedByInstitution: ctx.mapping.receivedByInstitution,
    zone: ctx.zone,
  });

  const row: NormalizedRow = {
    externalId: value(fields, ctx, 'external_id'),
    fingerprint: false,
    receivedAt,
    channel,
    class: klass,
    category: orNull(value(fields, ctx, 'category')),
    title: orNull(value(fields, ctx, 'title')),
    body,
    regionCode,
    reporterName: orNull(value(fields, ctx, 'reporter_name')),
    reporterNik,
    reporterPhone,
    reporterEmail,
    anonymous,
    confidential,
    status: history.status,
    institutionId: history.institutionId,
    unitId: history.unitId,
    events: history.events,
  };
  if (row.externalId.length > MAX_EXTERNAL_ID) {
    throw new Reject('external_id', 'too_long', { n: row.externalId.length, limit: MAX_EXTERNAL_ID });
  }
  if (row.externalId === '') {
    row.externalId = contentFingerprint(row);
    row.fingerprint = true;
  }
  return row;
}

/**
 * The external id of a row that has none: a hash of what makes it the same complaint (time,
 * channel, reporter, title, text). The same row in a re-run gets the same id, so it is a duplicate.
 */
export function contentFingerprint(r: Pick<NormalizedRow, 'receivedAt' | 'channel' | 'body' | 'title' | 'reporterPhone' | 'reporterName' | 'reporterEmail'>): string {
  const h = createHash('sha256');
  h.update([r.receivedAt.toISOString(), r.channel, r.reporterPhone ?? '', r.reporterEmail ?? '', r.reporterName ?? '',
    r.title ?? '', r.body].join('\u001f'));
  return `fp:${h.digest('hex').slice(0, 32)}`;
}

export interface HistoryInput {
  receivedAt: Date;
  disposedAt: Date | null;
  forwardedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  archivedAt: Date | null;
  response: string | null;
  archiveReason: string | null;
  /** The status the file states, if any (already in our vocabulary) and its original text. */
  status?: LegacyStatus;
  statusText?: string;
  unitId: number | null;
  institutionId: number;
  /**
   * A complaint that came in through the institution's own channel was with it from the start:
   * without a disposition time, the dispose event is written at received_at (docs/import.md).
   */
  receivedByInstitution: boolean;
  /** For messages: times are shown in local time. */
  zone: Zone;
}

/**
 * The events of a legacy complaint (docs/events.md), from its timestamps: received → dispose →
 * [forward] → [respond → [close]], or received → archive. Timestamps must be in that order; a
 * status the file states must agree with them.
 */
export function planHistory(h: HistoryInput): { events: PlannedEvent[]; status: LegacyStatus; institutionId: number | null; unitId: number | null } {
  const events: PlannedEvent[] = [];
  let status: Status | null = null;
  let inst: number | null = null;
  let unit: number | null = null;
  let last = h.receivedAt;
  let lastField = 'received_at';
  const push = (kind: EventKind, at: Date, field: string, toStatus: Status, toInst: number | null, toUnit: number | null,
    extra: { reason?: string | null; body?: string | null } = {}) => {
    if (at.getTime() < last.getTime()) {
      throw new Reject(field, 'out_of_order', { at: formatInstant(at, h.zone), previous: lastField, previous_at: formatInstant(last, h.zone) });
    }
    events.push({
      kind, at, fromStatus: status, toStatus, fromInstitutionId: inst, toInstitutionId: toInst,
      fromUnitId: unit, toUnitId: toUnit, reason: extra.reason ?? null, body: extra.body ?? null,
    } as PlannedEvent);
    status = toStatus;
    inst = toInst;
    unit = toUnit;
    last = at;
    lastField = field;
  };
  push('received', h.receivedAt, 'received_at', 'received', null, null);
  const stated = h.status;
  if (h.archivedAt || stated === 'archived') {
    if (!h.archivedAt) throw new Reject('archived_at', 'archived_no_time', { value: q(h.statusText) });
    for (const [f, v] of [['disposed_at', h.disposedAt], ['forwarded_at', h.forwardedAt], ['responded_at', h.respondedAt], ['closed_at', h.closedAt]] as const) {
      if (v) throw new Reject(f, 'archived_with_history');
    }
    push('archive', h.archivedAt, 'archived_at', 'archived', null, null,
      { reason: h.archiveReason ?? `diarsipkan (data lama${h.statusText ? `: ${h.statusText}` : ''})` });
  } else {
    const disposedAt = h.disposedAt ?? (h.receivedByInstitution && stated !== 'received' ? h.receivedAt : null);
    if (disposedAt) push('dispose', disposedAt, h.disposedAt ? 'disposed_at' : 'received_at', 'with_institution', h.institutionId, null);
    else {
      for (const [f, v] of [['forwarded_at', h.forwardedAt], ['responded_at', h.respondedAt], ['closed_at', h.closedAt]] as const) {
        if (v) throw new Reject(f, 'never_disposed');
      }
    }
    if (h.unitId !== null && !h.forwardedAt) throw new Reject('forwarded_at', 'unit_without_forward');
    if (h.forwardedAt) {
      if (h.unitId === null) throw new Reject('unit', 'forward_without_unit');
      push('forward', h.forwardedAt, 'forwarded_at', 'with_unit', h.institutionId, h.unitId);
    }
    if (h.respondedAt) push('respond', h.respondedAt, 'responded_at', 'responded', inst, unit, { body: h.response });
    else if (h.response) throw new Reject('responded_at', 'response_without_time');
    if (h.closedAt) {
      if (!h.respondedAt) throw new Reject('responded_at', 'closed_without_response');
      push('close', h.closedAt, 'closed_at', 'closed', inst, unit);
    }
  }
  const final = status as unknown as LegacyStatus;
  if (stated !== undefined && stated !== final) {
    throw new Reject('status', 'status_mismatch', { value: q(h.statusText), stated, final });
  }
  return { events, status: final, institutionId: inst, unitId: unit };
}
