/**
 * `lapor import events`: one legacy event (a line of the CSV or JSON Lines file) and a complaint's
 * legacy history checked step by step against the life-cycle (planTransition, the one home of
 * the rules; `legacy` as the party: the legacy system decided who might act). Pure.
 */
import { rejectText, type RejectCode, type RejectParams, type RejectReason } from '../../i18n/rejects.js';
import {
  planTransition, TRANSITIONS, type Action, type ComplaintState, type EventDraft, type InputRefusalCode, type TargetInstitution, type TargetUnit,
} from '../lifecycle.js';
import type { Zone } from '../time.js';
import { parseLegacyDate } from './dates.js';
import { vocabKey } from './values.js';

/** Event kinds a legacy history may carry (auto_close is the sweep's), and their spellings. */
export const EVENT_KIND_SPELLINGS: Record<Exclude<Action, 'auto_close'>, string[]> = {
  hold: ['tunda', 'ditunda', 'on hold', 'pending'],
  resume: ['lanjut', 'dilanjutkan', 'unhold'],
  dispose: ['verify', 'verifikasi', 'diverifikasi', 'disposisi', 'didisposisi', 'redispose', 'redisposisi', 'disposisi ulang', 'assign'],
  forward: ['teruskan', 'diteruskan', 'forward to unit', 'disposisi ke unit'],
  return: ['bukan wewenang', 'dikembalikan', 'kembalikan', 'return to national', 'bw'],
  return_to_admin: ['kembali ke admin', 'dikembalikan ke admin', 'return to admin'],
  respond: ['follow up', 'follow-up', 'followup', 'tindak lanjut', 'ditindaklanjuti', 'tanggapan', 'response', 'jawab'],
  reply: ['balasan pelapor', 'tanggapan pelapor', 'reporter reply', 'sanggah', 'reopen'],
  close: ['tutup', 'ditutup', 'selesai', 'closed'],
  archive: ['arsip', 'diarsipkan', 'archived'],
};
const KINDS = new Map<string, Action>();
for (const [k, sp] of Object.entries(EVENT_KIND_SPELLINGS) as [Action, string[]][]) {
  KINDS.set(vocabKey(k), k);
  for (const s of sp) KINDS.set(vocabKey(s), k);
}

export function normalizeEventKind(text: string): Action | undefined {
  return KINDS.get(vocabKey(text));
}

/** One line of the events file, as read. */
export interface LegacyEventInput {
  line: number;
  externalId: string;
  at: string;
  kind: string;
  from: string;
  to: string;
  actor: string;
  reason: string;
  text: string;
  /** The line's own cells as read (CSV: the source's columns; JSON Lines: EVENT_COLUMNS), for the rejects file. */
  cells?: string[];
}

export const EVENT_COLUMNS = ['external_id', 'at', 'kind', 'from', 'to', 'actor', 'reason', 'text'] as const;
/** Header names accepted for each column (compared by vocabKey). */
export const EVENT_COLUMN_NAMES: Record<(typeof EVENT_COLUMNS)[number], string[]> = {
  external_id: ['external_id', 'id', 'ticket', 'no tiket', 'nomor tiket', 'complaint'],
  at: ['at', 'instant', 'time', 'timestamp', 'waktu', 'tanggal', 'date'],
  kind: ['kind', 'event', 'action', 'jenis', 'aksi', 'type'],
  from: ['from', 'dari', 'from_institution', 'from_unit'],
  to: ['to', 'ke', 'kepada', 'to_institution', 'to_unit'],
  actor: ['actor', 'oleh', 'petugas', 'user', 'by'],
  reason: ['reason', 'alasan'],
  text: ['text', 'body', 'isi', 'teks', 'message'],
};

/** What the plan needs to resolve codes: institutions by code, units by (institution id, code). */
export interface Resolvers {
  institution(code: string): TargetInstitution | undefined;
  unit(institutionId: number, code: string): TargetUnit | undefined;
  institutionCode(id: number): string;
  unitCode(id: number): string;
}

export interface PlannedLegacyEvent {
  line: number;
  position: number;
  at: Date;
  actor: string | null;
  draft: EventDraft;
}

export type HistoryPlan =
  | { ok: true; events: PlannedLegacyEvent[]; next: ComplaintState }
  | { ok: false; line: number; field: string | null; code: RejectCode; params: RejectParams; /** English, as stored. */ reason: string; planned: number };

/** The life-cycle's input refusals as an imported line's reject: its code, and the column it points at. */
const LIFECYCLE_REJECT: Record<InputRefusalCode, { code: RejectCode; field: string }> = {
  needs_reason: { code: 'event_needs_reason', field: 'reason' },
  needs_text: { code: 'event_needs_text', field: 'text' },
  needs_target: { code: 'event_dispose_needs_to', field: 'to' },
  target_inactive: { code: 'event_institution_inactive', field: 'to' },
  returned_by_target: { code: 'event_returned_by_target', field: 'to' },
  needs_unit: { code: 'event_forward_needs_to', field: 'to' },
  unit_elsewhere: { code: 'event_unit_elsewhere', field: 'to' },
  unit_inactive: { code: 'event_unit_inactive', field: 'to' },
};

/**
 * Checks the steps of one complaint's legacy history (after the ones already imported) against
 * the life-cycle, from its current state and the instant of its last event. The first illegal step
 * rejects the history (the events after it could not be placed either).
 */
export function planLegacyHistory(start: ComplaintState, lastAt: Date, steps: Array<LegacyEventInput & { position: number }>,
  r: Resolvers, zone: Zone): HistoryPlan {
  let state = start;
  let last = lastAt;
  const out: PlannedLegacyEvent[] = [];
  const fail = (s: LegacyEventInput, field: string | null, code: RejectCode, params: RejectParams = {}): HistoryPlan =>
    ({ ok: false, line: s.line, field, code, params, reason: rejectText({ code, params } satisfies RejectReason, 'en'), planned: out.length });
  for (const s of steps) {
    const kind = normalizeEventKind(s.kind);
    if (!kind) return fail(s, 'kind', 'event_unknown_kind', { value: `'${s.kind}'`, kinds: Object.keys(EVENT_KIND_SPELLINGS).join(', ') });
    const at = parseLegacyDate(s.at, zone);
    if (!at) return fail(s, 'at', 'bad_date', { value: `'${s.at}'` });
    if (at.getTime() < last.getTime()) return fail(s, 'at', 'event_before_previous', { at: at.toISOString(), previous_at: last.toISOString() });
    // `from`, when given, must be where the complaint is.
    if (s.from) {
      const here = state.unitId !== null ? [r.unitCode(state.unitId), `${r.institutionCode(state.institutionId!)}/${r.unitCode(state.unitId)}`] : [];
      if (state.institutionId !== null) here.push(r.institutionCode(state.institutionId));
      if (!here.some((h) => h.toLowerCase() === s.from.toLowerCase())) {
        return state.institutionId === null ? fail(s, 'from', 'event_from_national', { from: s.from })
          : fail(s, 'from', 'event_from_mismatch', { here: here[0], from: s.from });
      }
    }
    const req: Parameters<typeof planTransition>[2] = { action: kind, reason: s.reason || undefined, body: s.text || undefined };
    const possible = TRANSITIONS[kind].from.includes(state.status); // if not, planTransition says so
    if (!possible) {
      /* no target to resolve */
    } else if (kind === 'dispose') {
      if (!s.to) return fail(s, 'to', 'event_dispose_needs_to');
      const inst = r.institution(s.to);
      if (!inst) return fail(s, 'to', 'event_unknown_institution', { value: `'${s.to}'` });
      req.targetInstitution = inst;
    } else if (kind === 'forward') {
      if (!s.to) return fail(s, 'to', 'event_forward_needs_to');
      const code = s.to.includes('/') ? s.to.split('/').pop()! : s.to;
      const unit = state.institutionId === null ? undefined : r.unit(state.institutionId, code);
      if (!unit) return fail(s, 'to', 'event_unknown_unit', { value: `'${s.to}'` });
      req.targetUnit = unit;
    }
    const d = planTransition(state, 'legacy', req);
    if (!d.ok) {
      // A step out of order, or one the life-cycle refuses by a rule it names (a missing reason, the
      // institution that returned it …): said with its values, so in either language.
      if (d.refusal.kind === 'state') {
        return fail(s, 'kind', 'event_wrong_state', {
          status: state.status, kind, allowed: TRANSITIONS[kind].from.join(' / '),
        });
      }
      const known = d.refusal.code === undefined ? undefined : LIFECYCLE_REJECT[d.refusal.code as InputRefusalCode];
      if (known) return fail(s, known.field, known.code, d.refusal.params);
      return fail(s, d.refusal.kind === 'input' ? (kind === 'dispose' || kind === 'forward' ? 'to' : 'reason') : 'kind', 'event_refused', { message: d.refusal.message });
    }
    out.push({ line: s.line, position: s.position, at, actor: s.actor || null, draft: d.event });
    state = d.next;
    last = at;
  }
  return { ok: true, events: out, next: state };
}
