import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as runCli } from '../helpers/cli.js';
import { initialisedDataDir, tempDir } from '../helpers/db.js';
import { openDb } from '../../src/db/engine.js';
import { OFFICERS, seedOfficers } from '../integration/dispositions-setup.js';

/**
 * The life-cycle verbs end to end on a PGlite directory, as a cron job or an operator runs them:
 * the whole command line through main() in-process (each call opens and closes the directory).
 */
describe('lapor complaint / dispatch / sla sweep (command line)', () => {
  const dir = tempDir('lapor-disp-cli-');
  const dbDir = path.join(dir, 'data');
  const env = { LAPOR_DATA_DIR: dbDir };
  beforeAll(async () => {
    await initialisedDataDir(dbDir);
    const db = await openDb({ kind: 'pglite', dir: dbDir });
    await seedOfficers(db.knex);
    await db.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('help lists the verbs and the exit codes', async () => {
    const r = await runCli(['complaint', '--help'], { env });
    for (const v of ['add', 'show', 'list', 'verify', 'hold', 'resume', 'archive', 'forward', 'return', 'respond', 'reply', 'close']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${v}\\b`, 'm'));
    }
    expect((await runCli(['sla', '--help'], { env })).stdout).toMatch(/^\s+sweep\b/m);
    expect((await runCli(['dispatch', '--help'], { env })).stdout).toContain('suggest');
    expect((await runCli(['--help'], { env: { ...env, LAPOR_LANG: 'en' } })).stdout).toContain('75  conflict');
  });

  it('add → verify → forward → show, with LAPOR_ACTOR; refusals are one line with their exit code', async () => {
    const add = await runCli(['complaint', 'add', '--channel', 'tatap_muka', '--body', 'Antrean KTP sangat panjang'], { env: { ...env, LAPOR_ACTOR: OFFICERS.superAdmin } });
    expect(add.code, add.stderr).toBe(0);
    const id = add.stdout.trim();
    const noActor = await runCli(['complaint', 'verify', id, '--dispose-to', '32.73'], { env });
    expect([noActor.code, noActor.stderr.trim()]).toEqual([2, 'lapor: this command needs an acting officer: give --as USERNAME or set LAPOR_ACTOR']);
    const stranger = await runCli(['--as', 'nobody', 'complaint', 'verify', id, '--dispose-to', '32.73'], { env });
    expect(stranger.code).toBe(77);
    const wrongRole = await runCli(['--as', OFFICERS.admin, 'complaint', 'verify', id, '--dispose-to', '32.73'], { env });
    expect([wrongRole.code, wrongRole.stderr.trim().split('\n').length]).toEqual([77, 1]);
    const v = await runCli(['--as', OFFICERS.superAdmin, 'complaint', 'verify', id, '--dispose-to', '32.73'], { env });
    expect([v.code, v.stdout.trim()]).toEqual([0, `${id}: Diverifikasi, disposisi ke instansi — Belum Terverifikasi (nasional) → Terdisposisi ke Instansi (32.73)`]);
    const f = await runCli(['--as', OFFICERS.admin, 'complaint', 'forward', id, '--to', 'DISHUB', '--lang', 'en'], { env });
    expect(f.stdout.trim()).toBe(`${id}: Forwarded to unit — Disposed to institution (32.73) → Forwarded to unit (32.73/DISHUB)`);
    const show = await runCli(['--as', OFFICERS.liaisonDishub, 'complaint', 'show', id], { env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/Riwayat[\s\S]*Diterima[\s\S]*Diverifikasi, disposisi ke instansi[\s\S]*Diteruskan ke unit kerja/);
    expect(show.stdout).toContain('Terdisposisi ke Unit Kerja · 32.73/DISHUB');
  });
});
