import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { findOfficer } from '../../src/db/actor.js';
import { addUnit, deactivateOfficer, registerDecree } from '../../src/usecases/registry.js';
import { loadDecree } from '../../src/commands/institution/decree-files.js';

const dir = path.resolve(import.meta.dirname, '../../fixtures/decrees');
const NOW = new Date('2026-01-15T03:00:00Z');

/**
 * Registered: Kota Bandung (2024, superseded by 2025; then a unit added without a liaison),
 * Provinsi Jawa Barat (received 2024-05-15, after the 2024-04-30 deadline), Kabupaten Sleman (its
 * only admin then deactivated), KemenPANRB. Everything else: no decree.
 */
describe.each(engineNames)('report onboarding on %s', (engine) => {
  let t: TestDb;
  const run = (args: string[]) => runMain(['--db', t.url, ...args], { now: NOW });

  beforeAll(async () => {
    t = await initialisedDb(engine, { onDisk: true });
    const knex = t.db.knex;
    const adminnas = (await findOfficer(knex, 'adminnas'))!;
    for (const f of ['kota-bandung-2024.yaml', 'kota-bandung-2025.yaml', 'jawa-barat-2024.yaml', 'kabupaten-sleman-2024.yaml', 'kemenpanrb-2024.yaml']) {
      const { decree, hash } = await loadDecree(knex, path.join(dir, f), '2026-01-15');
      await registerDecree(knex, decree, hash, { actor: adminnas });
    }
    await addUnit(knex, adminnas, '32.73', { code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga' });
    await deactivateOfficer(knex, adminnas, 'bayu.nugraha', 'mutasi', '2025-06-30');
    await t.db.close();
  });
  afterAll(async () => t?.cleanup());

  it('JSON: per province, national totals and the late decrees', async () => {
    const r = await run(['report', 'onboarding', '--deadline', '2024-04-30', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('report onboarding');
    expect(doc.meta).toEqual({ date: '2026-01-15', deadline: '2024-04-30', province: 'all' });
    expect(doc.data.provinces).toHaveLength(38);
    const p = (code: string) => doc.data.provinces.find((x: { provinceCode: string }) => x.provinceCode === code);
    expect(p('32')).toEqual({
      provinceCode: '32', provinceName: 'Jawa Barat', provinceRegistered: true, kabKota: 27, kabKotaRegistered: 1,
      institutions: 28, registered: 2, withAdmin: 2, liaisonsComplete: 1, complete: 1, registeredPct: (100 * 2) / 28, late: 1,
    });
    expect(p('34')).toMatchObject({ provinceRegistered: false, kabKota: 5, kabKotaRegistered: 1, institutions: 6, registered: 1, withAdmin: 0, liaisonsComplete: 1, complete: 0, late: 0 });
    expect(p('11')).toMatchObject({ institutions: 24, registered: 0, withAdmin: 0, liaisonsComplete: 0, complete: 0, late: 0, registeredPct: 0 });
    expect(doc.data.totals.map((x: Record<string, unknown>) => [x.group, x.institutions, x.registered, x.withAdmin, x.liaisonsComplete, x.complete, x.late])).toEqual([
      ['Provinsi', 38, 1, 1, 1, 1, 1],
      ['Kabupaten/Kota', 514, 2, 1, 1, 0, 0],
      ['Kementerian/Lembaga', 32, 1, 1, 1, 1, 0],
      ['BUMN & lainnya', 7, 0, 0, 0, 0, 0],
      ['Total', 591, 4, 3, 3, 2, 1],
    ]);
    expect(doc.data.late_decrees).toEqual([{
      code: '32', name: 'Jawa Barat', kind: 'provinsi', kind_label: 'Provinsi', decreeNumber: '481/Kep.330-Diskominfo/2024',
      receivedAt: '2024-05-15', deadline: '2024-04-30', daysLate: 15,
    }]);
  });

  it('CSV: the same figures, one block per section', async () => {
    // One table per CSV: without --section, a usage error naming the tables.
    const all = await run(['report', 'onboarding', '--deadline', '2024-04-30', '--format', 'csv']);
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/--section NAME \(provinces, totals, late_decrees\)/);
    const blocks: Record<string, Record<string, string>[]> = {};
    for (const name of ['provinces', 'totals', 'late_decrees']) {
      const r = await run(['report', 'onboarding', '--deadline', '2024-04-30', '--format', 'csv', '--section', name]);
      expect(r.code, r.stderr).toBe(0);
      blocks[name] = parse(r.stdout, { columns: true }) as Record<string, string>[];
    }
    expect(blocks.provinces.find((x) => x.kode === '32')).toEqual({
      kode: '32', provinsi: 'Jawa Barat', 'SK provinsi': 'ya', 'kab/kota': '27', 'kab/kota terdaftar': '1', instansi: '28',
      'SK terdaftar': '2', 'ada admin': '2', 'penghubung tiap unit': '1', lengkap: '1', '% terdaftar': '7.1', 'SK terlambat': '1',
    });
    expect(blocks.totals.map((x) => `${x.kelompok}:${x.instansi}:${x['SK terdaftar']}:${x['ada admin']}:${x['penghubung tiap unit']}:${x.lengkap}`)).toEqual([
      'Provinsi:38:1:1:1:1', 'Kabupaten/Kota:514:2:1:1:0', 'Kementerian/Lembaga:32:1:1:1:1', 'BUMN & lainnya:7:0:0:0:0', 'Total:591:4:3:3:2']);
    expect(blocks.late_decrees).toEqual([{ kode: '32', instansi: 'Jawa Barat', jenis: 'Provinsi', 'nomor SK': '481/Kep.330-Diskominfo/2024', diterima: '2024-05-15', 'batas waktu': '2024-04-30', 'hari terlambat': '15' }]);
  });

  it('table: Bahasa Indonesia headers and the figures; --lang en; --province adds each institution', async () => {
    const r = await run(['report', 'onboarding', '--province', '32', '--deadline', '2024-04-30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Laporan onboarding SP4N-LAPOR!/);
    expect(r.stdout).toMatch(/│ 32\s+│ Jawa Barat\s+│ ya\s+│\s+27 │\s+1 │\s+28 │\s+2 │\s+2 │\s+1 │\s+1 │\s+7\.1% │\s+1 │/);
    expect(r.stdout).toMatch(/│ Total\s+│\s+591 │\s+4 │\s+3 │\s+3 │\s+2 │\s+0\.7% │\s+1 │/);
    expect(r.stdout).toMatch(/│ 32\.73 │ Kota Bandung\s+│ Kota\s+│ ya\s+│ 800\/Kep\.047-Diskominfo\/2025 │ ya\s+│\s+8 │\s+7 │ tidak\s+│ tidak\s+│/);
    expect(r.stdout).toMatch(/│ 32\s+│ Jawa Barat\s+│ Provinsi\s+│ ya\s+│ 481\/Kep\.330-Diskominfo\/2024 │ ya\s+│\s+2 │\s+2 │ ya\s+│ ya\s+│/);
    expect(r.stdout).not.toMatch(/Sleman/);
    const en = await run(['report', 'onboarding', '--lang', 'en']);
    expect(en.stdout).toMatch(/National totals/);
    expect(en.stdout).toMatch(/Give --deadline YYYY-MM-DD to list the late decrees/);
    expect(en.stdout).not.toMatch(/late decrees │/);
  });

  it('refuses a bad deadline or province (2)', async () => {
    expect((await run(['report', 'onboarding', '--deadline', '30-04-2024'])).code).toBe(2);
    const r = await run(['report', 'onboarding', '--province', '99']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--province 99 is not a province code/);
  });
});
