import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import {
  computeTimers, countStates, complianceOf, explainDays, lateDespiteCount, parseTargets, ageingBucket, compliancePct,
  unofficialYearsOfTimers, yearsTouched, type SlaComplaint, type SlaEvent, type Timer,
} from '../../src/domain/sla.js';
import { exportReporter, maskName, maskNik, maskPhone, maskEmail } from '../../src/domain/privacy.js';
import { parseProfileFile } from '../../src/commands/sla/profile-add.js';
import { whyLate } from '../../src/commands/sla/explain.js';
import { parseHolidayCsv } from '../../src/domain/holiday-csv.js';
import { formatInstant, formatLocalHuman } from '../../src/domain/time.js';
import { DEFAULT_PROFILE_TARGETS } from '../../migrations/0001_baseline.js';

const holidays = parseHolidayCsv(fs.readFileSync('fixtures/hari_libur.csv', 'utf8')).holidays;
const OFFICIAL = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const cal = new WorkCalendar(holidays, OFFICIAL);
const targets = parseProfileFile(fs.readFileSync('fixtures/sla-profiles/permenpan-62-2018.yaml', 'utf8'), 'x').targets;
const profile = { name: 'permenpan-62-2018', version: 1, targets };
const WIB = (s: string) => new Date(`${s}+07:00`);
const WITA = (s: string) => new Date(`${s}+08:00`);
let seq = 1;
const ev = (kind: string, at: Date, extra: Partial<SlaEvent> = {}): SlaEvent => ({
  seq: ++seq, kind, at, fromStatus: null, toStatus: null, fromInstitutionId: null, toInstitutionId: null, fromUnitId: null, toUnitId: null, ...extra,
});
/** Institution 2 is in WIT (Jayapura), 3 in WITA (Makassar), every other one in WIB. */
const zoneOf = (id: number) => (id === 2 ? 'WIT' as const : id === 3 ? 'WITA' as const : 'WIB' as const);
const ctx = (asOf: Date) => ({ calendar: cal, asOf, zoneOf, profileFor: () => profile });
const timer = (ts: Timer[], name: Timer['timer'], instance = 1) => ts.find((t) => t.timer === name && t.instance === instance)!;
const iso = (t: Timer, d: Date | undefined) => (d ? formatInstant(d, t.zone) : undefined);

/** A complaint received at `received` with these events after its receipt. */
function complaint(cls: SlaComplaint['class'], received: Date, steps: SlaEvent[]): SlaComplaint {
  return { id: 1, class: cls, receivedAt: received, events: [ev('received', received, { toStatus: 'received' }), ...steps] };
}
const dispose = (at: Date, inst: number) => ev('dispose', at, { toStatus: 'with_institution', toInstitutionId: inst });
const respond = (at: Date, inst: number) => ev('respond', at, { toStatus: 'responded', fromInstitutionId: inst, toInstitutionId: inst });
const giveBack = (at: Date, inst: number) => ev('return', at, { toStatus: 'returned', fromInstitutionId: inst });

describe('rule 1, hold (Tunda): the timer stops at hold and restarts at resume', () => {
  it('the DESIGN example: Mon 7 Jul 2025 07:30, hold 07:45, resume Tue 8 Jul 17:00, disposed Fri 11 Jul 10:00 → held 1, used 3, met', () => {
    const c = complaint('pengaduan', WIB('2025-07-07T07:30:00'), [
      ev('hold', WIB('2025-07-07T07:45:00'), { toStatus: 'on_hold' }),
      ev('resume', WIB('2025-07-08T17:00:00'), { toStatus: 'received' }),
      dispose(WIB('2025-07-11T10:00:00'), 1),
    ]);
    const v = timer(computeTimers(c, ctx(WIB('2025-07-14T09:00:00'))), 'verification');
    expect(v).toMatchObject({ held: 1, used: 3, state: 'met', stopKind: 'dispose', paused: false });
    expect(iso(v, v.deadline)).toBe('2025-07-11T23:59:59+07:00');
    // The day given back is the resume day (8 Jul); 9, 10, 11 Jul are the three counted days.
    const days = explainDays(v, cal, WIB('2025-07-14T09:00:00'));
    expect(days.map((d) => [d.date, d.counted, d.reason, d.n ?? null])).toEqual([
      ['2025-07-08', false, 'on_hold', null], ['2025-07-09', true, 'workday', 1],
      ['2025-07-10', true, 'workday', 2], ['2025-07-11', true, 'workday', 3]]);
  });

  it('gives back the days after the date of the hold up to the date of resume (a hold across the year end)', () => {
    const c = complaint('pengaduan', WIB('2025-12-23T09:00:00'), [
      ev('hold', WIB('2025-12-24T09:00:00'), { toStatus: 'on_hold' }),
      ev('resume', WIB('2026-01-06T09:00:00'), { toStatus: 'received' }),
      dispose(WIB('2026-01-07T09:00:00'), 2),
    ]);
    const [v] = computeTimers(c, ctx(WIB('2026-01-08T00:00:00')));
    // 24 Dec counted; 25 Natal, 26 cuti bersama; 29, 30, 31 Dec, 2, 5, 6 Jan (the resume day) given back; 7 Jan counted.
    expect(v).toMatchObject({ used: 2, held: 6, state: 'met' });
    const days = explainDays(v, cal, WIB('2026-01-08T00:00:00'));
    expect(days.find((d) => d.date === '2025-12-25')).toMatchObject({ counted: false, reason: 'libur_nasional' });
    expect(days.find((d) => d.date === '2025-12-26')).toMatchObject({ counted: false, reason: 'cuti_bersama' });
    expect(days.find((d) => d.date === '2026-01-06')).toMatchObject({ counted: false, reason: 'on_hold' });
    expect(days.find((d) => d.date === '2026-01-07')).toMatchObject({ counted: true, n: 2 });
    expect(iso(v, v.deadline)).toBe('2026-01-08T23:59:59+07:00');
  });

  it('a hold and resume on the same date give nothing back', () => {
    const c = complaint('pengaduan', WIB('2025-07-07T07:30:00'), [
      ev('hold', WIB('2025-07-08T08:00:00'), { toStatus: 'on_hold' }),
      ev('resume', WIB('2025-07-08T16:00:00'), { toStatus: 'received' }),
      dispose(WIB('2025-07-10T10:00:00'), 1),
    ]);
    expect(computeTimers(c, ctx(WIB('2025-07-14T00:00:00')))[0]).toMatchObject({ held: 0, used: 3, state: 'met' });
  });

  it('while on hold the timer is paused, shows the HK left, and is late only if it was late when the hold began', () => {
    const onHold = complaint('pengaduan', WIB('2025-07-07T07:30:00'), [ev('hold', WIB('2025-07-09T10:00:00'), { toStatus: 'on_hold' })]);
    const p = computeTimers(onHold, ctx(WIB('2025-07-21T09:00:00')))[0];
    // Tue 8 and Wed 9 counted (the hold day counts); 10 Jul → 21 Jul given back; one HK left.
    expect(p).toMatchObject({ paused: true, used: 2, held: 8, left: 1, state: 'open_within' });
    expect(p.deadline).toBeUndefined();
    const lateHold = complaint('pengaduan', WIB('2025-07-07T07:30:00'), [ev('hold', WIB('2025-07-14T10:00:00'), { toStatus: 'on_hold' })]);
    const q = computeTimers(lateHold, ctx(WIB('2025-07-21T09:00:00')))[0];
    expect(q).toMatchObject({ paused: true, used: 5, left: 0, state: 'open_late' });
    expect(iso(q, q.deadline)).toBe('2025-07-10T23:59:59+07:00');
  });
});

describe('rule 2, disjoint states: met, breached, open within, open late, returned', () => {
  // Disposed Mon 2 Nov 2026 09:00 to a WIB institution: the first follow-up deadline is Mon 9 Nov 23:59:59.
  const returnedAt = (at: Date) => computeTimers(complaint('pengaduan', WIB('2026-11-02T08:00:00'), [
    dispose(WIB('2026-11-02T09:00:00'), 1), giveBack(at, 1)]), ctx(WIB('2026-11-30T00:00:00')));

  it('a return at or before the first-follow-up deadline is returned, outside the denominator', () => {
    const ff = timer(returnedAt(WIB('2026-11-09T23:59:59')), 'first_follow_up');
    expect(ff).toMatchObject({ state: 'returned', returnedLate: false, stopKind: 'return', used: 5 });
    // No completion timer while returned (no institution answers it).
    expect(returnedAt(WIB('2026-11-05T10:00:00')).map((t) => t.timer)).toEqual(['verification', 'first_follow_up']);
  });

  it('a return after the deadline is breached, and counted as returned late', () => {
    const ff = timer(returnedAt(WIB('2026-11-10T00:00:00')), 'first_follow_up');
    expect(ff).toMatchObject({ state: 'breached', returnedLate: true, used: 6 });
  });

  it('every timer is in one state, the counts add up; an institution that only bounces complaints has no compliance ("—")', () => {
    const inTime = timer(returnedAt(WIB('2026-11-04T10:00:00')), 'first_follow_up');
    const late = timer(returnedAt(WIB('2026-11-12T10:00:00')), 'first_follow_up');
    const onlyReturns = countStates([inTime, inTime, inTime]);
    expect(onlyReturns).toMatchObject({ total: 3, returned: 3, met: 0, breached: 0, open_within: 0, open_late: 0, returnedLate: 0 });
    expect(complianceOf(onlyReturns)).toBeNull();
    const mixed = countStates([inTime, late, { state: 'met' }, { state: 'open_within' }, { state: 'open_late' }]);
    expect(mixed.met + mixed.breached + mixed.open_within + mixed.open_late + mixed.returned).toBe(mixed.total);
    expect(mixed).toMatchObject({ returned: 1, breached: 1, returnedLate: 1 });
    // met / (met + breached + open late) = 1 / 3: the in-time return and the open-within timer are outside.
    expect(complianceOf(mixed)).toBeCloseTo(100 / 3);
    expect(compliancePct(0, 0, 0)).toBeNull();
  });
});

describe('rule 3, auto-close by the sweep uses exactly the window', () => {
  it('used = 10 and met, although the sweep dates the close 00:00 the next day (or runs days late)', () => {
    const respondedAt = WIB('2026-11-02T10:00:00');
    const windowEnd = cal.deadline(respondedAt, 10, 'WIB');
    expect(formatInstant(windowEnd, 'WIB')).toBe('2026-11-16T23:59:59+07:00');
    for (const closedAt of [new Date(windowEnd.getTime() + 1000), WIB('2026-11-20T03:00:00')]) {
      const c = complaint('aspirasi', WIB('2026-10-30T08:00:00'), [
        dispose(WIB('2026-10-30T09:00:00'), 1), respond(respondedAt, 1), ev('auto_close', closedAt, { toStatus: 'closed' })]);
      const t = timer(computeTimers(c, ctx(WIB('2026-12-01T00:00:00'))), 'auto_close');
      expect(t).toMatchObject({ used: 10, state: 'met', stopKind: 'auto_close', target: 10 });
      const days = explainDays(t, cal, WIB('2026-12-01T00:00:00'));
      expect(days.filter((d) => d.counted)).toHaveLength(10);
      expect(days[days.length - 1].date).toBe('2026-11-16');
    }
  });

  it('a reply or a close by hand is counted to its instant as usual', () => {
    const c = complaint('aspirasi', WIB('2026-10-30T08:00:00'), [
      dispose(WIB('2026-10-30T09:00:00'), 1), respond(WIB('2026-11-02T10:00:00'), 1), ev('close', WIB('2026-11-17T09:00:00'), { toStatus: 'closed' })]);
    expect(timer(computeTimers(c, ctx(WIB('2026-12-01T00:00:00'))), 'auto_close')).toMatchObject({ used: 11, state: 'breached' });
  });
});

describe('rule 4, late with used ≤ target: explain says why in words', () => {
  // Disposed Fri 30 Oct 2026: the 5th working day is Fri 6 Nov.
  const answered = (at: Date) => timer(computeTimers(complaint('aspirasi', WIB('2026-10-30T08:00:00'), [
    dispose(WIB('2026-10-30T09:00:00'), 1), respond(at, 1)]), ctx(WIB('2026-12-01T00:00:00'))), 'first_follow_up');

  it('an answer on the Saturday after the last working day, or at 00:30 the next day, is late with 5 of 5 used', () => {
    for (const at of [WIB('2026-11-07T10:00:00'), WIB('2026-11-07T00:30:00')]) {
      const ff = answered(at);
      expect(ff).toMatchObject({ used: 5, target: 5, state: 'breached' });
      expect(lateDespiteCount(ff, cal)).toMatchObject({ date: '2026-11-07', day: 'weekend', lastDay: '2026-11-06' });
      const words = whyLate(ff, cal, formatLocalHuman)!;
      expect(words.en).toContain('late although only 5 of 5 working days were used: answered on Saturday 07-11-2026');
      expect(words.en).toContain('after the deadline 06-11-2026 23.59 WIB');
      expect(words.en).toContain('the deadline decides, not the count');
      expect(words.id).toContain('terlambat walau HK terpakai 5 dari 5: ditindaklanjuti pada Sabtu 07-11-2026');
    }
  });

  it('says nothing when the timer is in time, or late by more working days than its target', () => {
    expect(lateDespiteCount(answered(WIB('2026-11-06T23:59:59')), cal)).toBeUndefined();
    const late = answered(WIB('2026-11-09T08:00:00'));
    expect(late).toMatchObject({ used: 6, state: 'breached' });
    expect(lateDespiteCount(late, cal)).toBeUndefined();
    expect(whyLate(late, cal, formatLocalHuman)).toBeUndefined();
  });

  it('a holiday after the deadline is named (answered on 18 Mar 2026, cuti bersama before Nyepi)', () => {
    const ff = timer(computeTimers(complaint('aspirasi', WIB('2026-03-10T08:00:00'), [
      dispose(WIB('2026-03-10T09:00:00'), 1), respond(WIB('2026-03-18T10:00:00'), 1)]), ctx(WIB('2026-04-01T00:00:00'))), 'first_follow_up');
    // Disposed Tue 10 Mar: 11, 12, 13, 16, 17 Mar → deadline Tue 17 Mar; 18 Mar is cuti bersama.
    expect(ff).toMatchObject({ used: 5, state: 'breached' });
    expect(lateDespiteCount(ff, cal)).toMatchObject({ day: 'cuti_bersama' });
    expect(whyLate(ff, cal, formatLocalHuman)!.id).toMatch(/cuti bersama \(Cuti Bersama/);
  });
});

describe('rule 5, years without an official holiday list: every output that touches one warns', () => {
  it('a 60-HK completion timer started in November 2026 has its deadline in 2027, which has no list', () => {
    const c = complaint('pengaduan_berkadar_pengawasan', WIB('2026-11-02T08:00:00'), [dispose(WIB('2026-11-02T09:00:00'), 1)]);
    const asOf = WIB('2026-12-01T00:00:00');
    const ts = computeTimers(c, ctx(asOf));
    const comp = timer(ts, 'completion');
    expect(comp.target).toBe(60);
    expect(localDateOf(comp.deadline!)).toMatch(/^2027-/);
    // Only the deadline touches 2027: every counted day is in 2026.
    expect(explainDays(comp, cal, asOf).every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(yearsTouched(comp, asOf)).toEqual([2026, 2027]);
    expect(unofficialYearsOfTimers(ts, cal, asOf)).toEqual([2027]);
  });

  it('legacy periods (2015–2023) count real working days and raise no warning', () => {
    // Idul Fitri 2019: 3, 4, 7 Jun cuti bersama, 5–6 Jun libur nasional.
    const c = complaint('pengaduan', WIB('2019-05-31T09:00:00'), [dispose(WIB('2019-06-11T09:00:00'), 1)]);
    const ts = computeTimers(c, ctx(WIB('2019-06-12T00:00:00')));
    expect(ts[0]).toMatchObject({ used: 2, state: 'met' });
    expect(unofficialYearsOfTimers(ts, cal, WIB('2019-06-12T00:00:00'))).toEqual([]);
    // The same history counted with no list for 2019 (weekends only) would use 7 and be late, and warn.
    const bare = new WorkCalendar([], []);
    const bareTs = computeTimers(c, { ...ctx(WIB('2019-06-12T00:00:00')), calendar: bare });
    expect(bareTs[0]).toMatchObject({ used: 7, state: 'breached' });
    expect(unofficialYearsOfTimers(bareTs, bare, WIB('2019-06-12T00:00:00'))).toEqual([2019]);
  });
});

describe('rule 6, one zone per timer', () => {
  it("every instant of a timer is in that timer's zone: verification in WIB, the first follow-up in the holder's (WIT)", () => {
    const c = complaint('aspirasi', WIB('2026-04-06T08:00:00'), [
      dispose(WIB('2026-04-06T09:00:00'), 2),
      // 23:30 WIB on Mon 13 Apr = 01:30 WIT on Tue 14 Apr: the 6th working day in Jayapura.
      respond(WIB('2026-04-13T23:30:00'), 2),
    ]);
    const ts = computeTimers(c, ctx(WIB('2026-04-20T00:00:00')));
    const v = timer(ts, 'verification');
    const ff = timer(ts, 'first_follow_up');
    expect(v.zone).toBe('WIB');
    expect(ff).toMatchObject({ zone: 'WIT', used: 6, state: 'breached' });
    // The dispose is the verification's stop and the first follow-up's start: one instant, each in its timer's zone.
    expect(formatLocalHuman(v.stop!, v.zone)).toBe('06-04-2026 09.00 WIB');
    expect(formatLocalHuman(ff.start, ff.zone)).toBe('06-04-2026 11.00 WIT');
    expect(formatLocalHuman(ff.stop!, ff.zone)).toBe('14-04-2026 01.30 WIT');
    expect(iso(ff, ff.deadline)).toBe('2026-04-13T23:59:59+09:00');
    expect(explainDays(ff, cal, WIB('2026-04-20T00:00:00')).at(-1)).toMatchObject({ date: '2026-04-14', n: 6 });
  });

  it('a WITA holder: the first follow-up and completion are counted and shown in WITA', () => {
    const c = complaint('aspirasi', WITA('2026-03-02T08:00:00'), [dispose(WITA('2026-03-02T10:00:00'), 3), respond(WITA('2026-03-04T10:00:00'), 3)]);
    const ts = computeTimers(c, ctx(WIB('2026-04-01T00:00:00')));
    expect(ts.map((t) => [t.timer, t.zone])).toEqual([
      ['verification', 'WIB'], ['first_follow_up', 'WITA'], ['completion', 'WITA'], ['auto_close', 'WITA']]);
    expect(formatLocalHuman(timer(ts, 'completion').start, 'WITA')).toBe('02-03-2026 10.00 WITA');
  });
});

describe('profiles and ageing', () => {
  it('targets, buckets', () => {
    expect(parseTargets(DEFAULT_PROFILE_TARGETS).problems).toEqual([]);
    expect(parseTargets({ verification: 0 }).problems.length).toBeGreaterThan(3);
    expect(['0', '3', '4', '5', '6', '14', '15', '60', '61'].map((d) => ageingBucket(Number(d)))).toEqual(
      ['0-3', '0-3', '4-5', '4-5', '6-14', '6-14', '15-60', '15-60', '>60']);
    expect(compliancePct(3, 1, 0)).toBe(75);
  });
  it('the shipped profile files parse', () => {
    for (const f of fs.readdirSync('fixtures/sla-profiles')) {
      const p = parseProfileFile(fs.readFileSync(`fixtures/sla-profiles/${f}`, 'utf8'), f);
      expect(p.targets.auto_close).toBe(10);
    }
    expect(targets).toEqual(DEFAULT_PROFILE_TARGETS);
  });
});

function localDateOf(d: Date): string {
  return formatInstant(d, 'WIB').slice(0, 10);
}

describe('privacy', () => {
  it('masks identity unless revealed; anonymous is never exported', () => {
    expect(maskName('Budi Santoso')).toBe('B*** S***');
    expect(maskPhone('081234567890')).toBe('0812****7890');
    expect(maskNik('3273014501900001')).toBe('32************01');
    expect(maskNik('0812')).toBe('****');
    expect(maskEmail('budi@example.id')).toBe('b***@example.id');
    expect(exportReporter({ name: 'Budi', phone: '081234567890', anonymous: false }, false, 'id')).toEqual({ name: 'B***', phone: '0812****7890' });
    expect(exportReporter({ name: 'Budi', phone: '081234567890', anonymous: false }, true, 'id')).toEqual({ name: 'Budi', phone: '081234567890' });
    expect(exportReporter({ name: 'Budi', phone: '081234567890', anonymous: true }, true, 'en')).toEqual({ name: '(anonymous)', phone: null });
  });
});
