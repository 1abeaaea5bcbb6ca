import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';
import { openDb, type Db } from '../../src/db/engine.js';
import { parseDbTarget } from '../../src/db/url.js';

const AS_OF = '2026-11-30T17:00:00+07:00';
/** A period that reaches into 2027, a year without an official holiday list (issue 16 rule 5: every output warns). */
const AS_OF_2027 = '2027-01-15T12:00:00+07:00';
const NOW = new Date('2026-12-02T02:30:00Z'); // printed 02-12-2026 09.30 WIB

/** poppler-utils (pdftoppm, pdftotext): .ci/run installs it. The test does not skip without it. */
function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

/**
 * Every document a person opens, read back the way they would: the PDF rendered to PNG and its
 * text extracted, the XLSX opened with exceljs; in Bahasa Indonesia and English.
 */
describe('report documents read back (demo database)', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = path.join(tempDir('lapor-docs-'), 'demo');
    const r = await runMain(['demo', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    db = await openDb(parseDbTarget(`pglite:${dir}/db`, {}));
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  for (const lang of ['id', 'en'] as const) {
    it(`PDF (${lang}): kop, print date, page numbers, tables; renders to PNG`, async () => {
      const file = path.join(dir, `monitoring-${lang}.pdf`);
      // As of January 2027, a year without an official holiday list: the document carries its warning as a footnote.
      const r = await runMain(['--as', 'adminnas', '--lang', lang, 'report', 'monitoring', '--institution', '32.73', '--as-of', AS_OF_2027,
        '--format', 'pdf', '--output', file], { db, now: NOW });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/wrote|ditulis/); // not a terminal: no "wrote" line
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = poppler('pdftotext', ['-layout', file, '-']);
      const pages = text.split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[0]).toMatch(/KOTA BANDUNG/);
      expect(pages[0]).toMatch(lang === 'id' ? /Laporan Pemantauan Pengelolaan Pengaduan/ : /Complaint handling monitoring/);
      pages.forEach((p, i) => {
        expect(p).toMatch(lang === 'id' ? new RegExp(`Halaman ${i + 1} dari ${pages.length}`) : new RegExp(`Page ${i + 1} of ${pages.length}`));
        expect(p).toMatch(/02-12-2026 09\.30 WIB/);
      });
      expect(text).toMatch(lang === 'id' ? /Unit kerja, kepatuhan terendah lebih dulu/ : /Units, lowest compliance first/);
      expect(text).toMatch(/DISHUB/);
      expect(text).not.toMatch(/`lapor /); // no command lines in a document
      expect(text).toMatch(lang === 'id' ? /Catatan/ : /Notes/); // the warnings, as one footnote
      // Rendered: every page is an A4 landscape image with ink on it.
      const prefix = path.join(dir, `page-${lang}`);
      poppler('pdftoppm', ['-r', '40', '-png', file, prefix]);
      const pngs = fs.readdirSync(dir).filter((f) => f.startsWith(`page-${lang}`) && f.endsWith('.png'));
      expect(pngs).toHaveLength(pages.length);
      for (const png of pngs) {
        const buf = fs.readFileSync(path.join(dir, png));
        expect(buf.subarray(1, 4).toString()).toBe('PNG');
        const w = buf.readUInt32BE(16);
        const h = buf.readUInt32BE(20);
        expect(w).toBeGreaterThan(h); // landscape
        expect(buf.length).toBeGreaterThan(3000); // not a blank page
      }
      const shots = process.env.LAPOR_SCREENSHOT_DIR;
      if (shots) for (const png of pngs) fs.copyFileSync(path.join(dir, png), path.join(shots, png));
    });

    it(`XLSX (${lang}): local date-times, fractional percentages, sheet names, print setup, data-only filter`, async () => {
      const file = path.join(dir, `overdue-${lang}.xlsx`);
      const r = await runMain(['--as', 'adminnas', '--lang', lang, 'report', 'monitoring', '--institution', '32.73', '--as-of', AS_OF,
        '--output', file], { db, now: NOW });
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse((await runMain(['--as', 'adminnas', '--lang', lang, 'report', 'monitoring', '--institution', '32.73',
        '--as-of', AS_OF, '--format', 'json'], { db, now: NOW })).stdout);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets[0].name).toBe(lang === 'id' ? 'Keterangan' : 'About');
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toContain(lang === 'id' ? 'Kepatuhan SLA per tahap' : 'SLA compliance per timer');
      const overdue = wb.worksheets[1 + Object.keys(json.data).indexOf('overdue')];
      expect(overdue.pageSetup.orientation).toBe('landscape');
      expect(overdue.pageSetup.printTitlesRow).toBe('1:1');
      const rows = json.data.overdue as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      const keys = Object.keys(rows[0]).filter((k) => !k.endsWith('_label'));
      // The filter covers the header and the data rows only.
      expect(overdue.autoFilter).toBe(`A1:${overdue.getColumn(keys.length).letter}${1 + rows.length}`);
      // "started" is a real date-time cell holding the holder's local (WIB) wall-clock time.
      const started = overdue.getRow(2).getCell(keys.indexOf('started') + 1);
      const iso = String(rows[0].started); // e.g. 2026-11-10T09:00:00+07:00
      expect(started.value).toBeInstanceOf(Date);
      expect((started.value as Date).toISOString().slice(0, 16)).toBe(iso.slice(0, 16));
      expect(started.numFmt).toBe('dd-mm-yyyy hh:mm');
      // Percentages: fractions with a % format.
      const sla = wb.worksheets[1 + Object.keys(json.data).indexOf('sla')];
      const ci = Object.keys(json.data.sla[0]).filter((k) => !k.endsWith('_label')).indexOf('compliance') + 1;
      const pct = sla.getRow(2).getCell(ci);
      expect(pct.value as number).toBeCloseTo((json.data.sla[0].compliance as number) / 100, 10);
      expect(pct.numFmt).toBe('0.0%');
      // Labels, not codes, in the cells; the code stays in the JSON.
      expect(sla.getRow(2).getCell(1).value).toBe(json.data.sla[0].timer_label);
      expect(json.data.sla[0].timer).toBe('verification');
    });
  }

  it('an unknown institution code: the nearest one suggested, exit 65 in every command', async () => {
    for (const args of [['report', 'sla', '--institution', '3273'], ['report', 'monitoring', '--institution', '3273'],
      ['complaint', 'list', '--institution', '3273'], ['institution', 'show', '3273'], ['calendar', 'add', '2026-03-17', '3', '--institution', '3273']]) {
      const r = await runMain(['--as', 'adminnas', ...args], { db, now: NOW });
      expect(r.code, args.join(' ')).toBe(65);
      expect(r.stderr, args.join(' ')).toMatch(/unknown institution '3273': did you mean 32\.73\?/);
      expect(r.stdout).toBe('');
    }
  });

  it('warnings go to stderr in every format, --quiet leaves nothing but errors', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const r = await runMain(['--as', 'adminnas', 'report', 'overdue', '--include-legacy', '--as-of', AS_OF_2027, '--format', format], { db, now: NOW });
      expect(r.code).toBe(0);
      expect(r.stderr, format).toMatch(/peringatan: 2027 belum memiliki daftar libur resmi/);
      // JSON carries them in `warnings` (the contract); table and CSV data never do.
      if (format === 'json') expect(JSON.parse(r.stdout).warnings.join(' ')).toMatch(/2027 belum memiliki/);
      else expect(r.stdout, format).not.toMatch(/belum memiliki daftar libur resmi/);
      const q = await runMain(['--quiet', '--as', 'adminnas', 'report', 'overdue', '--include-legacy', '--as-of', AS_OF_2027, '--format', format], { db, now: NOW });
      expect(q.stderr, format).toBe('');
      expect(q.stdout).toBe(r.stdout);
    }
    const bad = await runMain(['--quiet', '--as', 'adminnas', 'report', 'sla', '--month', '2026-13'], { db, now: NOW });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--month '2026-13'/);
  });

  it('tables fit $COLUMNS unless --wide; NO_COLOR tables carry no escape codes', async () => {
    const args = ['--as', 'adminnas', 'report', 'monitoring', '--institution', '32.73', '--as-of', AS_OF];
    const narrow = await runMain(args, { db, now: NOW, env: { COLUMNS: '160' } });
    const longest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));
    expect(longest(narrow.stdout.split('\n').filter((l) => /^[│┌└]/.test(l)).join('\n'))).toBeLessThanOrEqual(160);
    const wide = await runMain([...args, '--wide'], { db, now: NOW, env: { COLUMNS: '160' } });
    expect(longest(wide.stdout)).toBeGreaterThan(160);
    expect(wide.stdout).toMatch(/10-11-2026 09\.00 WIB/); // local times for people
    // eslint-disable-next-line no-control-regex
    expect(narrow.stdout).not.toMatch(/\u001b\[/);
  });
});
