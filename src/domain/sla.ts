import { unofficialYearsTouched, type DayInfo, type TouchedDates, type WorkCalendar } from './calendar.js';
import { addDays, endOfLocalDay, localDate, yearOf, type Zone } from './time.js';

/**
 * The SLA rules of DESIGN §6, as pure functions: from one complaint's events (docs/events.md), a
 * working-day calendar, a profile and an instant "as of", every timer with its start, stop, target,
 * working days used, deadline and state. This is the independent reference: `sla explain` prints it,
 * and a property test compares the SQL engine of the reports (`src/db/sla.ts`) with it.
 *
 * Each rule has one definition here, named after the rule:
 * - the counting rule: `countsAsUsed` (working days d with date(start) < d ≤ date(stop), not given
 *   back) and `deadlineOf` (the end, 23:59:59 local, of the target-th counted working day);
 * - rule 1, hold (Tunda): `givenBackForHolds`;
 * - rule 2, disjoint states (a return in time is `returned`, a late one `breached`): `stateOf`;
 * - rule 3, auto-close by the sweep counts exactly the window: `countedUntil`, `stateOf`;
 * - rule 4, late although used ≤ target: `lateDespiteCount`;
 * - rule 5, years without an official holiday list: `datesTouched` (calendar.ts `unofficialYearsTouched`);
 * - rule 6, one zone per timer: `Timer.zone`, the zone every instant of the timer is shown in.
 */
export type TimerName = 'verification' | 'first_follow_up' | 'completion' | 'auto_close';
export const TIMERS: readonly TimerName[] = ['verification', 'first_follow_up', 'completion', 'auto_close'];
/**
 * DESIGN §6 "States are disjoint": every timer is in exactly one state. `returned`: a first follow-up
 * stopped by a return (Bukan Wewenang) at or before its deadline, outside the compliance denominator;
 * a return after the deadline is `breached` (with `returnedLate`).
 */
export type TimerState = 'met' | 'breached' | 'open_within' | 'open_late' | 'returned';
export const TIMER_STATES: readonly TimerState[] = ['met', 'breached', 'open_within', 'open_late', 'returned'];
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
  /** Rule 6: the one zone of this timer (the holder's; verification WIB). Every instant of it is shown in it. */
  zone: Zone;
  profile: string;
  start: Date;
  stop?: Date;
  stopKind?: string;
  target: number;
  /** Working days counted (after date(start), up to date(stop) or date(asOf), days given back for holds skipped). */
  used: number;
  /** Working days given back for holds (verification only, rule 1). */
  held: number;
  /** Working days left before the deadline, for a timer still open (paused ones included); 0 once late. */
  left?: number;
  /** The end of the target-th counted working day; undefined while paused on hold short of it. */
  deadline?: Date;
  /** The instant the state is judged at: the stop, the start of an open hold, else asOf. */
  judgedAt: Date;
  paused: boolean;
  state: TimerState;
  /** Rule 2: a first follow-up stopped by a return after its deadline (state breached, "returned late"). */
  returnedLate: boolean;
  holds: HoldWindow[];
}

/** The stops of the first follow-up (DESIGN §6): the institution's follow-up, or its return. */
const stopsFirstFollowUp = (kind: string) => kind === 'respond' || kind === 'return';

/** Every timer of a complaint as of `ctx.asOf`. Events after asOf have not happened yet. */
export function computeTimers(c: SlaComplaint, ctx: SlaContext): Timer[] {
  if (c.receivedAt.getTime() > ctx.asOf.getTime()) return [];
  const h = historyAsOf(c.events, ctx.asOf);
  return [
    verificationTimer(c, h, ctx),
    ...firstFollowUpTimers(h, ctx),
    ...completionTimers(c, h, ctx),
    ...autoCloseTimers(h, ctx),
  ].map((t) => judge(ctx, t));
}

interface History {
  events: SlaEvent[];
  status: string;
  institutionId: number | null;
  unitId: number | null;
}

/** The events up to asOf in history order (at, seq), as in the SQL engine; and where the complaint is then. */
function historyAsOf(all: SlaEvent[], asOf: Date): History {
  const events = all.filter((e) => e.at.getTime() <= asOf.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  const last = events[events.length - 1];
  return { events, status: last?.toStatus ?? 'received', institutionId: last?.toInstitutionId ?? null, unitId: last?.toUnitId ?? null };
}

/** The unit of a timer: the unit holding the complaint now, if the timer's institution holds it. */
const unitOf = (h: History, inst: number | null) => (inst !== null && inst === h.institutionId ? h.unitId : null);

/** Verification: received_at → the first dispose or archive, in WIB (a national step), with its holds. */
function verificationTimer(c: SlaComplaint, h: History, ctx: SlaContext): TimerInput {
  const stopIdx = h.events.findIndex((e) => e.kind === 'dispose' || e.kind === 'archive');
  const inst = h.events.find((e) => e.kind === 'dispose')?.toInstitutionId ?? null;
  const profile = ctx.profileFor(null, localDate(c.receivedAt, 'WIB'));
  return {
    timer: 'verification', instance: 1, institutionId: inst, unitId: unitOf(h, inst), zone: 'WIB', profile,
    target: profile.targets.verification, start: c.receivedAt,
    stopEvent: stopIdx >= 0 ? h.events[stopIdx] : undefined,
    holds: holdWindows(stopIdx >= 0 ? h.events.slice(0, stopIdx) : h.events),
  };
}

/** Each hold before the verification stop, ended by the next resume (open while there is none). */
function holdWindows(events: SlaEvent[]): HoldWindow[] {
  return events.flatMap((e, i) => {
    if (e.kind !== 'hold') return [];
    const resume = events.slice(i + 1).find((x) => x.kind === 'resume');
    return [{ from: e.at, ...(resume ? { to: resume.at } : {}) }];
  });
}

/** First follow-up: every dispose to an institution → that institution's first later respond or return. */
function firstFollowUpTimers(h: History, ctx: SlaContext): TimerInput[] {
  const out: TimerInput[] = [];
  h.events.forEach((e, i) => {
    if (e.kind !== 'dispose' || e.toInstitutionId === null) return;
    const inst = e.toInstitutionId;
    const zone = ctx.zoneOf(inst);
    const profile = ctx.profileFor(inst, localDate(e.at, zone));
    out.push({
      timer: 'first_follow_up', instance: out.length + 1, institutionId: inst, unitId: unitOf(h, inst), zone, profile,
      target: profile.targets.first_follow_up, start: e.at,
      stopEvent: h.events.slice(i + 1).find((x) => stopsFirstFollowUp(x.kind)), holds: [],
    });
  });
  return out;
}

/**
 * Completion: the first dispose to the institution that answers → the last follow-up before closure.
 * While the complaint is with an institution, that institution's timer runs; once responded or
 * closed it stops at the last respond; a returned (or not yet disposed) complaint has none.
 */
function completionTimers(c: SlaComplaint, h: History, ctx: SlaContext): TimerInput[] {
  const answered = h.status === 'responded' || h.status === 'closed';
  const running = h.status === 'with_institution' || h.status === 'with_unit';
  const inst = h.institutionId;
  if ((!answered && !running) || inst === null) return [];
  const start = h.events.find((e) => e.kind === 'dispose' && e.toInstitutionId === inst);
  const stop = answered ? [...h.events].reverse().find((e) => e.kind === 'respond') : undefined;
  if (!start || (answered && !stop)) return [];
  const zone = ctx.zoneOf(inst);
  const profile = ctx.profileFor(inst, localDate(start.at, zone));
  return [{
    timer: 'completion', instance: 1, institutionId: inst, unitId: unitOf(h, inst), zone, profile,
    target: profile.targets.completion[c.class], start: start.at, stopEvent: stop, holds: [],
  }];
}

/** Auto-close: every respond → the next event (a reply stops it; close or the sweep's auto_close closes). */
function autoCloseTimers(h: History, ctx: SlaContext): TimerInput[] {
  const out: TimerInput[] = [];
  h.events.forEach((e, i) => {
    if (e.kind !== 'respond') return;
    const inst = e.fromInstitutionId ?? e.toInstitutionId;
    const zone = inst === null ? 'WIB' : ctx.zoneOf(inst);
    const profile = ctx.profileFor(inst, localDate(e.at, zone));
    out.push({
      timer: 'auto_close', instance: out.length + 1, institutionId: inst, unitId: unitOf(h, inst), zone, profile,
      target: profile.targets.auto_close, start: e.at, stopEvent: h.events[i + 1], holds: [],
    });
  });
  return out;
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

/**
 * Rule 1, hold (Tunda): the timer stops at `hold` and restarts at `resume`, each running piece
 * counted by the counting rule. So the local dates given back are the d with date(hold) < d ≤
 * date(resume) (for a hold still open, every d after date(hold)).
 */
export function givenBackForHolds(holds: HoldWindow[], zone: Zone): (date: string) => boolean {
  const spans = holds.map((h) => ({ from: localDate(h.from, zone), to: h.to ? localDate(h.to, zone) : undefined }));
  return (d) => spans.some((s) => d > s.from && (s.to === undefined || d <= s.to));
}

/** The counting rule: a day counts as used iff it is a working day and not given back for a hold. */
function countsAsUsed(day: DayInfo, givenBack: (date: string) => boolean): boolean {
  return day.workday && !givenBack(day.date);
}

/** A stop by the sweep (`lapor sla sweep`): the complaint closed because the reply window ran out. */
const closedBySweep = (t: { timer: TimerName; stopKind?: string }) => t.timer === 'auto_close' && t.stopKind === 'auto_close';

/**
 * The instant working days are counted up to. Normally the stop (or asOf while open); rule 3: a
 * close by the sweep counts exactly the window, up to its deadline, whatever instant the sweep ran at
 * (it dates the close at 00:00 of the next day, or later when it ran late).
 */
export function countedUntil(t: Pick<Timer, 'timer' | 'stop' | 'stopKind' | 'deadline'>, asOf: Date): Date {
  if (closedBySweep(t) && t.deadline) return t.deadline;
  return t.stop ?? asOf;
}

/**
 * The deadline: the end (23:59:59 local) of the target-th counted working day after the local date
 * of the start; undefined while a hold is open and the count has not reached the target by the date
 * the hold began (the timer is paused short of it).
 */
function deadlineOf(calendar: WorkCalendar, t: TimerInput, givenBack: (date: string) => boolean): Date | undefined {
  const openHold = t.holds.find((h) => h.to === undefined);
  const pausedFrom = openHold ? localDate(openHold.from, t.zone) : undefined;
  let d = localDate(t.start, t.zone);
  for (let left = t.target; left > 0; ) {
    d = addDays(d, 1);
    if (pausedFrom !== undefined && d > pausedFrom) return undefined;
    if (countsAsUsed(calendar.dayInfo(d), givenBack)) left--;
  }
  return endOfLocalDay(d, t.zone);
}

/**
 * Rules 2 and 3: the one state of a timer. A stopped timer is met iff it stopped at or before its
 * deadline, except: a first follow-up stopped by a return in time is `returned` (a late return is
 * breached); a close by the sweep is met (it follows the window, rule 3). An open timer is late once
 * the instant it is judged at (asOf, or the start of an open hold: paused) is after its deadline.
 */
function stateOf(t: { timer: TimerName; stopKind?: string; stop?: Date; deadline?: Date; judgedAt: Date }): TimerState {
  const inTime = t.deadline !== undefined && t.judgedAt.getTime() <= t.deadline.getTime();
  const pausedShort = t.deadline === undefined;
  if (t.stop === undefined) return inTime || pausedShort ? 'open_within' : 'open_late';
  if (closedBySweep(t)) return 'met';
  if (t.timer === 'first_follow_up' && t.stopKind === 'return') return inTime ? 'returned' : 'breached';
  return inTime ? 'met' : 'breached';
}

/** The judgement of one timer, walking the calendar day by day (what `sla explain` shows). */
function judge(ctx: SlaContext, t: TimerInput): Timer {
  const { calendar, asOf } = ctx;
  const stop = t.stopEvent?.at;
  const stopKind = t.stopEvent?.kind;
  const openHold = t.holds.find((h) => h.to === undefined);
  const paused = stop === undefined && openHold !== undefined;
  const judgedAt = stop ?? (openHold ? openHold.from : asOf);
  const givenBack = givenBackForHolds(t.holds, t.zone);
  const deadline = deadlineOf(calendar, t, givenBack);
  const until = countedUntil({ timer: t.timer, stop, stopKind, deadline }, asOf);

  let used = 0;
  let held = 0;
  for (const day of calendar.daysBetween(localDate(t.start, t.zone), localDate(until, t.zone))) {
    if (countsAsUsed(day, givenBack)) used++;
    else if (day.workday) held++;
  }
  const state = stateOf({ timer: t.timer, stopKind, stop, deadline, judgedAt });
  return {
    timer: t.timer,
    instance: t.instance,
    institutionId: t.institutionId,
    unitId: t.unitId,
    zone: t.zone,
    profile: `${t.profile.name}@${t.profile.version}`,
    start: t.start,
    ...(stop ? { stop, stopKind } : {}),
    target: t.target,
    used,
    held,
    ...(stop === undefined ? { left: state === 'open_late' ? 0 : Math.max(t.target - used, 0) } : {}),
    ...(deadline ? { deadline } : {}),
    judgedAt,
    paused,
    state,
    returnedLate: t.timer === 'first_follow_up' && stopKind === 'return' && state === 'breached',
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

/** Every day after the start up to the stop (or asOf; a sweep's close: its deadline): counted or skipped, and why. */
export function explainDays(t: Timer, calendar: WorkCalendar, asOf: Date): ExplainDay[] {
  const givenBack = givenBackForHolds(t.holds, t.zone);
  let n = 0;
  return calendar.daysBetween(localDate(t.start, t.zone), localDate(countedUntil(t, asOf), t.zone)).map((d) => {
    if (!d.workday) return { date: d.date, counted: false, reason: d.reason, ...(d.name ? { name: d.name } : {}) };
    if (!countsAsUsed(d, givenBack)) return { date: d.date, counted: false, reason: 'on_hold' as const };
    return { date: d.date, counted: true, reason: 'workday' as const, n: ++n };
  });
}

/**
 * Rule 4: a timer late although it used no more than its target. The deadline decides, not the
 * count: the timer stopped (or is judged) after the end of its last allowed working day, on a day
 * that is no counted working day (a Saturday, a holiday, a day given back for a hold), so no further
 * working day was used. Undefined when the timer is not late, or used more than its target.
 */
export interface LateDespiteCount {
  /** The instant judged (the stop, or asOf / the start of an open hold). */
  at: Date;
  /** Its local date in the timer's zone, and why that day is not a counted working day. */
  date: string;
  day: ExplainReason;
  name?: string;
  deadline: Date;
  /** The last counted working day, the one the deadline ends. */
  lastDay: string;
}

export function lateDespiteCount(t: Timer, calendar: WorkCalendar): LateDespiteCount | undefined {
  if ((t.state !== 'breached' && t.state !== 'open_late') || t.used > t.target || !t.deadline) return undefined;
  const date = localDate(t.judgedAt, t.zone);
  const info = calendar.dayInfo(date);
  const day: ExplainReason = info.workday ? 'on_hold' : info.reason;
  return {
    at: t.judgedAt, date, day, ...(info.name && !info.workday ? { name: info.name } : {}),
    deadline: t.deadline, lastDay: localDate(t.deadline, t.zone),
  };
}

/**
 * Rule 5: the dates a timer's figures touch: every day counted or skipped, and its deadline (a 60-HK
 * timer started in November runs into the next year). A year among them without an official holiday
 * list is counted as weekends only, and every output says so.
 */
export function datesTouched(t: Timer, asOf: Date): TouchedDates {
  return {
    from: localDate(t.start, t.zone),
    to: localDate(countedUntil(t, asOf), t.zone),
    deadlines: t.deadline ? [localDate(t.deadline, t.zone)] : [],
  };
}

/** The calendar years `datesTouched` spans, ascending. */
export function yearsTouched(t: Timer, asOf: Date): number[] {
  const d = datesTouched(t, asOf);
  const from = yearOf(d.from);
  const to = Math.max(from, yearOf(d.to), ...[...(d.deadlines ?? [])].map(yearOf));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Rule 5 for many timers: the years they touch without an official holiday list, ascending. */
export function unofficialYearsOfTimers(timers: Timer[], calendar: WorkCalendar, asOf: Date): number[] {
  return unofficialYearsTouched(calendar, timers.map((t) => datesTouched(t, asOf)));
}

/** Timers per state; every timer is in exactly one (rule 2), so the counts add up to the total. */
export type StateCounts = Record<TimerState, number>;

export function countStates(timers: (Pick<Timer, 'state'> & Partial<Pick<Timer, 'returnedLate'>>)[]): StateCounts & { total: number; returnedLate: number } {
  const counts = Object.fromEntries(TIMER_STATES.map((s) => [s, 0])) as StateCounts;
  for (const t of timers) counts[t.state]++;
  // "Returned late" is a part of breached, not a sixth state.
  const returnedLate = timers.filter((t) => t.returnedLate === true).length;
  return { ...counts, total: timers.length, returnedLate };
}

/**
 * Compliance (rule 2): met over everything decided or already late, met + breached + open and late;
 * a return in time (`returned`) and a timer still open within time are outside the denominator. Null
 * (printed "—") when the denominator is empty, never 100 %.
 */
export function compliancePct(met: number, breached: number, openLate: number): number | null {
  const d = met + breached + openLate;
  return d === 0 ? null : (100 * met) / d;
}

/** The same, from the counts of every state. */
export function complianceOf(c: Pick<StateCounts, 'met' | 'breached' | 'open_late'>): number | null {
  return compliancePct(c.met, c.breached, c.open_late);
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
