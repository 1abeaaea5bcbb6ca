import type { DayInfo, WorkCalendar } from './calendar.js';
import { addDays, endOfLocalDay, localDate, type Zone } from './time.js';

/**
 * The SLA engine of DESIGN §6, as pure rules: from one complaint's events (docs/events.md), a
 * working-day calendar, a profile and an instant "as of", every timer with its start, stop,
 * target, working days used (hold time added back) and state. `src/db/sla.ts` computes the same
 * figures set-based in SQL for reports; a property test checks that the two agree.
 *
 * Counting (DESIGN §6): working days used = working days d with date(start) < d ≤ date(stop), in
 * the holder's local time, minus working days on hold. A stop meets the target iff it happens at
 * or before the deadline, the end (23:59:59 local) of the target-th counted working day: so a
 * stop on a weekend after the last allowed working day is late, although no further working day
 * was used.
 */
export type TimerName = 'verification' | 'first_follow_up' | 'completion' | 'auto_close';
export const TIMERS: readonly TimerName[] = ['verification', 'first_follow_up', 'completion', 'auto_close'];
export type TimerState = 'met' | 'breached' | 'open_within' | 'open_late';
export const TIMER_STATES: readonly TimerState[] = ['met', 'breached', 'open_within', 'open_late'];
export type ComplaintClass = 'aspirasi' | 'permintaan_informasi' | 'pengaduan' | 'pengaduan_berkadar_pengawasan';
export const COMPLAINT_CLASSES: readonly ComplaintClass[] = [
  'aspirasi', 'permintaan_informasi', 'pengaduan', 'pengaduan_berkadar_pengawasan',
];

export interface SlaTargets {
  verification: number;
  first_follow_up: number;
  completion: Record<ComplaintClass, number>;
  auto_close: number;
}

export interface SlaProfileRef {
  name: string;
  version: number;
  targets: SlaTargets;
}

export interface SlaEvent {
  seq: number;
  kind: string;
  at: Date;
  fromStatus: string | null;
  toStatus: string | null;
  fromInstitutionId: number | null;
  toInstitutionId: number | null;
  fromUnitId: number | null;
  toUnitId: number | null;
}

export interface SlaComplaint {
  id: number;
  class: ComplaintClass;
  receivedAt: Date;
  events: SlaEvent[];
}

export interface SlaContext {
  calendar: WorkCalendar;
  asOf: Date;
  /** Local time zone of an institution (the holder's zone); national steps use WIB. */
  zoneOf(institutionId: number): Zone;
  /** The profile in force for an institution on a local date; null: the national (default) profile. */
  profileFor(institutionId: number | null, date: string): SlaProfileRef;
}

export interface HoldWindow {
  /** The instants the hold started and ended (end undefined: still on hold as of asOf). */
  from: Date;
  to?: Date;
}

export interface Timer {
  timer: TimerName;
  /** 1-based instance among timers of this name (first follow-up: one per dispose; auto-close: one per respond). */
  instance: number;
  institutionId: number | null;
  unitId: number | null;
  zone: Zone;
  profile: string;
  start: Date;
  stop?: Date;
  stopKind?: string;
  target: number;
  /** Working days counted (after date(start), up to date(stop) or date(asOf), hold days skipped). */
  used: number;
  /** Working days skipped because the complaint was on hold (verification only). */
  held: number;
  /** The deadline after hold add-back; undefined while paused on hold short of it. */
  deadline?: Date;
  /** The instant the state is judged at: the stop, the start of an open hold, else asOf. */
  judgedAt: Date;
  paused: boolean;
  state: TimerState;
  /** First follow-up stopped by a return (Bukan Wewenang). */
  returned: boolean;
  holds: HoldWindow[];
}

const isStop = (k: string) => k === 'respond' || k === 'return';

/** Every timer of a complaint as of `ctx.asOf`. Events after asOf have not happened yet. */
export function computeTimers(c: SlaComplaint, ctx: SlaContext): Timer[] {
  const asOf = ctx.asOf;
  if (c.receivedAt.getTime() > asOf.getTime()) return [];
  // History order is (at, seq), as in the SQL engine and sla_spans: equal instants keep their seq order.
  const events = c.events.filter((e) => e.at.getTime() <= asOf.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  const last = events[events.length - 1];
  const status = last?.toStatus ?? 'received';
  const curInst = last?.toInstitutionId ?? null;
  const curUnit = last?.toUnitId ?? null;
  const unitFor = (inst: number | null) => (inst !== null && inst === curInst ? curUnit : null);
  const timers: Timer[] = [];

  // Verification: received_at → first dispose or archive, WIB, hold time added back.
  const vStopIdx = events.findIndex((e) => e.kind === 'dispose' || e.kind === 'archive');
  const firstDispose = events.find((e) => e.kind === 'dispose');
  const vInst = firstDispose?.toInstitutionId ?? null;
  const holds: HoldWindow[] = [];
  const beforeStop = vStopIdx >= 0 ? events.slice(0, vStopIdx) : events;
  for (let i = 0; i < beforeStop.length; i++) {
    if (beforeStop[i].kind !== 'hold') continue;
    const next = events[i + 1];
    holds.push({ from: beforeStop[i].at, ...(next ? { to: next.at } : {}) });
  }
  const vProfile = ctx.profileFor(null, localDate(c.receivedAt, 'WIB'));
  timers.push(judge(ctx, {
    timer: 'verification', instance: 1, institutionId: vInst, unitId: unitFor(vInst), zone: 'WIB',
    profile: vProfile, target: vProfile.targets.verification, start: c.receivedAt,
    stopEvent: vStopIdx >= 0 ? events[vStopIdx] : undefined, holds,
  }));

  // First follow-up: every dispose → the first later respond or return.
  let n = 0;
  events.forEach((e, i) => {
    if (e.kind !== 'dispose' || e.toInstitutionId === null) return;
    const inst = e.toInstitutionId;
    const zone = ctx.zoneOf(inst);
    const profile = ctx.profileFor(inst, localDate(e.at, zone));
    const stop = events.slice(i + 1).find((x) => isStop(x.kind));
    timers.push(judge(ctx, {
      timer: 'first_follow_up', instance: ++n, institutionId: inst, unitId: unitFor(inst), zone, profile,
      target: profile.targets.first_follow_up, start: e.at, stopEvent: stop, holds: [],
    }));
  });

  // Completion: first dispose to the institution that answers → the last respond before closure.
  let cInst: number | null = null;
  let cStop: SlaEvent | undefined;
  if (status === 'responded' || status === 'closed') {
    cInst = curInst;
    cStop = [...events].reverse().find((e) => e.kind === 'respond');
  } else if (status === 'with_institution' || status === 'with_unit') {
    cInst = curInst;
  }
  const cStart = cInst === null ? undefined : events.find((e) => e.kind === 'dispose' && e.toInstitutionId === cInst);
  if (cInst !== null && cStart && (cStop !== undefined || (status !== 'responded' && status !== 'closed'))) {
    const zone = ctx.zoneOf(cInst);
    const profile = ctx.profileFor(cInst, localDate(cStart.at, zone));
    timers.push(judge(ctx, {
      timer: 'completion', instance: 1, institutionId: cInst, unitId: unitFor(cInst), zone, profile,
      target: profile.targets.completion[c.class], start: cStart.at, stopEvent: cStop, holds: [],
    }));
  }

  // Auto-close: every respond → the next event (reply stops it; close / auto_close closes).
  n = 0;
  events.forEach((e, i) => {
    if (e.kind !== 'respond') return;
    const inst = e.fromInstitutionId ?? e.toInstitutionId;
    const zone = inst === null ? 'WIB' : ctx.zoneOf(inst);
    const profile = ctx.profileFor(inst, localDate(e.at, zone));
    timers.push(judge(ctx, {
      timer: 'auto_close', instance: ++n, institutionId: inst, unitId: unitFor(inst), zone, profile,
      target: profile.targets.auto_close, start: e.at, stopEvent: events[i + 1], holds: [],
    }));
  });
  return timers;
}

interface TimerInput {
  timer: TimerName;
  instance: number;
  institutionId: number | null;
  unitId: number | null;
  zone: Zone;
  profile: SlaProfileRef;
  target: number;
  start: Date;
  stopEvent?: SlaEvent;
  holds: HoldWindow[];
}

/** Local dates d of a hold window that are skipped: date(from) < d < date(to), or ≤ forever while open. */
function heldDates(holds: HoldWindow[], zone: Zone): (d: string) => boolean {
  const spans = holds.map((h) => ({ from: localDate(h.from, zone), to: h.to ? localDate(h.to, zone) : undefined }));
  return (d) => spans.some((s) => d > s.from && (s.to === undefined || d < s.to));
}

/** The judgement of one timer by walking the calendar day by day (what `sla explain` shows). */
function judge(ctx: SlaContext, t: TimerInput): Timer {
  const { calendar, asOf } = ctx;
  const { zone } = t;
  const stop = t.stopEvent?.at;
  const openHold = t.holds.find((h) => h.to === undefined);
  const paused = stop === undefined && openHold !== undefined;
  const judgedAt = stop ?? (openHold ? openHold.from : asOf);
  const isHeld = heldDates(t.holds, zone);
  const startDate = localDate(t.start, zone);
  const endDate = localDate(stop ?? asOf, zone);

  let used = 0;
  let held = 0;
  for (const day of calendar.daysBetween(startDate, endDate)) {
    if (!day.workday) continue;
    if (isHeld(day.date)) held++;
    else used++;
  }

  // The deadline: the end of the target-th counted working day (none yet while paused short of it).
  let deadline: Date | undefined;
  {
    let left = t.target;
    let d = startDate;
    const openFrom = openHold ? localDate(openHold.from, zone) : undefined;
    for (let guard = 0; guard < 40_000; guard++) {
      if (left === 0) {
        deadline = endOfLocalDay(d, zone);
        break;
      }
      d = addDays(d, 1);
      if (openFrom !== undefined && d > openFrom) break;
      if (calendar.isWorkday(d) && !isHeld(d)) left--;
    }
  }

  let state: TimerState;
  if (stop !== undefined) {
    if (t.timer === 'auto_close' && t.stopEvent?.kind === 'auto_close') {
      // The sweep must close after the reply window ends, and by the end of the next working day.
      const dl = deadline!;
      const latest = endOfLocalDay(calendar.nthWorkdayAfter(localDate(dl, zone), 1), zone);
      state = stop.getTime() > dl.getTime() && stop.getTime() <= latest.getTime() ? 'met' : 'breached';
    } else {
      state = stop.getTime() <= deadline!.getTime() ? 'met' : 'breached';
    }
  } else {
    state = deadline !== undefined && judgedAt.getTime() > deadline.getTime() ? 'open_late' : 'open_within';
  }
  return {
    timer: t.timer,
    instance: t.instance,
    institutionId: t.institutionId,
    unitId: t.unitId,
    zone,
    profile: `${t.profile.name}@${t.profile.version}`,
    start: t.start,
    ...(stop ? { stop, stopKind: t.stopEvent!.kind } : {}),
    target: t.target,
    used,
    held,
    ...(deadline ? { deadline } : {}),
    judgedAt,
    paused,
    state,
    returned: t.timer === 'first_follow_up' && t.stopEvent?.kind === 'return',
    holds: t.holds,
  };
}

export type ExplainReason = DayInfo['reason'] | 'on_hold';

export interface ExplainDay {
  date: string;
  counted: boolean;
  reason: ExplainReason;
  name?: string;
  /** 1-based number of the counted working day. */
  n?: number;
}

/** Every day after the start up to the stop (or asOf): counted or skipped, and why. */
export function explainDays(t: Timer, calendar: WorkCalendar, asOf: Date): ExplainDay[] {
  const isHeld = heldDates(t.holds, t.zone);
  let n = 0;
  return calendar.daysBetween(localDate(t.start, t.zone), localDate(t.stop ?? asOf, t.zone)).map((d) => {
    if (!d.workday) return { date: d.date, counted: false, reason: d.reason, ...(d.name ? { name: d.name } : {}) };
    if (isHeld(d.date)) return { date: d.date, counted: false, reason: 'on_hold' as const };
    return { date: d.date, counted: true, reason: 'workday' as const, n: ++n };
  });
}

/** Compliance: met over everything decided or already late; null when nothing is. */
export function compliancePct(met: number, breached: number, openLate: number): number | null {
  const d = met + breached + openLate;
  return d === 0 ? null : (100 * met) / d;
}

/** Backlog ageing buckets in working days (DESIGN §8). */
export const AGEING_BUCKETS = [
  { key: '0-3', min: 0, max: 3 },
  { key: '4-5', min: 4, max: 5 },
  { key: '6-14', min: 6, max: 14 },
  { key: '15-60', min: 15, max: 60 },
  { key: '>60', min: 61, max: Infinity },
] as const;

export function ageingBucket(days: number): string {
  return AGEING_BUCKETS.find((b) => days >= b.min && days <= b.max)!.key;
}

/** Parses and checks a profile's targets (the JSON of sla_profiles.targets). */
export function parseTargets(value: unknown): { targets?: SlaTargets; problems: string[] } {
  const problems: string[] = [];
  const v = (typeof value === 'string' ? safeJson(value) : value) as Record<string, unknown> | undefined;
  if (!v || typeof v !== 'object') return { problems: ['targets must be an object'] };
  const whole = (x: unknown, where: string) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > 365) {
      problems.push(`${where} must be a whole number of working days from 1 to 365 (got ${JSON.stringify(x)})`);
      return 0;
    }
    return x;
  };
  const completion = v.completion as Record<string, unknown> | undefined;
  if (!completion || typeof completion !== 'object') problems.push('completion must be an object with a target per class');
  const targets: SlaTargets = {
    verification: whole(v.verification, 'verification'),
    first_follow_up: whole(v.first_follow_up, 'first_follow_up'),
    completion: Object.fromEntries(COMPLAINT_CLASSES.map((k) => [k, whole(completion?.[k], `completion.${k}`)])) as Record<ComplaintClass, number>,
    auto_close: whole(v.auto_close, 'auto_close'),
  };
  for (const k of Object.keys(v)) if (!['verification', 'first_follow_up', 'completion', 'auto_close'].includes(k)) problems.push(`unknown target '${k}'`);
  for (const k of Object.keys(completion ?? {})) if (!(COMPLAINT_CLASSES as readonly string[]).includes(k)) problems.push(`unknown class 'completion.${k}'`);
  return problems.length ? { problems } : { targets, problems };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
