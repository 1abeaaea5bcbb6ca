/**
 * Which deadline a complaint is running against now, and whether it is past it (DESIGN §6), for
 * `complaint list --overdue`. Pure: events, calendar, the targets in force (per institution and
 * timer start, as the SLA engine resolves profiles) and "now" are passed in. The SLA
 * engine's reports are the full account; this is the one open timer of the current holder.
 */
import type { WorkCalendar } from './calendar.js';
import type { EventKind, Status } from './lifecycle.js';
import type { Zone } from './time.js';

export interface DueEvent {
  kind: EventKind;
  at: Date;
  toInstitutionId: number | null;
  fromInstitutionId: number | null;
}

export interface Targets {
  verification: number;
  first_follow_up: number;
  completion: Record<string, number>;
  auto_close: number;
}

export type Timer = 'verification' | 'first_follow_up' | 'completion';

export interface Due {
  timer: Timer;
  deadline: Date;
  overdue: boolean;
}

/** The running timer of an open complaint, or undefined (on hold: paused; returned, responded, closed: none). */
export function currentDue(
  c: { status: Status; class: string; institutionId: number | null; receivedAt: Date },
  events: DueEvent[], cal: WorkCalendar, targetsAt: (institutionId: number | null, start: Date) => Targets, zone: Zone, now: Date,
): Due | undefined {
  if (c.status === 'received') {
    // Working days on hold are added back to the target.
    let held = 0;
    let holdAt: Date | undefined;
    for (const e of events) {
      if (e.kind === 'hold') holdAt = e.at;
      if (e.kind === 'resume' && holdAt) {
        held += cal.workdaysBetween(holdAt, e.at, 'WIB');
        holdAt = undefined;
      }
    }
    const deadline = cal.deadline(c.receivedAt, targetsAt(null, c.receivedAt).verification + held, 'WIB');
    return { timer: 'verification', deadline, overdue: now.getTime() > deadline.getTime() };
  }
  if (c.status !== 'with_institution' && c.status !== 'with_unit') return undefined;
  const disposes = events.filter((e) => e.kind === 'dispose' && e.toInstitutionId === c.institutionId);
  const lastDispose = disposes[disposes.length - 1];
  if (!lastDispose) return undefined;
  const responded = events.some((e) => e.kind === 'respond' && e.fromInstitutionId === c.institutionId && e.at >= lastDispose.at);
  if (!responded) {
    const deadline = cal.deadline(lastDispose.at, targetsAt(c.institutionId, lastDispose.at).first_follow_up, zone);
    return { timer: 'first_follow_up', deadline, overdue: now.getTime() > deadline.getTime() };
  }
  const n = targetsAt(c.institutionId, disposes[0].at).completion[c.class];
  if (n === undefined) return undefined;
  const deadline = cal.deadline(disposes[0].at, n, zone);
  return { timer: 'completion', deadline, overdue: now.getTime() > deadline.getTime() };
}
