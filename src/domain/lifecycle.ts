/**
 * The complaint life-cycle of DESIGN §5 as pure code: states, the transitions between them and
 * the event each one writes (docs/events.md). Nothing here touches the database or a clock; the
 * permission table lives beside it in policy.ts, and `planTransition` applies both.
 */
import type { Actor } from './actor.js';
import { checkPermission, type Refusal } from './policy.js';
import { EVENT, STATUS, type Pair } from '../i18n/index.js';

export type Status =
  | 'received' | 'on_hold' | 'archived' | 'with_institution' | 'with_unit' | 'returned' | 'responded' | 'closed';
export const STATUSES: readonly Status[] = [
  'received', 'on_hold', 'archived', 'with_institution', 'with_unit', 'returned', 'responded', 'closed',
];

export const STATUS_LABELS: Record<Status, Pair> = STATUS;

/** Event kinds of docs/events.md; every one but `received` is a transition. */
export type EventKind =
  | 'received' | 'hold' | 'resume' | 'archive' | 'dispose' | 'forward' | 'return' | 'return_to_admin'
  | 'respond' | 'reply' | 'close' | 'auto_close';
export type Action = Exclude<EventKind, 'received'>;
export const ACTIONS: readonly Action[] = [
  'dispose', 'hold', 'resume', 'archive', 'forward', 'return', 'return_to_admin', 'respond', 'reply', 'close', 'auto_close',
];

export const EVENT_LABELS: Record<EventKind, Pair> = EVENT;

/** Past-tense verbs for messages ("was forwarded by …"). */
export const EVENT_VERBS: Record<EventKind, string> = {
  received: 'received', hold: 'put on hold', resume: 'resumed', archive: 'archived', dispose: 'disposed',
  forward: 'forwarded', return: 'returned (Bukan Wewenang)', return_to_admin: 'returned to its admin',
  respond: 'responded to', reply: 'reopened by a reply', close: 'closed', auto_close: 'auto-closed',
};

/** Where each transition may start, and where it goes (null: depends on the holder, see `planTransition`). */
export const TRANSITIONS: Record<Action, { from: readonly Status[]; to: Status | null }> = {
  dispose: { from: ['received', 'returned'], to: 'with_institution' },
  hold: { from: ['received'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'received' },
  archive: { from: ['received'], to: 'archived' },
  forward: { from: ['with_institution'], to: 'with_unit' },
  return: { from: ['with_institution'], to: 'returned' },
  return_to_admin: { from: ['with_unit'], to: 'with_institution' },
  respond: { from: ['with_institution', 'with_unit'], to: 'responded' },
  reply: { from: ['responded'], to: null },
  close: { from: ['responded'], to: 'closed' },
  auto_close: { from: ['responded'], to: 'closed' },
};

/** Transitions that need a reason (DESIGN §5: archive, Bukan Wewenang, return to admin). */
export const NEEDS_REASON: ReadonlySet<Action> = new Set<Action>(['archive', 'return', 'return_to_admin']);
/** Transitions that carry a text (the follow-up, the reporter's reply). */
export const NEEDS_BODY: ReadonlySet<Action> = new Set<Action>(['respond', 'reply']);

/** What the rules need to know about a complaint. */
export interface ComplaintState {
  id: number;
  trackingId: string;
  status: Status;
  institutionId: number | null;
  unitId: number | null;
  version: number;
  /** When returned: the institution that returned it (the last `return` event's from_institution_id). */
  returnedByInstitutionId?: number | null;
}

export interface TargetInstitution {
  id: number;
  code: string;
  status: string;
}

export interface TargetUnit {
  id: number;
  code: string;
  institutionId: number;
  active: boolean;
}

export interface TransitionRequest {
  action: Action;
  targetInstitution?: TargetInstitution;
  targetUnit?: TargetUnit;
  reason?: string;
  body?: string;
}

/** The event a transition writes, without seq, time and actor (the database layer adds those). */
export interface EventDraft {
  kind: Action;
  fromStatus: Status;
  toStatus: Status;
  fromInstitutionId: number | null;
  toInstitutionId: number | null;
  fromUnitId: number | null;
  toUnitId: number | null;
  reason: string | null;
  body: string | null;
}

/** The first event of every complaint: not a transition, so no from-status. */
export interface ReceivedDraft extends Omit<EventDraft, 'kind' | 'fromStatus'> {
  kind: 'received';
  fromStatus: null;
}

/** Any event of a complaint's history, as the life-cycle (and the import, which adds the instant) plans it. */
export type AnyEventDraft = EventDraft | ReceivedDraft;

export type Decision =
  | { ok: true; event: EventDraft; next: ComplaintState }
  | { ok: false; refusal: Refusal };

/** `system` is the sweep: the only actor of `auto_close`. */
export type ActingParty = Actor | 'system';
/** Who a transition is planned for: an acting party, or `legacy` (a history replayed by `import events`). */
export type PlanningParty = ActingParty | 'legacy';

/** The life-cycle's input refusals by rule: `Refusal.code`, with `Refusal.params` the values the message names. */
export type InputRefusalCode =
  | 'needs_reason' | 'needs_text' | 'needs_target' | 'target_inactive' | 'returned_by_target' | 'needs_unit' | 'unit_elsewhere' | 'unit_inactive';

const refuse = (kind: Refusal['kind'], message: string, why?: { code: InputRefusalCode; params: Record<string, string | number> }): Decision =>
  ({ ok: false, refusal: why ? { kind, message, code: why.code, params: why.params } : { kind, message } });

/**
 * Decides one transition: is it permitted (policy.ts), valid from the current state, and well
 * formed; if so, the event it writes and the complaint's next state. Pure and total: every
 * refusal is a value saying why, never an exception.
 */
export function planTransition(c: ComplaintState, actor: PlanningParty, req: TransitionRequest): Decision {
  const { action } = req;
  const permission = checkPermission(actor, action, c);
  if (permission) return { ok: false, refusal: permission };
  const t = TRANSITIONS[action];
  if (!t.from.includes(c.status)) {
    return refuse('state', `complaint ${c.trackingId} is ${c.status} (${STATUS_LABELS[c.status].id}); ` +
      `${action} is possible only when it is ${t.from.join(' or ')}`);
  }
  const reason = req.reason?.trim() || null;
  const body = req.body?.trim() || null;
  if (NEEDS_REASON.has(action) && !reason) return refuse('input', `${action} needs a reason (--reason TEXT)`, { code: 'needs_reason', params: { action } });
  if (NEEDS_BODY.has(action) && !body) return refuse('input', `${action} needs a text (--text TEXT or --file FILE)`, { code: 'needs_text', params: { action } });

  let toInstitutionId = c.institutionId;
  let toUnitId = c.unitId;
  let toStatus = t.to;
  switch (action) {
    case 'dispose': {
      const target = req.targetInstitution;
      if (!target) return refuse('input', 'dispose needs a target institution (--dispose-to CODE)', { code: 'needs_target', params: {} });
      if (target.status !== 'active') {
        return refuse('input', `institution ${target.code} has no registered complaint team (status ${target.status}); ` +
          'register its decree first', { code: 'target_inactive', params: { institution: target.code, status: target.status } });
      }
      if (c.status === 'returned' && c.returnedByInstitutionId === target.id) {
        return refuse('input', `institution ${target.code} returned complaint ${c.trackingId} as Bukan Wewenang; ` +
          'dispose it to another institution', { code: 'returned_by_target', params: { institution: target.code, tracking_id: c.trackingId } });
      }
      toInstitutionId = target.id;
      toUnitId = null;
      break;
    }
    case 'forward': {
      const unit = req.targetUnit;
      if (!unit) return refuse('input', 'forward needs a unit (--to UNIT)', { code: 'needs_unit', params: {} });
      if (unit.institutionId !== c.institutionId) {
        return refuse('input', `unit ${unit.code} does not belong to the institution holding complaint ${c.trackingId}`,
          { code: 'unit_elsewhere', params: { unit: unit.code, tracking_id: c.trackingId } });
      }
      if (!unit.active) return refuse('input', `unit ${unit.code} is inactive`, { code: 'unit_inactive', params: { unit: unit.code } });
      toUnitId = unit.id;
      break;
    }
    case 'return':
      toInstitutionId = null;
      toUnitId = null;
      break;
    case 'return_to_admin':
      toUnitId = null;
      break;
    case 'reply':
      toStatus = c.unitId !== null ? 'with_unit' : 'with_institution';
      break;
    default:
      break;
  }
  const event: EventDraft = {
    kind: action,
    fromStatus: c.status,
    toStatus: toStatus!,
    fromInstitutionId: c.institutionId,
    toInstitutionId,
    fromUnitId: c.unitId,
    toUnitId,
    reason,
    body,
  };
  const next: ComplaintState = {
    ...c,
    status: toStatus!,
    institutionId: toInstitutionId,
    unitId: toUnitId,
    version: c.version + 1,
    returnedByInstitutionId: action === 'return' ? c.institutionId : c.returnedByInstitutionId ?? null,
  };
  return { ok: true, event, next };
}

/**
 * Intake by an admin (`complaint add`, an admin's import): the complaint lands with the admin's own
 * institution, written as a `dispose` by that admin right after `received`. The capability to add
 * was checked by the caller (policy.checkCapability 'add'); this is the transition it implies.
 */
export function planIntake(c: ComplaintState, institutionId: number): Decision {
  if (c.status !== 'received') return refuse('state', `complaint ${c.trackingId} is ${c.status}; intake happens on receipt`);
  const event: EventDraft = {
    kind: 'dispose', fromStatus: 'received', toStatus: 'with_institution', fromInstitutionId: null, toInstitutionId: institutionId,
    fromUnitId: null, toUnitId: null, reason: 'diterima langsung oleh instansi (received directly by the institution)', body: null,
  };
  return { ok: true, event, next: { ...c, status: 'with_institution', institutionId, unitId: null, version: c.version + 1 } };
}

/**
 * Intake by a liaison (`complaint add` of a letter or a report received at their unit): it lands
 * with the unit, written as the admin intake (`dispose` to the unit's institution) followed by a
 * `forward` to the unit, both by the liaison; so SLA timers run exactly as for any forwarded
 * complaint.
 */
export function planUnitIntake(c: ComplaintState, institutionId: number, unitId: number): { ok: true; events: EventDraft[]; next: ComplaintState } | { ok: false; refusal: Refusal } {
  const first = planIntake(c, institutionId);
  if (!first.ok) return first;
  const forward: EventDraft = {
    kind: 'forward', fromStatus: 'with_institution', toStatus: 'with_unit', fromInstitutionId: institutionId, toInstitutionId: institutionId,
    fromUnitId: null, toUnitId: unitId, reason: 'diterima langsung oleh unit kerja (received directly by the unit)', body: null,
  };
  return { ok: true, events: [first.event, forward], next: { ...first.next, status: 'with_unit', unitId, version: first.next.version + 1 } };
}

/** The last event as the conflict rule sees it. */
export interface LastEvent {
  kind: EventKind;
  actorUsername: string | null;
  at: Date;
  fromStatus: Status | null;
  fromInstitutionId: number | null;
  fromUnitId: number | null;
  toStatus: Status;
}

/** How recent another officer's change must be for a refusal to count as a lost race (exit 75). */
export const CONFLICT_WINDOW_MS = 20_000;

/**
 * Two operators acting on one complaint at once: the loser may read the complaint only after the
 * winner committed, and its request is then refused by the rules. It is a conflict (exit 75,
 * "look again") rather than a plain refusal when the complaint was changed by other officers
 * within CONFLICT_WINDOW_MS and the same request would have been allowed just before one of those
 * changes. `recent` is the newest events first; `requestFor` re-reads the request for an earlier
 * state (`complaint return` means return_to_admin from a unit). Returns how many of the newest
 * changes the request lost to (1: just the last one), or undefined for a plain refusal.
 */
export function isLostRace(
  c: ComplaintState, actor: ActingParty, requestFor: (status: Status) => TransitionRequest, recent: LastEvent[], now: Date,
): number | undefined {
  const who = actor === 'system' ? 'system' : actor.username;
  for (const [i, e] of recent.entries()) {
    if (e.kind === 'received' || e.fromStatus === null) return undefined;
    if (e.actorUsername === who) return undefined;
    if (now.getTime() - e.at.getTime() > CONFLICT_WINDOW_MS) return undefined;
    const before: ComplaintState = { ...c, status: e.fromStatus, institutionId: e.fromInstitutionId, unitId: e.fromUnitId };
    if (planTransition(before, actor, requestFor(e.fromStatus)).ok) return i + 1;
  }
  return undefined;
}
