import { addDays, endOfLocalDay, isoWeekday, localDate, yearOf, type Zone } from './time.js';
import { fill, L, type Pair } from '../i18n/index.js';

/**
 * The working-day calendar of DESIGN §6: Monday–Friday minus libur nasional and cuti bersama
 * (and regional holidays where configured). Pure: built from plain holiday rows.
 */
export type HolidayKind = 'libur_nasional' | 'cuti_bersama' | 'regional';
export const HOLIDAY_KINDS: readonly HolidayKind[] = ['libur_nasional', 'cuti_bersama', 'regional'];

export interface Holiday {
  date: string;
  name: string;
  kind: HolidayKind;
}

export type DayReason = 'workday' | 'weekend' | HolidayKind;

export interface DayInfo {
  date: string;
  workday: boolean;
  reason: DayReason;
  /** Holiday name(s), when the day is a holiday. */
  name?: string;
}

export class WorkCalendar {
  private readonly holidays = new Map<string, Holiday[]>();
  private readonly officialYears: Set<number>;

  constructor(holidays: Iterable<Holiday>, officialYears: Iterable<number>) {
    for (const h of holidays) {
      const list = this.holidays.get(h.date) ?? [];
      list.push(h);
      this.holidays.set(h.date, list);
    }
    this.officialYears = new Set(officialYears);
  }

  /** Whether the year has an official holiday list (else it is counted as weekends only). */
  hasOfficialList(year: number): boolean {
    return this.officialYears.has(year);
  }

  dayInfo(date: string): DayInfo {
    const weekday = isoWeekday(date);
    const hs = this.holidays.get(date);
    // A weekend day stays "weekend" even if it is also a holiday: it was never a working day.
    if (weekday >= 6) return { date, workday: false, reason: 'weekend', ...(hs ? { name: names(hs) } : {}) };
    if (hs) return { date, workday: false, reason: strongestKind(hs), name: names(hs) };
    return { date, workday: true, reason: 'workday' };
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from). */
  workdaysBetweenDates(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }

  /** Every day d with from < d ≤ to, with why it counts or not: what `sla explain` prints. */
  daysBetween(from: string, to: string): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) out.push(this.dayInfo(d));
    return out;
  }

  /** The n-th working day strictly after `date` (n ≥ 1); `date` itself for n = 0. */
  nthWorkdayAfter(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** deadline(t, N): the end (23:59:59 local) of the N-th working day strictly after the local date of t. */
  deadline(t: Date, n: number, zone: Zone): Date {
    return endOfLocalDay(this.nthWorkdayAfter(localDate(t, zone), n), zone);
  }

  /** Working days elapsed from instant `start` to instant `end`, counted on local dates. */
  workdaysBetween(start: Date, end: Date, zone: Zone): number {
    return this.workdaysBetweenDates(localDate(start, zone), localDate(end, zone));
  }

  /** An event meets the deadline iff it happens at or before it; equivalently elapsed ≤ N. */
  meets(start: Date, event: Date, n: number, zone: Zone): boolean {
    return event.getTime() <= this.deadline(start, n, zone).getTime();
  }

  /** Years in [from, to] with no official list: reports that touch them must say so. */
  yearsWithoutOfficialList(from: string, to: string): number[] {
    const out: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (!this.hasOfficialList(y)) out.push(y);
    return out;
  }
}

/** The local dates an output's figures touch: every day from..to (counted or skipped), and each deadline. */
export interface TouchedDates {
  from: string;
  to: string;
  deadlines?: Iterable<string>;
}

/**
 * Issue 16 rule 5 (DESIGN §6): the years without an official holiday list among the dates an output
 * touches, ascending. A deadline counts (a 60-HK timer started in November runs into the next year),
 * so a report passes its period (or earliest receipt) up to its as-of instant, and the latest deadline
 * it shows. Each year found is counted as weekends only, and the output says so (`unofficialYearNotice`).
 */
export function unofficialYearsTouched(cal: WorkCalendar, touched: Iterable<TouchedDates>): number[] {
  const years = new Set<number>();
  for (const t of touched) {
    for (const y of cal.yearsWithoutOfficialList(t.from, t.to)) years.add(y);
    for (const d of t.deadlines ?? []) if (!cal.hasOfficialList(yearOf(d))) years.add(yearOf(d));
  }
  return [...years].sort((a, b) => a - b);
}

/** The notices of `unofficialYearsTouched`, {id, en} each: what reports put in their warnings. */
export function unofficialYearNotices(cal: WorkCalendar, touched: Iterable<TouchedDates>): Pair[] {
  return unofficialYearsTouched(cal, touched).map(unofficialYearNotice);
}

/** DESIGN §6: what every report and command says about a year counted without an official list. */
export function unofficialYearNotice(year: number): Pair {
  return fill(L.no_official_holiday_list, { year });
}

function names(hs: Holiday[]): string {
  return hs.map((h) => h.name).join('; ');
}

/** When two holidays share a date, libur nasional wins over cuti bersama over regional. */
function strongestKind(hs: Holiday[]): HolidayKind {
  for (const k of HOLIDAY_KINDS) if (hs.some((h) => h.kind === k)) return k;
  return hs[0].kind;
}
