import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { runMain as runCli } from '../helpers/cli.js';
import { addOfficer, addUnit, insertComplaint, institutionId } from '../integration/sla-builder.js';

// Each test runs many command lines (in-process, each opening the database); on a loaded
// 2-core machine that can pass a minute.
vi.setConfig({ testTimeout: 180_000 });

const WIB = (s: string) => new Date(`${s}+07:00`);
const AS_OF = '2026-04-30T12:00:00+07:00';

for (const engine of engineNames) {
  describe(`report sla / monitoring / overdue, sla explain and profiles (CLI, ${engine})`, () => {
    let t: TestDb;
    let dir: string;
    let ids: Record<string, string> = {};
    // One open database for the file (as `lapor demo` runs its commands): no open per command line.
    const cli = (args: string[], as = 'adminnas') => runCli(['--as', as, ...args], { db: t.db });

    beforeAll(async () => {
      t = await initialisedDb(engine);
      dir = tempDir('lapor-sla-cli-');
      const k = t.db.knex;
      const bdg = await institutionId(k, '32.73');
      const mks = await institutionId(k, '73.71');
      const u = await addUnit(k, bdg, 'DISHUB');
      await addOfficer(k, 'admin.bdg', 'admin', bdg);
      await addOfficer(k, 'sekda.bdg', 'supervisor', bdg);
      await addOfficer(k, 'liaison.dishub', 'liaison', bdg, u);
      const add = async (name: string, spec: Parameters<typeof insertComplaint>[1]) => {
        ids[name] = (await insertComplaint(k, spec)).trackingId;
      };
      // Bandung: met (1 HK), breached (9 HK, closed late), overdue (open since 17 Apr: 9 HK > 5).
      await add('met', { class: 'pengaduan', receivedAt: WIB('2026-02-02T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-02-02T10:00:00'), to: bdg },
        { kind: 'respond', at: WIB('2026-02-03T15:00:00') },
        { kind: 'close', at: WIB('2026-02-04T09:00:00') }] });
      await add('late', { class: 'aspirasi', receivedAt: WIB('2026-02-02T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-02-02T10:00:00'), to: bdg },
        { kind: 'respond', at: WIB('2026-02-13T15:00:00') },
        { kind: 'close', at: WIB('2026-02-16T09:00:00') }] });
      await add('overdue', { class: 'pengaduan', title: '=HYPERLINK("http://x","klik")', reporterName: 'Siti Aminah',
        receivedAt: WIB('2026-04-16T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-04-17T09:00:00'), to: bdg },
          { kind: 'forward', at: WIB('2026-04-17T11:00:00'), to: u }] });
      // Confidential, at Bandung: only in Bandung's own reports.
      await add('secret', { confidential: true, receivedAt: WIB('2026-04-01T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-04-01T10:00:00'), to: bdg }] });
      // Makassar: answered in time.
      await add('mks', { receivedAt: WIB('2026-03-02T08:00:00'), steps: [
        { kind: 'dispose', at: WIB('2026-03-02T10:00:00'), to: mks },
        { kind: 'respond', at: WIB('2026-03-04T10:00:00') }] });
    });
    afterAll(async () => {
      await t?.cleanup();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('report sla --format json: the hand-worked figures per institution and timer', async () => {
      const r = await cli(['report', 'sla', '--as-of', AS_OF, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      const bdgFf = doc.data.by_institution.find((x: any) => x.group === '32.73' && x.timer === 'first_follow_up');
      // met, late (breached), overdue (open and late); the confidential one is not in a national report.
      expect(bdgFf).toMatchObject({ total: 3, met: 1, breached: 1, open_within: 0, open_late: 1 });
      expect(bdgFf.compliance).toBeCloseTo(100 / 3);
      const summary = doc.data.summary.find((x: any) => x.timer === 'verification');
      expect(summary).toMatchObject({ total: 4, met: 4 });
      expect(doc.meta.as_of).toBe('2026-04-30T12:00:00+07:00');
    });

    it('an institution reads its own report, confidential complaints included; not another one (77)', async () => {
      const own = await cli(['report', 'sla', '--as-of', AS_OF, '--format', 'json'], 'sekda.bdg');
      expect(own.code, own.stderr).toBe(0);
      const ff = JSON.parse(own.stdout).data.by_institution.find((x: any) => x.timer === 'first_follow_up');
      expect(ff).toMatchObject({ total: 4, open_late: 2 });
      const other = await cli(['report', 'sla', '--institution', '73.71'], 'admin.bdg');
      expect(other.code).toBe(77);
      expect(other.stderr).toMatch(/only the reports of 32\.73/);
      const liaison = await cli(['report', 'overdue', '--as-of', AS_OF, '--format', 'json'], 'liaison.dishub');
      expect(liaison.code, liaison.stderr).toBe(0);
      // Only its unit's complaint: the first follow-up is late, completion (14 HK) is not yet.
      expect(JSON.parse(liaison.stdout).data.overdue.map((x: any) => x.tracking_id)).toEqual([ids.overdue]);
    });

    it('--fail-on-breach exits 3 below the threshold, 0 above', async () => {
      const bad = await cli(['report', 'sla', '--as-of', AS_OF, '--format', 'json', '--fail-on-breach', '90']);
      expect(bad.code).toBe(3);
      // in the run's language (issue 12; this expected the English text of an Indonesian run before)
      expect(bad.stderr).toMatch(/^lapor: sla: kepatuhan di bawah 90%: (Verifikasi|Tindak lanjut pertama|Penyelesaian|Tutup otomatis) \d+\.\d%/);
      const en = await cli(['--lang', 'en', 'report', 'sla', '--as-of', AS_OF, '--format', 'json', '--fail-on-breach', '90']);
      expect(en.stderr).toMatch(/^lapor: sla: compliance below 90%: (Verification|First follow-up|Completion|Auto-close) \d+\.\d%/);
      const ok = await cli(['report', 'sla', '--as-of', AS_OF, '--format', 'json', '--fail-on-breach', '20', '--by', 'class']);
      expect(ok.code, ok.stderr).toBe(0);
    });

    it('report overdue: sorted by working days late, identity masked, CSV formulas neutralised', async () => {
      const r = await cli(['report', 'overdue', '--as-of', AS_OF, '--format', 'csv', '--lang', 'en']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`'=HYPERLINK`);
      expect(r.stdout).toContain('S*** A***');
      expect(r.stdout).not.toContain('Siti Aminah');
      const j = JSON.parse((await cli(['report', 'overdue', '--as-of', AS_OF, '--format', 'json'])).stdout);
      const late = j.data.overdue.map((x: any) => x.late_by);
      expect(late).toEqual([...late].sort((a: number, b: number) => b - a));
      // Makassar's answer of 4 Mar was never closed: its auto-close is 28 HK late, the latest first.
      expect(j.data.overdue[0]).toMatchObject({ tracking_id: ids.mks, timer: 'auto_close', target: 10 });
      // First follow-up: 17 Apr → 30 Apr = 9 HK, 4 late; completion (14 HK) is still within time.
      expect(j.data.overdue.filter((x: any) => x.tracking_id === ids.overdue)).toEqual([
        expect.objectContaining({ timer: 'first_follow_up', used: 9, target: 5, late_by: 4, deadline: '2026-04-24' })]);
    });

    it('--reveal-identity: refused for an admin (77), audited for super_admin', async () => {
      expect((await cli(['report', 'overdue', '--reveal-identity'], 'admin.bdg')).code).toBe(77);
      const r = await cli(['report', 'overdue', '--as-of', AS_OF, '--format', 'json', '--reveal-identity']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Siti Aminah');
      const audit = await runCli(['report', 'sla'], { db: t.db }); // no actor: usage error
      expect(audit.code).toBe(2);
    });

    it('report monitoring: counts, ageing, overdue, returns and trend for one institution; xlsx equals json', async () => {
      const json = await cli(['report', 'monitoring', '--institution', '32.73', '--as-of', AS_OF, '--format', 'json', '--lang', 'en']);
      expect(json.code, json.stderr).toBe(0);
      const doc = JSON.parse(json.stdout);
      expect(doc.data.by_status).toEqual(expect.arrayContaining([{ key: 'closed', key_label: 'Closed', n: 2 }, { key: 'with_unit', key_label: 'Forwarded to unit', n: 1 }, { key: 'with_institution', key_label: 'Disposed to institution', n: 1 }]));
      expect(doc.data.ageing.find((x: any) => x.bucket === '6-14').n).toBe(1);
      // Twelve months without a gap, up to the report's month; months without complaints are zero.
      expect(doc.data.trend).toHaveLength(12);
      expect(doc.data.trend.filter((x: any) => x.received > 0).map((x: any) => x.month)).toEqual(['2026-02', '2026-04']);
      expect(doc.data.trend.find((x: any) => x.month === '2026-03')).toMatchObject({ received: 0, compliance: null });
      // Units worst first, and the institution beside its province and the nation.
      expect(doc.data.units.map((u: any) => u.rank)).toEqual(doc.data.units.map((_: unknown, i: number) => i + 1));
      expect(doc.data.comparison.find((r: any) => r.self)).toMatchObject({ code: '32.73' });
      expect(doc.data.comparison.at(-1)).toMatchObject({ kind: 'national', kind_label: 'National' });
      // every kab/kota of Jawa Barat and the province, those without complaints too (0, compliance —)
      const peers = doc.data.comparison.filter((r: any) => r.kind !== 'national');
      expect(peers.map((r: any) => r.code)).toEqual(expect.arrayContaining(['32', '32.01', '32.73', '32.79']));
      expect(peers.length).toBeGreaterThanOrEqual(28);
      expect(peers.find((r: any) => r.code === '32.01')).toMatchObject({ complaints: 0, completion_compliance: null });
      const file = path.join(dir, 'monitoring.xlsx');
      const x = await cli(['report', 'monitoring', '--institution', '32.73', '--as-of', AS_OF, '--lang', 'en', '--output', file]);
      expect(x.code, x.stderr).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      // Sheets follow the sections (after the About sheet), named by their English titles.
      expect(wb.worksheets[0].name).toBe('About');
      for (const [si, [name, rows]] of (Object.entries(doc.data) as [string, any[]][]).entries()) {
        const ws = wb.worksheets[si + 1];
        expect(ws, name).toBeDefined();
        // A code's label sits in the cell; JSON has both (key and key_label).
        const keys = Object.keys(rows[0] ?? {}).filter((k) => !k.endsWith('_label'));
        rows.forEach((row, i) => {
          keys.forEach((k, j) => {
            const cell = ws.getRow(i + 2).getCell(j + 1).value;
            const v = `${k}_label` in row ? row[`${k}_label`] : row[k];
            if (typeof v === 'number' && k.endsWith('compliance')) expect(cell as number, `${name}[${i}].${k}`).toBeCloseTo(v / 100, 10);
            else if (typeof v === 'number') expect(cell, `${name}[${i}].${k}`).toBe(v);
            else if (typeof v === 'string' && /T\d{2}:\d{2}/.test(v)) expect(cell).toBeInstanceOf(Date);
            else if (v === null) expect(cell).toBeNull();
            else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) expect((cell as Date).toISOString().slice(0, 10)).toBe(v);
            else if (typeof v === 'string') expect(String(cell).replace(/^'(?=[=+\-@])/, '')).toBe(v);
          });
        });
      }
      const overdueSheet = wb.worksheets[1 + Object.keys(doc.data).indexOf('overdue')];
      const head = overdueSheet.getRow(1);
      expect(head.font?.bold).toBe(true);
      const titles: string[] = [];
      overdueSheet.eachRow((row, n) => { if (n > 1) titles.push(String(row.getCell(15).value)); });
      expect(titles).toContain(`'=HYPERLINK("http://x","klik")`);
    });

    it('sla explain prints every day counted or skipped, and agrees with the report', async () => {
      const r = await cli(['sla', 'explain', ids.late, '--as-of', AS_OF, '--format', 'json', '--lang', 'en']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      const completion = doc.data.timers.find((x: any) => x.timer === 'completion');
      expect(completion).toMatchObject({ used: 9, target: 5, state: 'breached', state_label: 'Breached' });
      const days = doc.data.days.filter((x: any) => x.timer === 'completion');
      expect(days.filter((d: any) => d.counted).map((d: any) => d.date)).toEqual([
        '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13']);
      expect(days.find((d: any) => d.date === '2026-02-07')).toMatchObject({ reason: 'weekend', reason_label: 'skipped: weekend' });
      const table = await cli(['sla', 'explain', ids.late, '--as-of', AS_OF]);
      expect(table.stdout).toContain('dilewati: akhir pekan');
      expect((await cli(['sla', 'explain', '99999999999'])).code).toBe(65);
      expect((await cli(['sla', 'explain', ids.mks], 'admin.bdg')).code).toBe(77);
    });

    it('sla explain, rule 6 (one zone per timer): each instant in its timer\'s zone with the zone\'s name; JSON keeps ISO', async () => {
      // Makassar (WITA): the dispose at 10:00 WIB stops the verification (WIB) and starts the first follow-up (WITA).
      const table = await cli(['sla', 'explain', ids.mks, '--as-of', AS_OF, '--lang', 'en']);
      expect(table.code, table.stderr).toBe(0);
      const lines = table.stdout.split('\n');
      const row = (label: string) => lines.find((l) => l.includes(label) && /\d{2}-\d{2}-\d{4}/.test(l)) ?? '';
      expect(row('Verification')).toContain('02-03-2026 10.00 WIB');
      expect(row('First follow-up')).toContain('02-03-2026 11.00 WITA');
      expect(row('First follow-up')).toContain('04-03-2026 11.00 WITA');
      expect(row('First follow-up')).not.toContain('WIB');
      expect(table.stdout).not.toMatch(/\+0[789]:00/);
      const doc = JSON.parse((await cli(['sla', 'explain', ids.mks, '--as-of', AS_OF, '--format', 'json', '--lang', 'en'])).stdout);
      const ff = doc.data.timers.find((x: any) => x.timer === 'first_follow_up');
      expect(ff).toMatchObject({ zone: 'WITA', start: '2026-03-02T11:00:00+08:00', stop: '2026-03-04T11:00:00+08:00', state: 'met' });
      const v = doc.data.timers.find((x: any) => x.timer === 'verification');
      expect(v).toMatchObject({ zone: 'WIB', stop: '2026-03-02T10:00:00+07:00' });
    });

    it('sla profile add / list / show / assign: a stricter profile changes the figures from its date', async () => {
      const file = path.join(dir, 'ketat.yaml');
      fs.writeFileSync(file, `name: bandung-ketat\ntitle: Standar Pelayanan Kota Bandung\nvalid_from: 2026-01-01\n` +
        `targets:\n  verification: 3\n  first_follow_up: 3\n  completion: {aspirasi: 3, permintaan_informasi: 3, pengaduan: 7, pengaduan_berkadar_pengawasan: 30}\n  auto_close: 10\n`);
      expect((await cli(['sla', 'profile', 'add', file], 'admin.bdg')).code).toBe(77);
      const added = await cli(['sla', 'profile', 'add', file]);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toContain('bandung-ketat@1');
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, 'name: x\ntitle: y\nvalid_from: 2026-13-01\ntargets: {verification: 0}\n');
      const rb = await cli(['sla', 'profile', 'add', bad]);
      expect(rb.code).toBe(65);
      expect(rb.stderr).toMatch(/valid_from/);
      const assign = await cli(['sla', 'profile', 'assign', 'bandung-ketat', '--institution', '32.73', '--from', '2026-04-01']);
      expect(assign.code, assign.stderr).toBe(0);
      const show = JSON.parse((await cli(['sla', 'profile', 'show', 'bandung-ketat', '--format', 'json'])).stdout);
      expect(show.data.assignments).toEqual([expect.objectContaining({ institution: '32.73', valid_from: '2026-04-01' })]);
      const list = JSON.parse((await cli(['sla', 'profile', 'list', '--format', 'json'])).stdout);
      expect(list.data.map((p: any) => p.name)).toEqual(['bandung-ketat', 'permenpan-62-2018']);
      // The overdue complaint was disposed on 17 Apr: now 3 HK, 6 late; the February ones keep 5.
      const j = JSON.parse((await cli(['report', 'overdue', '--as-of', AS_OF, '--format', 'json'])).stdout);
      expect(j.data.overdue.find((x: any) => x.timer === 'first_follow_up')).toMatchObject({ target: 3, late_by: 6 });
      const exp = JSON.parse((await cli(['sla', 'explain', ids.late, '--as-of', AS_OF, '--format', 'json'])).stdout);
      expect(exp.data.timers.find((x: any) => x.timer === 'completion').profile).toBe('permenpan-62-2018@1');
    });

    it('a year with no official holiday list: the report says so', async () => {
      const r = await cli(['report', 'sla', '--as-of', '2027-02-01', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).warnings.join(' ')).toMatch(/2027 belum memiliki daftar libur resmi/);
      expect(r.stderr).toMatch(/2027/);
    });

    it('--month and --output html write atomically; bad options are usage errors', async () => {
      const file = path.join(dir, 'sla.html');
      const r = await cli(['report', 'sla', '--month', '2026-02', '--as-of', AS_OF, '--output', file]);
      expect(r.code, r.stderr).toBe(0);
      const html = fs.readFileSync(file, 'utf8');
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect((await cli(['report', 'sla', '--month', '2026-13'])).code).toBe(2);
      expect((await cli(['report', 'sla', '--month', '2026-02', '--from', '2026-01-01'])).code).toBe(2);
      expect((await cli(['report', 'monitoring'])).code).toBe(2);
    });
  });
}
