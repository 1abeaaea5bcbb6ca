import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unofficialYearNotices, unofficialYearsTouched, WorkCalendar } from '../../src/domain/calendar.js';
import { parseHolidayCsv } from '../../src/domain/holiday-csv.js';
import {
  endOfLocalDay, formatInstant, isoUtc, localDate, parseInstant, zoneForRegion,
} from '../../src/domain/time.js';
import { fixture } from '../../src/paths.js';

const shipped = parseHolidayCsv(fs.readFileSync(fixture('hari_libur.csv'), 'utf8'));
const shippedYears = [...new Set(shipped.holidays.map((h) => Number(h.date.slice(0, 4))))];
const cal = new WorkCalendar(shipped.holidays, shippedYears);

describe('shipped holiday list (rule 5: 2015–2026 have an official list)', () => {
  it('parses all 269 rows without problems, one row per date, the counts of fixtures/SOURCES.md', () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.holidays).toHaveLength(269);
    expect(new Set(shipped.holidays.map((h) => h.date)).size).toBe(269);
    expect(shippedYears).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const per = (y: number, kind: string) => shipped.holidays.filter((h) => h.date.startsWith(`${y}-`) && h.kind === kind).length;
    // fixtures/SOURCES.md section 2: libur nasional / cuti bersama per year.
    const table: Array<[number, number, number]> = [[2015, 15, 4], [2016, 15, 4], [2017, 16, 7], [2018, 16, 8], [2019, 16, 4],
      [2020, 16, 5], [2021, 15, 1], [2022, 16, 4], [2023, 16, 11], [2024, 17, 10], [2025, 17, 11], [2026, 17, 8]];
    for (const [y, ln, cb] of table) expect([y, per(y, 'libur_nasional'), per(y, 'cuti_bersama')]).toEqual([y, ln, cb]);
  });

  it('legacy periods count real working days (Idul Fitri 2019, the cuti bersama 2020 moved by the 4th amendment)', () => {
    // 3, 4, 7 Jun 2019 cuti bersama; 5–6 Jun Idul Fitri 1440 H: the first working day after Fri 31 May is Mon 10 Jun.
    expect(cal.nthWorkdayAfter('2019-05-31', 1)).toBe('2019-06-10');
    expect(cal.dayInfo('2019-06-04')).toMatchObject({ workday: false, reason: 'cuti_bersama' });
    // 2020: 28–30 Dec were deleted as cuti bersama (working days), 31 Dec kept.
    expect(cal.dayInfo('2020-12-29')).toMatchObject({ workday: true });
    expect(cal.dayInfo('2020-12-31')).toMatchObject({ workday: false, reason: 'cuti_bersama' });
    expect(cal.yearsWithoutOfficialList('2015-01-01', '2026-12-31')).toEqual([]);
  });
});

describe('rule 5, years without an official holiday list: what every output that touches one warns about', () => {
  it('counts the days from..to and every deadline given; 2015–2026 have a list, 2027 has none', () => {
    expect(unofficialYearsTouched(cal, [{ from: '2015-01-01', to: '2026-12-31' }])).toEqual([]);
    // A report of 2026 whose latest deadline (a 60-HK timer from November) is in February 2027.
    expect(unofficialYearsTouched(cal, [{ from: '2026-01-01', to: '2026-12-01', deadlines: ['2027-02-03'] }])).toEqual([2027]);
    expect(unofficialYearsTouched(cal, [{ from: '2026-12-20', to: '2027-01-05' }, { from: '2026-01-01', to: '2026-01-02', deadlines: ['2028-01-03'] }]))
      .toEqual([2027, 2028]);
    const [n] = unofficialYearNotices(cal, [{ from: '2026-11-02', to: '2026-11-02', deadlines: ['2027-01-28'] }]);
    expect(n.id).toMatch(/^2027 belum memiliki daftar libur resmi: dihitung hanya akhir pekan/);
    expect(n.en).toMatch(/^2027 has no official holiday list: counted as weekends only/);
  });
});

describe('working days: the counting rule of DESIGN §6', () => {
  it('counts days d with from < d ≤ to, skipping weekends', () => {
    // Fri 2026-01-09 → Mon 2026-01-12: Sat and Sun skipped, Monday counts.
    expect(cal.workdaysBetweenDates('2026-01-09', '2026-01-12')).toBe(1);
    // The start day itself never counts.
    expect(cal.workdaysBetweenDates('2026-01-12', '2026-01-12')).toBe(0);
    expect(cal.workdaysBetweenDates('2026-01-12', '2026-01-15')).toBe(3);
    // Friday 16 January 2026 is Isra Mikraj (libur nasional).
    expect(cal.workdaysBetweenDates('2026-01-12', '2026-01-16')).toBe(3);
    expect(cal.workdaysBetweenDates('2026-01-12', '2026-01-19')).toBe(4);
  });

  it('skips libur nasional and cuti bersama (Nyepi + Idulfitri 2026)', () => {
    // 18 cuti, 19 Nyepi, 20 cuti, 21–22 weekend + Idulfitri, 23–24 cuti: first working day is 25 March.
    expect(cal.workdaysBetweenDates('2026-03-17', '2026-03-27')).toBe(3);
    expect(cal.nthWorkdayAfter('2026-03-17', 1)).toBe('2026-03-25');
    expect(cal.dayInfo('2026-03-18')).toMatchObject({ workday: false, reason: 'cuti_bersama' });
    expect(cal.dayInfo('2026-03-19')).toMatchObject({ workday: false, reason: 'libur_nasional' });
    // A holiday on a Sunday is reported as a weekend: it was never a working day.
    expect(cal.dayInfo('2026-03-22')).toMatchObject({ workday: false, reason: 'weekend' });
  });

  it('crosses a year end (2025 → 2026: Christmas, cuti bersama 26 Dec, New Year)', () => {
    // 2025-12-24 Wed. 25 Natal, 26 cuti, 27–28 weekend, 29 Mon ✔, 30 ✔, 31 ✔, 1 Jan holiday, 2 Jan ✔.
    expect(cal.dayInfo('2025-12-26').reason).toBe('cuti_bersama');
    expect(cal.workdaysBetweenDates('2025-12-24', '2026-01-02')).toBe(4);
    expect(cal.nthWorkdayAfter('2025-12-24', 4)).toBe('2026-01-02');
  });

  it('handles the leap day of 2024 and years without an official list', () => {
    expect(cal.dayInfo('2024-02-29')).toMatchObject({ workday: true });
    expect(cal.workdaysBetweenDates('2024-02-28', '2024-03-01')).toBe(2);
    // 2028 has no list: weekends only, and the calendar says so.
    expect(cal.hasOfficialList(2028)).toBe(false);
    expect(cal.yearsWithoutOfficialList('2026-12-20', '2028-02-29')).toEqual([2027, 2028]);
    expect(cal.workdaysBetweenDates('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('deadline(t, N) is 23:59:59 local of the N-th working day after the local date of t', () => {
    const t = new Date('2026-03-17T03:00:00Z'); // 10:00 WIB
    expect(formatInstant(cal.deadline(t, 3, 'WIB'), 'WIB')).toBe('2026-03-27T23:59:59+07:00');
    expect(formatInstant(cal.deadline(t, 0, 'WIB'), 'WIB')).toBe('2026-03-17T23:59:59+07:00');
    const d = cal.deadline(t, 3, 'WIB');
    expect(cal.meets(t, d, 3, 'WIB')).toBe(true);
    expect(cal.meets(t, new Date(d.getTime() + 1000), 3, 'WIB')).toBe(false);
  });

  it('an event late at night in WIB is already the next day in WITA and WIT', () => {
    const lateWib = new Date('2026-01-09T16:30:00Z'); // Fri 23:30 WIB = Sat 00:30 WITA
    expect(localDate(lateWib, 'WIB')).toBe('2026-01-09');
    expect(localDate(lateWib, 'WITA')).toBe('2026-01-10');
    expect(localDate(lateWib, 'WIT')).toBe('2026-01-10');
    // Received Friday night WIB: the deadline counts from Friday; in WITA from Saturday.
    expect(cal.nthWorkdayAfter(localDate(lateWib, 'WIB'), 1)).toBe('2026-01-12');
    expect(formatInstant(cal.deadline(lateWib, 1, 'WIB'), 'WIB')).toBe('2026-01-12T23:59:59+07:00');
    expect(formatInstant(cal.deadline(lateWib, 1, 'WITA'), 'WITA')).toBe('2026-01-12T23:59:59+08:00');
    // Thursday 23:30 WIB is Friday in WIT: one working day fewer left in the week.
    const thu = new Date('2026-01-08T16:30:00Z');
    expect(cal.deadline(thu, 1, 'WIB').toISOString()).toBe(endOfLocalDay('2026-01-09', 'WIB').toISOString());
    expect(cal.deadline(thu, 1, 'WIT').toISOString()).toBe(endOfLocalDay('2026-01-12', 'WIT').toISOString());
    // Same instants, counted in each zone.
    expect(cal.workdaysBetween(thu, new Date('2026-01-12T01:00:00Z'), 'WIB')).toBe(2);
    expect(cal.workdaysBetween(thu, new Date('2026-01-12T01:00:00Z'), 'WIT')).toBe(1);
  });
});

describe('time zones and instants', () => {
  it('maps provinces to WIB, WITA, WIT', () => {
    expect(zoneForRegion('32.73')).toBe('WIB');
    expect(zoneForRegion('31')).toBe('WIB');
    expect(zoneForRegion('51.71')).toBe('WITA');
    expect(zoneForRegion('64')).toBe('WITA');
    expect(zoneForRegion('76.01')).toBe('WITA');
    expect(zoneForRegion('82')).toBe('WIT');
    expect(zoneForRegion('94.71')).toBe('WIT');
    expect(zoneForRegion(null)).toBe('WIB');
  });

  it('parses ISO instants, naive local times and dates', () => {
    expect(parseInstant('2026-03-17T10:00:00+07:00', 'WIT')?.toISOString()).toBe('2026-03-17T03:00:00.000Z');
    expect(parseInstant('2026-03-17T10:00:00Z', 'WIB')?.toISOString()).toBe('2026-03-17T10:00:00.000Z');
    expect(parseInstant('2026-03-17 10:00', 'WITA')?.toISOString()).toBe('2026-03-17T02:00:00.000Z');
    expect(parseInstant('2026-03-17', 'WIB')?.toISOString()).toBe('2026-03-16T17:00:00.000Z');
    expect(parseInstant('2026-02-30', 'WIB')).toBeUndefined();
    expect(parseInstant('2026-03-17T25:00', 'WIB')).toBeUndefined();
    expect(parseInstant('17/03/2026', 'WIB')).toBeUndefined();
  });
});

describe('holiday CSV parser', () => {
  it('lists every problem with its line', () => {
    const r = parseHolidayCsv('tanggal,nama,jenis\n2026-02-30,X,libur_nasional\n2026-05-01,,cuti\n2026-05-02,Y\n');
    expect(r.holidays).toEqual([]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 3, 4]);
  });

  it('refuses a wrong header and an empty file', () => {
    expect(parseHolidayCsv('date,name,kind\n2026-01-01,A,libur_nasional\n').problems[0].message).toMatch(/expected 'tanggal,nama,jenis'/);
    expect(parseHolidayCsv('').problems[0].message).toMatch(/empty/);
    expect(parseHolidayCsv('tanggal,nama,jenis\n').problems[0].message).toMatch(/no holidays/);
  });
});

describe('isoInstant (the bulk import\'s fast toISOString)', () => {
  it('writes exactly what toISOString writes, across leap days, centuries and the 4-digit-year range', () => {
    const fixed = ['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2100-03-01T00:00:00.001Z', '2024-12-31T17:00:00.000Z',
      '1999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z'];
    for (const t of fixed) expect(isoUtc(new Date(t))).toBe(new Date(t).toISOString());
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 20_000; i++) {
      const d = new Date(Math.floor(next() * 4_102_444_800_000)); // 1970 … 2100
      expect(isoUtc(d)).toBe(d.toISOString());
    }
  });
});

describe('formatLocalHuman', () => {
  it('writes dd-mm-yyyy HH.MM and the zone name, in that zone', async () => {
    const { formatLocalHuman } = await import('../../src/domain/time.js');
    const t = new Date('2026-11-02T02:30:00Z');
    expect(formatLocalHuman(t, 'WIB')).toBe('02-11-2026 09.30 WIB');
    expect(formatLocalHuman(t, 'WITA')).toBe('02-11-2026 10.30 WITA');
    expect(formatLocalHuman(new Date('2026-12-31T15:30:00Z'), 'WIT')).toBe('01-01-2027 00.30 WIT');
  });
});
