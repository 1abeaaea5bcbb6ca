import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { addUnit, insertComplaint, institutionId } from '../integration/sla-builder.js';

const CHROMIUM = process.env.LAPOR_CHROMIUM ?? '/usr/bin/chromium';
const WIB = (s: string) => new Date(`${s}+07:00`);

/**
 * Renders the HTML reports in headless Chromium (Debian's `chromium`, installed by .ci/run) and
 * fails on any console error, failed request or page error. Screenshots are kept in
 * $LAPOR_SCREENSHOT_DIR when set, for a person to look at.
 */
describe('HTML reports render in headless Chromium', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await initialisedDb('pglite');
    dir = tempDir('lapor-html-');
    const k = t.db.knex;
    const insts = await Promise.all(['32.73', '73.71', '91.71', '31.71', 'KEMENPANRB'].map((c) => institutionId(k, c)));
    const unit = await addUnit(k, insts[0], 'DISHUB');
    let day = 0;
    for (let i = 0; i < 60; i++) {
      const inst = insts[i % insts.length];
      day = (day + 3) % 110;
      const received = new Date(WIB('2026-01-05T08:00:00').getTime() + day * 86_400_000 + i * 3_600_000);
      const h = (n: number) => new Date(received.getTime() + n * 3_600_000);
      const steps: Parameters<typeof insertComplaint>[1]['steps'] = [{ kind: 'dispose', at: h(5), to: inst }];
      if (inst === insts[0] && i % 2 === 0) steps.push({ kind: 'forward', at: h(8), to: unit });
      if (i % 7 !== 0) steps.push({ kind: 'respond', at: h(24 * (1 + (i * 5) % 25)) });
      if (i % 7 !== 0 && i % 3 === 0) steps.push({ kind: 'close', at: h(24 * (2 + (i * 5) % 25)) });
      await insertComplaint(k, { class: i % 4 === 0 ? 'aspirasi' : 'pengaduan', channel: ['web', 'sms', 'whatsapp'][i % 3],
        title: i === 0 ? '<script>alert(1)</script>' : undefined, receivedAt: received, steps });
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('report sla and report monitoring: no console errors, charts drawn, printable', async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LAPOR_CHROMIUM; this test does not skip`);
    }
    const pages = [
      ['sla.html', ['report', 'sla', '--by', 'institution']],
      ['monitoring.html', ['report', 'monitoring', '--institution', '32.73']],
      ['monitoring-en.html', ['--lang', 'en', 'report', 'monitoring', '--institution', '32.73']],
    ] as const;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    try {
      for (const [file, args] of pages) {
        const out = path.join(dir, file);
        const r = await runMain(['--as', 'adminnas', ...args, '--as-of', '2026-04-30T12:00:00+07:00', '--output', out], { db: t.db });
        expect(r.code, r.stderr).toBe(0);
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const problems: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
        const requests: string[] = [];
        page.on('request', (q) => requests.push(q.url()));
        await page.goto(`file://${out}`);
        await page.waitForLoadState('load');
        expect(problems, file).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('file://')), 'no network').toEqual([]);
        const svgs = await page.locator('svg').count();
        expect(svgs, file).toBeGreaterThanOrEqual(file === 'sla.html' ? 1 : 3);
        expect(await page.locator('html').getAttribute('lang')).toBe(file.endsWith('-en.html') ? 'en' : 'id');
        expect(await page.locator('h1').textContent()).toBe(file === 'sla.html' ? 'Laporan Kepatuhan SLA Pengelolaan Pengaduan'
          : file.endsWith('-en.html') ? 'Complaint handling monitoring' : 'Laporan Pemantauan Pengelolaan Pengaduan');
        // No command lines inside a document.
        expect(await page.locator('body').innerText()).not.toMatch(/`lapor |--include-legacy/);
        expect(await page.locator('svg rect').count()).toBeGreaterThan(3);
        // The hostile title is shown as text, never run.
        if (file.startsWith('monitoring')) expect(await page.content()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        const shotDir = process.env.LAPOR_SCREENSHOT_DIR;
        if (shotDir) await page.screenshot({ path: path.join(shotDir, file.replace('.html', '.png')), fullPage: true });
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
