import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { computeTimers, explainDays, parseTargets, ageingBucket, compliancePct, type SlaEvent } from '../../src/domain/sla.js';
import { exportReporter, maskName, maskNik, maskPhone, maskEmail } from '../../src/domain/privacy.js';
import { parseProfileFile } from '../../src/commands/sla/profile-add.js';
import { parseHolidayCsv } from '../../src/domain/holiday-csv.js';
import { DEFAULT_PROFILE_TARGETS } from '../../migrations/0001_baseline.js';

const cal = new WorkCalendar(parseHolidayCsv(fs.readFileSync('fixtures/hari_libur.csv', 'utf8')).holidays, [2024, 2025, 2026]);
const profile = { name: 'permenpan-62-2018', version: 1, targets: DEFAULT_PROFILE_TARGETS };
const WIB = (s: string) => new Date(`${s}+07:00`);
let seq = 1;
const ev = (kind: string, at: Date, extra: Partial<SlaEvent> = {}): SlaEvent => ({
  seq: ++seq, kind, at, fromStatus: null, toStatus: null, fromInstitutionId: null, toInstitutionId: null, fromUnitId: null, toUnitId: null, ...extra,
});
const ctx = (asOf: Date) => ({ calendar: cal, asOf, zoneOf: (id: number) => (id === 2 ? 'WIT' as const : 'WIB' as const), profileFor: () => profile });

describe('pure SLA rules', () => {
  it('verification across the year end, with a hold', () => {
    const c = { id: 1, class: 'pengaduan' as const, receivedAt: WIB('2025-12-23T09:00:00'), events: [
      ev('received', WIB('2025-12-23T09:00:00'), { toStatus: 'received' }),
      ev('hold', WIB('2025-12-24T09:00:00'), { toStatus: 'on_hold' }),
      ev('resume', WIB('2026-01-06T09:00:00'), { toStatus: 'received' }),
      ev('dispose', WIB('2026-01-07T09:00:00'), { toStatus: 'with_institution', toInstitutionId: 2 }),
    ] };
    const [v] = computeTimers(c, ctx(WIB('2026-01-08T00:00:00')));
    // 24 Dec counted; 25–26 holidays; 29, 30, 31 Dec, 2, 5 Jan on hold; 6 (resume day), 7 Jan counted.
    expect(v).toMatchObject({ used: 3, held: 5, state: 'met', stopKind: 'dispose' });
    const days = explainDays(v, cal, WIB('2026-01-08T00:00:00'));
    expect(days.find((d) => d.date === '2025-12-25')).toMatchObject({ counted: false, reason: 'libur_nasional' });
    expect(days.find((d) => d.date === '2025-12-26')).toMatchObject({ counted: false, reason: 'cuti_bersama' });
    expect(days.find((d) => d.date === '2025-12-29')).toMatchObject({ counted: false, reason: 'on_hold' });
    expect(days.find((d) => d.date === '2026-01-07')).toMatchObject({ counted: true, n: 3 });
  });
  it("a first follow-up is counted in the holder's zone (WIT)", () => {
    const c = { id: 2, class: 'aspirasi' as const, receivedAt: WIB('2026-04-06T08:00:00'), events: [
      ev('received', WIB('2026-04-06T08:00:00'), { toStatus: 'received' }),
      ev('dispose', WIB('2026-04-06T09:00:00'), { toStatus: 'with_institution', toInstitutionId: 2 }),
      // 23:30 WIB on Mon 13 Apr = 01:30 WIT on Tue 14 Apr: the 6th working day in Jayapura.
      ev('respond', WIB('2026-04-13T23:30:00'), { toStatus: 'responded', fromInstitutionId: 2, toInstitutionId: 2 }),
    ] };
    const ff = computeTimers(c, ctx(WIB('2026-04-20T00:00:00'))).find((t) => t.timer === 'first_follow_up')!;
    expect(ff).toMatchObject({ zone: 'WIT', used: 6, state: 'breached' });
  });
  it('targets, buckets, compliance', () => {
    expect(parseTargets(DEFAULT_PROFILE_TARGETS).problems).toEqual([]);
    expect(parseTargets({ verification: 0 }).problems.length).toBeGreaterThan(3);
    expect(['0', '3', '4', '5', '6', '14', '15', '60', '61'].map((d) => ageingBucket(Number(d)))).toEqual(
      ['0-3', '0-3', '4-5', '4-5', '6-14', '6-14', '15-60', '15-60', '>60']);
    expect(compliancePct(3, 1, 0)).toBe(75);
    expect(compliancePct(0, 0, 0)).toBeNull();
  });
  it('the shipped profile files parse', () => {
    for (const f of fs.readdirSync('fixtures/sla-profiles')) {
      const p = parseProfileFile(fs.readFileSync(`fixtures/sla-profiles/${f}`, 'utf8'), f);
      expect(p.targets.auto_close).toBe(10);
    }
    expect(parseProfileFile(fs.readFileSync('fixtures/sla-profiles/permenpan-62-2018.yaml', 'utf8'), 'x').targets).toEqual(DEFAULT_PROFILE_TARGETS);
  });
});

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
