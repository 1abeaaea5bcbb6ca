/** The registry commands as a whole command line (main, in-process): exit codes, stdout/stderr, no TTY. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { initialisedDataDir, tempDir } from '../helpers/db.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/decrees');

describe('registry commands (command line)', () => {
  let dir: string;
  const lapor = (args: string[], actor?: string) =>
    runMain(args, { env: { LAPOR_DATA_DIR: dir, ...(actor ? { LAPOR_ACTOR: actor } : {}) } });

  beforeAll(async () => {
    dir = tempDir('lapor-regcli-');
    await initialisedDataDir(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without --decree and without a terminal: a usage error pointing to --decree (2)', async () => {
    const r = await lapor(['institution', 'register'], 'adminnas');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lapor: no --decree FILE given, and no terminal to ask on\n {2}give the decree file: lapor institution register --decree sk\.yaml/);
  });

  it('the decree with planted mistakes: every problem listed, exit 65, nothing written', async () => {
    const r = await lapor(['institution', 'register', '--decree', path.join(fixtures, 'contoh-salah.yaml')], 'adminnas');
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^lapor: decree .*contoh-salah\.yaml has 6 problems; nothing was written$/);
    expect(lines.slice(1).every((l) => /^ {2}\S+\.(yaml|csv):\d+.* — /.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const list = await lapor(['institution', 'list', '--registered', '--format', 'json']);
    expect(JSON.parse(list.stdout).data).toEqual([]);
  });

  it('needs an actor (2) who is a super_admin (77)', async () => {
    const decree = path.join(fixtures, 'kota-bandung-2024.yaml');
    expect((await lapor(['institution', 'register', '--decree', decree])).code).toBe(2);
    expect((await lapor(['institution', 'register', '--decree', decree], 'nobody')).code).toBe(77);
  });

  it('registers, then says nothing changed the second time; a non-super_admin is refused 77', async () => {
    const decree = path.join(fixtures, 'kota-bandung-2024.yaml');
    const r = await lapor(['institution', 'register', '--decree', decree], 'adminnas');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hasil: SK 800\/Kep\.112-Diskominfo\/2024 \(32\.73 Kota Bandung\) didaftarkan/);
    expect(r.stdout).toMatch(/│ budi\.santoso\s+│ Budi Santoso, S\.Kom\.\s+│ Admin Instansi\s+│/);
    const again = await lapor(['institution', 'register', '--decree', decree], 'adminnas');
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('tidak ada perubahan: SK 800/Kep.112-Diskominfo/2024 (32.73 Kota Bandung) sudah terdaftar persis sama');
    const notAdmin = await lapor(['institution', 'register', '--decree', path.join(fixtures, 'kemenpanrb-2024.yaml')], 'budi.santoso');
    expect(notAdmin.code).toBe(77);
    expect(notAdmin.stderr).toMatch(/budi\.santoso is admin: only super_admin may register institutions and decrees/);
  });

  it('the newer decree: JSON result, then institution show with the history', async () => {
    const r = await lapor(['institution', 'register', '--decree', path.join(fixtures, 'kota-bandung-2025.yaml'), '--format', 'json'], 'adminnas');
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout).data;
    expect(res.outcome).toBe('superseded');
    expect(res.officers.filter((o: { change: string }) => o.change === 'deactivated')).toHaveLength(3);
    const show = await lapor(['institution', 'show', '32.73']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout, show.stdout).toMatch(/SK berlaku: 800\/Kep\.047-Diskominfo\/2025 \(2025-01-20\)/);
    expect(show.stdout).toMatch(/│ 800\/Kep\.112-Diskominfo\/2024 │ 2024-02-12 │ .* │ 800\/Kep\.047-Diskominfo\/2025 │ 2025-01-20\s+│ adminnas/);
    expect(show.stdout).toMatch(/│ Pejabat Penghubung │ DISHUB │ Wahyu Pratama\s+│ wahyu\.pratama\s+│ 2024-02-12 │ 2025-01-20\s+│ not named in decree/);
    expect(show.stdout).toMatch(/│ Pejabat Penghubung │ BAPENDA\s+│ Lina Marlina/);
  });

  it('unit add, unit list, officer list and deactivate', async () => {
    const add = await lapor(['unit', 'add', 'dispora', '--institution', '32.73', '--name', 'Dinas Pemuda dan Olahraga'], 'budi.santoso');
    expect(add.code).toBe(0);
    // stdout in the run's language too (issue 12: it was English on an Indonesian run)
    expect(add.stdout).toBe('unit DISPORA (Dinas Pemuda dan Olahraga) ditambahkan ke 32.73\n');
    // the note on stderr is in the run's language (issue 12)
    expect(add.stderr).toBe('unit ini belum memiliki Pejabat Penghubung: SK instansi berikutnya perlu menunjuknya ' +
      '(sampai saat itu `lapor report onboarding` menghitung 32.73 belum lengkap)\n');
    const again = await lapor(['--lang', 'en', 'unit', 'add', 'dispora', '--institution', '32.73', '--name', 'Dinas Pemuda dan Olahraga'], 'budi.santoso');
    expect(again.stdout).toBe("unit DISPORA of 32.73 already exists as 'Dinas Pemuda dan Olahraga': nothing changed\n");
    expect(again.stderr).toBe("it has no Pejabat Penghubung yet: the institution's next decree should name one (until then `lapor report onboarding` counts 32.73 as incomplete)\n");
    const units = JSON.parse((await lapor(['unit', 'list', '--institution', '32.73', '--format', 'json'])).stdout).data;
    expect(units.find((u: { code: string }) => u.code === 'DISPORA')).toMatchObject({ liaisons: null, active: true });
    const de = await lapor(['officer', 'deactivate', 'yuni.astuti', '--reason', 'pensiun', '--date', '2025-07-01'], 'budi.santoso');
    expect(de.code).toBe(0);
    expect(de.stdout).toMatch(/^yuni\.astuti \(Yuni Astuti, Pejabat Penghubung unit DISDIK, 32\.73\) dinonaktifkan per 2025-07-01: pensiun\n/);
    const csv = (await lapor(['officer', 'list', '--institution', '32.73', '--role', 'liaison', '--all', '--format', 'csv'])).stdout;
    expect(csv.split('\n')[0]).toBe('username,nama,peran,instansi,unit,NIP,e-mail,telepon,aktif dari,aktif sampai,alasan');
    expect(csv).toMatch(/yuni\.astuti,Yuni Astuti,Pejabat Penghubung,32\.73,DISDIK,198312252009022002,yuni\.astuti@bandung\.go\.id,'\+6281320004415,2024-02-12,2025-07-01,pensiun/);
    expect((await lapor(['officer', 'deactivate', 'rudi.hartono', '--reason', 'x'], 'nobody')).code).toBe(77);
    expect((await lapor(['officer', 'deactivate', 'rudi.hartono', '--reason', 'x', '--date', '2999-01-01'], 'adminnas')).code).toBe(2);
  });

  it('report onboarding, CSV to a file', async () => {
    // One CSV per table: --output DIR/ writes report-section.csv for each; nothing on stderr off a terminal.
    const out = path.join(dir, 'onboarding') + '/';
    const r = await lapor(['report', 'onboarding', '--deadline', '2024-01-31', '--format', 'csv', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(fs.readdirSync(out).sort()).toEqual(['onboarding-late_decrees.csv', 'onboarding-provinces.csv', 'onboarding-totals.csv']);
    expect(fs.readFileSync(path.join(out, 'onboarding-provinces.csv'), 'utf8')).toMatch(/\n32,Jawa Barat,tidak,27,1,28,1,1,0,0,3\.6,1\n/);
    expect(fs.readFileSync(path.join(out, 'onboarding-late_decrees.csv'), 'utf8')).toMatch(/32\.73,Kota Bandung,Kota,800\/Kep\.112-Diskominfo\/2024,2024-02-20,2024-01-31,20/);
    // --csv-excel: BOM, ";" and CRLF, for Excel in an Indonesian locale.
    const x = await lapor(['report', 'onboarding', '--deadline', '2024-01-31', '--csv-excel', '--section', 'provinces']);
    expect(x.stdout.startsWith('\ufeffkode;provinsi;')).toBe(true);
    expect(x.stdout).toMatch(/\r\n32;Jawa Barat;tidak;27;1;28;1;1;0;0;3,6;1\r\n/);
    const xlsx = await lapor(['report', 'onboarding', '--format', 'xlsx', '--output', path.join(dir, 'x.xlsx')]);
    // xlsx/html come from the SLA area's renderers; until registered the command says so (2).
    expect([0, 2]).toContain(xlsx.code);
  });

  it('institution list filters', async () => {
    const kl = JSON.parse((await lapor(['institution', 'list', '--kind', 'kl', '--format', 'json'])).stdout).data;
    expect(kl).toHaveLength(32);
    const p = JSON.parse((await lapor(['institution', 'list', '--province', '32', '--registered', '--format', 'json'])).stdout).data;
    expect(p.map((x: { code: string; units: number }) => `${x.code}:${x.units}`)).toEqual(['32.73:8']);
    const un = JSON.parse((await lapor(['institution', 'list', '--province', '32', '--unregistered', '--format', 'json'])).stdout).data;
    expect(un).toHaveLength(27);
    // the status is a code labelled in the run's language (issue 12: the table showed the code); JSON keeps it, with status_label
    expect(p[0]).toMatchObject({ status: 'active', status_label: 'aktif' });
    expect(un[0]).toMatchObject({ status: 'unregistered', status_label: 'belum terdaftar' });
    const en = JSON.parse((await lapor(['--lang', 'en', 'institution', 'list', '--province', '32', '--format', 'json'])).stdout).data;
    expect(en.find((x: { code: string }) => x.code === '32.73')).toMatchObject({ status: 'active', status_label: 'active' });
    expect(en.find((x: { code: string }) => x.code === '32.01')).toMatchObject({ status: 'unregistered', status_label: 'unregistered' });
    const table = (await lapor(['institution', 'list', '--province', '32', '--kind', 'kota'])).stdout;
    expect(table).toMatch(/│ 32\.73 +│ Kota Bandung +│ Kota +│ 32 +│ aktif +│/);
    expect(table).toMatch(/│ 32\.71 +│ Kota Bogor +│ Kota +│ 32 +│ belum terdaftar +│/);
    expect((await lapor(['institution', 'list', '--kind', 'desa'])).code).toBe(2);
  });
});
