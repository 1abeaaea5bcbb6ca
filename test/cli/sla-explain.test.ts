import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { insertComplaint, institutionId } from '../integration/sla-builder.js';

vi.setConfig({ testTimeout: 120_000 });

const WIB = (s: string) => new Date(`${s}+07:00`);
const WITA = (s: string) => new Date(`${s}+08:00`);

/** `lapor sla explain` end to end: the six settled readings of issue 16 as a user reads them. */
for (const engine of engineNames) {
  describe(`sla explain: the readings of issue 16 (${engine})`, () => {
    let t: TestDb;
    const ids: Record<string, string> = {};
    const explain = async (id: string, asOf: string, ...more: string[]) => {
      const r = await runMain(['--as', 'adminnas', 'sla', 'explain', id, '--as-of', asOf, ...more], { db: t.db });
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const timersOf = async (id: string, asOf: string) =>
      JSON.parse((await explain(id, asOf, '--format', 'json', '--lang', 'en')).stdout).data.timers as Record<string, unknown>[];

    beforeAll(async () => {
      t = await initialisedDb(engine);
      const k = t.db.knex;
      const mks = await institutionId(k, '73.71');
      const bdg = await institutionId(k, '32.73');
      // Rule 1's example, then disposed to Makassar (WITA) and answered at 00:30 on the Saturday after the 5th working day.
      ids.hold = (await insertComplaint(k, { class: 'pengaduan', receivedAt: WIB('2025-07-07T07:30:00'), steps: [
        { kind: 'hold', at: WIB('2025-07-07T07:45:00') }, { kind: 'resume', at: WIB('2025-07-08T17:00:00') },
        { kind: 'dispose', at: WIB('2025-07-11T10:00:00'), to: mks }, { kind: 'respond', at: WITA('2025-07-19T00:30:00') },
        // Closed by the sweep the second after the 10-HK window (Fri 1 Aug 2025 23:59:59 WITA).
        { kind: 'auto_close', at: WITA('2025-08-02T00:00:00') }] })).trackingId;
      // A 60-HK complaint disposed in November 2026: its deadline falls in 2027, a year without a list.
      ids.long = (await insertComplaint(k, { class: 'pengaduan_berkadar_pengawasan', receivedAt: WIB('2026-11-02T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-11-02T10:00:00'), to: bdg }] })).trackingId;
      // Returned (Bukan Wewenang) in time by Bandung, then disposed to Makassar.
      ids.returned = (await insertComplaint(k, { class: 'aspirasi', receivedAt: WIB('2026-03-02T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-03-02T10:00:00'), to: bdg }, { kind: 'return', at: WIB('2026-03-03T10:00:00') },
        { kind: 'dispose', at: WIB('2026-03-04T10:00:00'), to: mks }] })).trackingId;
    });
    afterAll(() => t?.cleanup());

    it('rule 1 (hold): held 1, used 3, deadline Fri 11 Jul 2025 23:59:59 WIB, met; the resume day is given back', async () => {
      const [v] = await timersOf(ids.hold, '2025-08-04T12:00:00+07:00');
      expect(v).toMatchObject({ timer: 'verification', timer_label: 'Verification', zone: 'WIB', held: 1, used: 3, deadline: '2025-07-11T23:59:59+07:00', state: 'met' });
      const table = (await explain(ids.hold, '2025-08-04T12:00:00+07:00', '--lang', 'en')).stdout;
      expect(table).toMatch(/Verification\s+│\s+1\s+│\s+2025-07-08\s+│\s+Tue\s+│\s+no\s+│\s+│\s+skipped: on hold/);
      expect(table).toContain('07-07-2025 07.45 WIB');
    });

    it('rule 3 (auto-close by the sweep): used exactly the 10-HK window, met', async () => {
      const ac = (await timersOf(ids.hold, '2025-08-04T12:00:00+07:00')).find((x) => x.timer === 'auto_close');
      expect(ac).toMatchObject({ zone: 'WITA', stop_kind: 'auto_close', used: 10, state: 'met', deadline: '2025-08-01T23:59:59+08:00' });
    });

    it('rule 4 (late with used ≤ target): the table says why in words, in Indonesian and English', async () => {
      const en = (await explain(ids.hold, '2025-08-04T12:00:00+07:00', '--lang', 'en')).stdout;
      expect(en).toContain('* First follow-up #1: late although only 5 of 5 working days were used: answered on Saturday 19-07-2025 00.30 WITA');
      const id = (await explain(ids.hold, '2025-08-04T12:00:00+07:00')).stdout;
      expect(id).toContain('* Tindak lanjut pertama #1: terlambat walau HK terpakai 5 dari 5: ditindaklanjuti pada Sabtu 19-07-2025 00.30 WITA');
    });

    it('rule 2 (disjoint states): a return in time is "returned", not also met', async () => {
      const ffs = (await timersOf(ids.returned, '2026-03-31T12:00:00+07:00')).filter((x) => x.timer === 'first_follow_up');
      expect(ffs.map((x) => [x.institution, x.state])).toEqual([['32.73', 'returned'], ['73.71', 'open_late']]);
    });

    it('rule 5 (a year without a holiday list): a deadline in 2027 is warned about, naming the timer', async () => {
      const r = await explain(ids.long, '2026-12-01T12:00:00+07:00', '--format', 'json');
      const doc = JSON.parse(r.stdout);
      expect(doc.warnings).toEqual([expect.stringMatching(/^2027 belum memiliki daftar libur resmi.*tenggat yang jatuh di 2027: Penyelesaian$/)]);
      expect(r.stderr).toMatch(/2027/);
      expect(doc.data.timers.find((x: any) => x.timer === 'completion').deadline).toMatch(/^2027-/);
      // The legacy-period complaint of 2025 touches no such year.
      expect(JSON.parse((await explain(ids.hold, '2025-08-04T12:00:00+07:00', '--format', 'json')).stdout).warnings).toEqual([]);
    });

    it('rule 5 in the reports: report sla and report monitoring warn about a deadline that falls in 2027', async () => {
      for (const args of [['report', 'sla'], ['report', 'monitoring', '--institution', '32.73']]) {
        const r = await runMain(['--as', 'adminnas', ...args, '--as-of', '2026-12-01T12:00:00+07:00', '--format', 'json'], { db: t.db });
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).warnings, args.join(' ')).toEqual([expect.stringMatching(/^2027 belum memiliki daftar libur resmi/)]);
        expect(r.stderr).toMatch(/2027 belum memiliki/);
        // Rule 2: every row's states add up to its total (returned late is inside breached).
        const doc = JSON.parse(r.stdout);
        for (const row of [...(doc.data.summary ?? []), ...(doc.data.sla ?? [])]) {
          expect(row.met + row.breached + row.open_within + row.open_late + row.returned, args.join(' ')).toBe(row.total);
          expect(row.returned_late).toBeLessThanOrEqual(row.breached);
        }
        expect([...(doc.data.summary ?? []), ...(doc.data.sla ?? [])].length).toBeGreaterThan(0);
      }
      // A period whose timers all end within listed years warns about nothing.
      const r = await runMain(['--as', 'adminnas', 'report', 'sla', '--from', '2025-07-01', '--to', '2025-07-31', '--as-of', '2025-08-04T12:00:00+07:00', '--format', 'json'], { db: t.db });
      expect(JSON.parse(r.stdout).warnings).toEqual([]);
    });

    it('rule 6 (one zone per timer): the table shows each instant in its timer\'s zone with the name; JSON keeps the offset', async () => {
      const table = (await explain(ids.hold, '2025-08-04T12:00:00+07:00', '--lang', 'en')).stdout;
      const row = (label: string) => table.split('\n').find((l) => l.startsWith(`│ ${label}`) && l.includes('permenpan')) ?? '';
      expect(row('Verification')).toContain('11-07-2025 10.00 WIB');
      expect(row('First follow-up')).toContain('11-07-2025 11.00 WITA');
      expect(row('First follow-up')).not.toContain('WIB');
      const ff = (await timersOf(ids.hold, '2025-08-04T12:00:00+07:00')).find((x) => x.timer === 'first_follow_up');
      expect(ff).toMatchObject({ start: '2025-07-11T11:00:00+08:00', stop: '2025-07-19T00:30:00+08:00', deadline: '2025-07-18T23:59:59+08:00' });
    });
  });
}
