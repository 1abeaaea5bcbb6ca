import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { computeTimers, type SlaComplaint, type SlaEvent, type Timer } from '../../src/domain/sla.js';
import { parseProfileFile } from '../../src/commands/sla/profile-add.js';
import { remarks, whyLate } from '../../src/commands/sla/explain.js';
import { parseHolidayCsv } from '../../src/domain/holiday-csv.js';
import { formatLocalHuman } from '../../src/domain/time.js';

/**
 * sla explain's remarks are sentences, one catalogue label each (issue 12): Indonesian and English
 * build them differently ("sisa 1 HK" / "1 working day left"), so each language has its own.
 */
const cal = new WorkCalendar(parseHolidayCsv(fs.readFileSync('fixtures/hari_libur.csv', 'utf8')).holidays, [2025, 2026]);
const targets = parseProfileFile(fs.readFileSync('fixtures/sla-profiles/permenpan-62-2018.yaml', 'utf8'), 'x').targets;
const WIB = (s: string) => new Date(`${s}+07:00`);
let seq = 1;
const ev = (kind: string, at: string, extra: Partial<SlaEvent> = {}): SlaEvent => ({
  seq: ++seq, kind, at: WIB(at), fromStatus: null, toStatus: null, fromInstitutionId: null, toInstitutionId: null, fromUnitId: null, toUnitId: null, ...extra,
});
const dispose = (at: string) => ev('dispose', at, { toStatus: 'with_institution', toInstitutionId: 1 });
const respond = (at: string) => ev('respond', at, { toStatus: 'responded', fromInstitutionId: 1, toInstitutionId: 1 });
/** The timer `name` of a complaint received at `received` with `steps`, as of `asOf`. */
function timer(received: string, steps: SlaEvent[], asOf: string, name: Timer['timer']): Timer {
  const c: SlaComplaint = { id: 1, class: 'aspirasi', receivedAt: WIB(received), events: [ev('received', received, { toStatus: 'received' }), ...steps] };
  return computeTimers(c, { calendar: cal, asOf: WIB(asOf), zoneOf: () => 'WIB', profileFor: () => ({ name: 'p', version: 1, targets }) })
    .find((t) => t.timer === name)!;
}
const said = (t: Timer) => remarks(t, cal, formatLocalHuman);

describe('sla explain: the remarks of a timer, in both languages', () => {
  it('working days left: one working day, or several', () => {
    expect(said(timer('2026-10-30T08:00:00', [dispose('2026-10-30T09:00:00')], '2026-11-02T10:00:00', 'first_follow_up')))
      .toEqual({ id: 'sisa 4 HK', en: '4 working days left' });
    expect(said(timer('2026-10-30T08:00:00', [dispose('2026-10-30T09:00:00')], '2026-11-05T10:00:00', 'first_follow_up')))
      .toEqual({ id: 'sisa 1 HK', en: '1 working day left' });
  });

  it('paused on hold, and the days given back for it', () => {
    expect(said(timer('2025-07-07T07:30:00', [ev('hold', '2025-07-07T07:45:00', { toStatus: 'on_hold' })], '2025-07-09T10:00:00', 'verification'))).toEqual({
      id: 'dijeda (Tunda) sejak 07-07-2025 07.45 WIB; sisa 3 HK setelah dilanjutkan; 2 HK dikembalikan karena Tunda (hari setelah tanggal tunda sampai tanggal dilanjutkan)',
      en: 'paused (on hold) since 07-07-2025 07.45 WIB; 3 working days left after resume; 2 working days given back for holds (the days after the date of the hold up to the date of resume)',
    });
    expect(said(timer('2025-07-07T07:30:00', [ev('hold', '2025-07-07T07:45:00', { toStatus: 'on_hold' }), ev('resume', '2025-07-08T17:00:00', { toStatus: 'received' })],
      '2025-07-09T10:00:00', 'verification'))).toEqual({
      id: 'sisa 2 HK; 1 HK dikembalikan karena Tunda (hari setelah tanggal tunda sampai tanggal dilanjutkan)',
      en: '2 working days left; 1 working day given back for holds (the days after the date of the hold up to the date of resume)',
    });
  });

  it('returned in time or late, and closed by the sweep', () => {
    const back = (at: string) => ev('return', at, { toStatus: 'returned', fromInstitutionId: 1 });
    expect(said(timer('2026-10-30T08:00:00', [dispose('2026-10-30T09:00:00'), back('2026-11-02T09:00:00')], '2026-12-01T00:00:00', 'first_follow_up'))).toEqual({
      id: 'dikembalikan (Bukan Wewenang) sebelum tenggat: di luar perhitungan kepatuhan', en: 'returned (Bukan Wewenang) by the deadline: outside the compliance figure',
    });
    expect(said(timer('2026-10-30T08:00:00', [dispose('2026-10-30T09:00:00'), back('2026-11-12T09:00:00')], '2026-12-01T00:00:00', 'first_follow_up'))).toEqual({
      id: 'dikembalikan (Bukan Wewenang) setelah tenggat: terlambat', en: 'returned (Bukan Wewenang) after the deadline: breached',
    });
    expect(said(timer('2026-10-01T08:00:00', [dispose('2026-10-01T09:00:00'), respond('2026-10-02T10:00:00'), ev('auto_close', '2026-10-17T00:00:00', { toStatus: 'closed' })],
      '2026-12-01T00:00:00', 'auto_close'))).toEqual({
      id: 'ditutup otomatis pada 17-10-2026 00.00 WIB; dihitung tepat 10 HK (masa tanggapan pelapor)',
      en: 'closed by the sweep at 17-10-2026 00.00 WIB; counted as exactly the 10-working-day reply window',
    });
  });

  it('late despite the count (rule 4): put on hold, or still open, on the weekend after the deadline', () => {
    const held = whyLate(timer('2026-11-03T08:00:00', [ev('hold', '2026-11-07T10:00:00', { toStatus: 'on_hold' })], '2026-11-08T10:00:00', 'verification'), cal, formatLocalHuman)!;
    expect(held.id).toMatch(/^terlambat walau HK terpakai 3 dari 3: ditunda pada Sabtu 07-11-2026 10\.00 WIB, akhir pekan, setelah tenggat 06-11-2026 23\.59 WIB \(akhir HK ke-3\)\. /);
    expect(held.en).toMatch(/^late although only 3 of 3 working days were used: put on hold on Saturday 07-11-2026 10\.00 WIB, a weekend day, after the deadline 06-11-2026 23\.59 WIB \(the end of working day 3\)\. /);
    const open = whyLate(timer('2026-11-03T08:00:00', [], '2026-11-07T10:00:00', 'verification'), cal, formatLocalHuman)!;
    expect(open.id).toMatch(/: masih berjalan per Sabtu 07-11-2026 10\.00 WIB, akhir pekan,/);
    expect(open.en).toMatch(/: still open as of Saturday 07-11-2026 10\.00 WIB, a weekend day,/);
  });
});
