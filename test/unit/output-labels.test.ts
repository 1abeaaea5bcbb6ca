import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { examplesHelp } from '../../src/cli/examples.js';
import { renderReportHtml } from '../../src/cli/output/html.js';
import type { Report } from '../../src/cli/output/model.js';
import { renderReportPdf } from '../../src/cli/output/pdf.js';
import { tempDir } from '../helpers/db.js';

/**
 * The output layer's own words (issue 12): the html charts' titles and axes, the notes under a
 * table, the pdf letterhead and the warning prefix come from the catalogue, in the run's language.
 */
const many = Array.from({ length: 45 }, (_, i) => ({ group: `G${i}`, name: `N${i}`, timer: 'completion', compliance: i }));
const report: Report = {
  name: 'monitoring', title: 'T', meta: { scope: 'nasional' },
  sections: [
    { name: 'by_institution', title: 'a', columns: [{ key: 'group', header: { id: 'instansi', en: 'institution' } }, { key: 'timer', header: 't' }, { key: 'compliance', header: 'c' }], rows: many },
    { name: 'by_unit', title: 'b', columns: [{ key: 'group', header: { id: 'unit kerja', en: 'unit' } }, { key: 'timer', header: 't' }, { key: 'compliance', header: 'c' }], rows: many.slice(0, 3) },
    { name: 'sla', title: 's', columns: [{ key: 'timer', header: 't' }, { key: 'compliance', header: 'c' }], rows: [{ timer: 'verification', compliance: 50 }] },
    { name: 'trend', title: 'tr', columns: [{ key: 'month', header: 'm' }], rows: [{ month: '2026-01', received: 3, compliance: 50 }] },
    { name: 'units', title: 'u', columns: [{ key: 'unit', header: 'u' }, { key: 'completion_compliance', header: 'c' }], rows: [{ unit: 'U1', name: 'n', completion_compliance: 30 }] },
    { name: 'comparison', title: 'c', columns: [{ key: 'code', header: 'c' }], rows: [{ kind: 'national', completion_compliance: 40 }] },
    { name: 'ageing', title: 'g', columns: [{ key: 'bucket', header: 'b' }], rows: [{ bucket: '0-5', n: 3 }] },
    { name: 'empty', title: 'e', columns: [{ key: 'a', header: 'a' }], rows: [] },
    { name: 'big', title: 'big', columns: [{ key: 'a', header: 'a' }], rows: Array.from({ length: 2003 }, (_, i) => ({ a: i })) },
  ],
};

describe('the output layer speaks the run\'s language (issue 12)', () => {
  const dir = tempDir('lapor-output-labels-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('html: chart titles, axis legends and notes, in Indonesian and in English', async () => {
    const id = await renderReportHtml(report, 'id');
    const en = await renderReportHtml(report, 'en');
    const expected = {
      id: ['Kepatuhan penyelesaian per instansi (40 terendah)', 'Kepatuhan penyelesaian per unit kerja<', 'Kepatuhan per tahap', 'Tren bulanan',
        'laporan diterima', 'kepatuhan penyelesaian<', 'Kepatuhan penyelesaian per unit kerja (terendah lebih dulu)',
        'Kepatuhan penyelesaian: provinsi dan nasional', 'Umur tunggakan (HK)', '0-5 HK', '(tidak ada data)', '3 baris lagi tidak ditampilkan (lihat CSV/XLSX).'],
      en: ['Completion compliance by institution (lowest 40)', 'Completion compliance by unit<', 'Compliance per timer', 'Monthly trend',
        'complaints received', 'completion compliance<', 'Completion compliance per unit (lowest first)',
        'Completion compliance: province and national', 'Backlog ageing (WD)', '0-5 WD', '(no rows)', '3 more rows not shown (see CSV/XLSX).'],
    };
    for (const text of expected.id) expect(id).toContain(text);
    for (const text of expected.en) expect(en).toContain(text);
    // Neither page carries the other language's words.
    for (const text of expected.en) expect(id).not.toContain(text);
    for (const text of expected.id) expect(en).not.toContain(text);
  });

  it('pdf: a national document\'s letterhead in either language', async () => {
    const text = async (lang: 'id' | 'en') => {
      const file = path.join(dir, `national-${lang}.pdf`);
      fs.writeFileSync(file, await renderReportPdf({ ...report, sections: report.sections.slice(7, 8) }, lang, { now: new Date('2026-12-02T02:30:00Z') }));
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    };
    const id = await text('id');
    expect(id).toContain('ADMIN NASIONAL SP4N-LAPOR!');
    expect(id).toContain('Pengelolaan Pengaduan Pelayanan Publik Nasional (SP4N-LAPOR!)');
    expect(id).toContain('(tidak ada data)');
    const en = await text('en');
    expect(en).toContain('SP4N-LAPOR! NATIONAL ADMINISTRATION');
    expect(en).toContain('National Public Service Complaint Management (SP4N-LAPOR!)');
    expect(en).toContain('(no rows)');
  });

  it('the warning prefix and the examples heading', () => {
    const warned = (env: NodeJS.ProcessEnv) => {
      const stderr = new PassThrough();
      let out = '';
      stderr.on('data', (d) => (out += d));
      new Context({ stdout: new PassThrough(), stderr, stdin: new PassThrough() }, { NO_COLOR: '1', ...env }).warn('x');
      return out;
    };
    expect(warned({})).toBe('peringatan: x\n');
    expect(warned({ LAPOR_LANG: 'en' })).toBe('warning: x\n');
    expect(examplesHelp('import list', 'id')).toBe('\nContoh:\n  $ lapor import list --source web');
    expect(examplesHelp('import list', 'en')).toBe('\nExamples:\n  $ lapor import list --source web');
  });
});
