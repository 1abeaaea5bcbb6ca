import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runMain } from '../helpers/cli.js';
import { engineNames, freshUrl, initialisedDataDir, tempDir } from '../helpers/db.js';
import { lockDataDir } from '../../src/db/lock.js';

describe.each(engineNames)('foundation commands on %s (in-process)', (engine) => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(() => ({ url, drop } = freshUrl(engine)));
  afterAll(() => drop());

  it('init creates the database, a second run changes nothing', async () => {
    const first = await runMain(['--db', url, 'init', '--admin', 'adminnas']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // in the run's language (issue 12: these lines were English on an Indonesian run)
    expect(first.stdout).toMatch(/^instansi ditambahkan: 591 /m);
    expect(first.stdout).toMatch(/^Admin Nasional \(super_admin\) dibuat: adminnas$/m);
    // Issue 16 rule 5: every shipped year of hari_libur.csv, 2015–2026.
    expect(first.stdout).toMatch(/hari libur dimuat untuk 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026\n/);
    const second = await runMain(['--db', url, '--lang', 'en', 'init', '--admin', 'adminnas']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^institutions: already loaded$/m);
    expect(second.stdout).toMatch(/^super_admin adminnas: already present$/m);
    expect(second.stdout).toMatch(/nothing to do: everything was already in place\n$/);
  });

  it('counts working days and deadlines as the issue states', async () => {
    const wd = await runMain(['--db', url, 'calendar', 'workdays', '2026-03-17', '2026-03-27']);
    expect(wd).toMatchObject({ code: 0, stdout: '3\n' });
    const add = await runMain(['--db', url, 'calendar', 'add', '2026-03-17T10:00:00+07:00', '3']);
    expect(add).toMatchObject({ code: 0, stdout: '2026-03-27T23:59:59+07:00\n' });
    const wita = await runMain(['--db', url, 'calendar', 'add', '2026-01-09T23:30:00+07:00', '1', '--tz', 'WITA']);
    expect(wita.stdout).toBe('2026-01-12T23:59:59+08:00\n');
    const inst = await runMain(['--db', url, 'calendar', 'add', '2026-01-09T10:00:00+09:00', '1', '--institution', '91.71']);
    expect(inst.stdout).toBe('2026-01-12T23:59:59+09:00\n');
  });

  it('warns about a year with no official holiday list', async () => {
    const r = await runMain(['--db', url, 'calendar', 'workdays', '2027-12-30', '2028-01-04']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3\n');
    // in the run's language: Indonesian by default (issue 12; this expected the English text before), English with --lang en
    expect(r.stderr).toMatch(/peringatan: 2027 belum memiliki daftar libur resmi: dihitung hanya akhir pekan/);
    expect(r.stderr).toMatch(/peringatan: 2028 belum memiliki daftar libur resmi/);
    const en = await runMain(['--db', url, '--lang', 'en', 'calendar', 'workdays', '2027-12-30', '2028-01-04']);
    expect(en.stderr).toMatch(/warning: 2027 has no official holiday list: counted as weekends only/);
    expect(en.stderr).toMatch(/warning: 2028 has no official holiday list/);
    const list = (lang: string) => runMain(['--db', url, '--lang', lang, 'calendar', 'list', '--year', '2027', '--format', 'csv']).then((x) => x.stderr);
    expect(await list('id')).toMatch(/^peringatan: 2027 belum memiliki daftar libur resmi/);
    expect(await list('en')).toMatch(/^warning: 2027 has no official holiday list/);
  });

  it('lists a year in csv and json', async () => {
    const csv = await runMain(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('tanggal,hari,jenis,nama,hari kerja,sumber');
    expect(lines).toHaveLength(1 + 25); // 25 holidays of 2026, one per date
    const json = JSON.parse((await runMain(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'json', '--lang', 'en'])).stdout).data;
    expect(json[0]).toMatchObject({ date: '2026-01-01', kind: 'libur_nasional', workday: false });
  });

  it('imports an amended year and prints what was added and removed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'skb-2025-amended.csv');
    const original = fs.readFileSync(path.resolve('fixtures/hari_libur.csv'), 'utf8').split('\n')
      .filter((l) => l.startsWith('tanggal') || l.startsWith('2025-'));
    fs.writeFileSync(file, original.filter((l) => !l.startsWith('2025-08-18')).join('\n') + '\n');
    const r1 = await runMain(['--db', url, 'calendar', 'import', file, '--source', 'SKB 2025']);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toBe('- 2025-08-18 cuti_bersama Cuti Bersama Proklamasi Kemerdekaan (HUT ke-80 RI)\n');
    expect(r1.stderr).toMatch(/2025: 0 ditambahkan, 1 dihapus/); // in the run's language (issue 12; the English text before)
    fs.writeFileSync(file, original.join('\n') + '\n');
    const r2 = await runMain(['--db', url, '--lang', 'en', 'calendar', 'import', file, '--source', 'SKB 2025 (amended 18 Aug)']);
    expect(r2.stdout).toMatch(/^\+ 2025-08-18 cuti_bersama/);
    expect(r2.stderr).toMatch(/^2025: 1 added, 0 removed, \d+ unchanged \(source: SKB 2025 \(amended 18 Aug\)\)\n$/);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses bad input with one line and its exit code, writing nothing', async () => {
    const dir = tempDir();
    const missing = await runMain(['--db', url, 'calendar', 'import', path.join(dir, 'nope.csv'), '--source', 'x']);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toMatch(/^lapor: cannot read .*nope\.csv: no such file\n$/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'date,name\n2026-01-01,x\n');
    const header = await runMain(['--db', url, 'calendar', 'import', bad, '--source', 'x']);
    expect(header.code).toBe(65);
    expect(header.stderr).toMatch(/bad\.csv:1: header is 'date,name'; expected 'tanggal,nama,jenis'/);
    fs.writeFileSync(bad, 'tanggal,nama,jenis\n2026-12-25,Natal,libur_nasional\n2026-13-01,X,libur_nasional\n');
    const row = await runMain(['--db', url, 'calendar', 'import', bad, '--source', 'x']);
    expect(row.code).toBe(65);
    expect(row.stderr).toMatch(/bad\.csv:3: tanggal '2026-13-01' is not a date/);
    // Nothing half-written: 2026 still has its 25 shipped holidays.
    const list = await runMain(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'json']);
    expect(JSON.parse(list.stdout).data).toHaveLength(25);
    const tz = await runMain(['--db', url, 'calendar', 'add', '2026-03-17', '3', '--tz', 'CET']);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toMatch(/Allowed choices are WIB, WITA, WIT/);
    const instant = await runMain(['--db', url, 'calendar', 'add', '17/03/2026', '3']);
    expect(instant.code).toBe(2);
    expect(instant.stderr).toMatch(/not an ISO instant/);
    fs.rmSync(dir, { recursive: true });
  });

  it('db status lists pending migrations after a rollback, exit 3', async () => {
    const refused = await runMain(['--db', url, 'db', 'rollback']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const rb = await runMain(['--db', url, 'db', 'rollback', '--yes']);
    expect(rb.code).toBe(0);
    expect(rb.stdout).toMatch(/^dibatalkan \d{4}_\w+\n$/); // one line per migration, its name last; in the run's language (issue 12)
    const st = await runMain(['--db', url, 'db', 'status', '--format', 'json']);
    expect(st.code).toBe(3);
    expect(JSON.parse(st.stdout).data.filter((m: { state: string }) => m.state === 'pending')).toHaveLength(1);
    // the table, its states and the line under it in the run's language (issue 12)
    const id = await runMain(['--db', url, 'db', 'status']);
    expect(id.stdout).toMatch(/│ migrasi +│ keadaan +│/);
    expect(id.stdout).toMatch(/│ diterapkan +│/);
    expect(id.stdout).toMatch(/│ tertunda +│/);
    expect(id.stderr).toMatch(/: \d+ diterapkan, 1 tertunda \(jalankan `lapor db migrate`\)\n$/);
    const en = await runMain(['--db', url, '--lang', 'en', 'db', 'status']);
    expect(en.stdout).toMatch(/│ migration +│ state +│/);
    expect(en.stdout).toMatch(/│ pending +│/);
    expect(en.stderr).toMatch(/: \d+ applied, 1 pending \(run `lapor db migrate`\)\n$/);
    const blocked = await runMain(['--db', url, 'calendar', 'workdays', '2026-03-17', '2026-03-27']);
    expect(blocked.code).toBe(69);
    expect(blocked.stderr).toMatch(/1 migration\(s\) behind .*run `lapor db migrate`/);
    const migrated = await runMain(['--db', url, '--lang', 'en', 'db', 'migrate']);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^applied \d{4}_\w+\n$/);
    expect((await runMain(['--db', url, 'db', 'migrate'])).stdout).toMatch(/: skema sudah mutakhir\n$/);
    expect((await runMain(['--db', url, 'db', 'status'])).code).toBe(0);
  });
});

describe('errors and conventions', () => {
  it('help lists the exit codes and environment', async () => {
    const r = await runMain(['--lang', 'en', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*65 +bad input data[\s\S]*77 +not permitted/);
    expect(r.stdout).toMatch(/DATABASE_URL/);
    // in Indonesian by default, commander's own notes too
    const id = await runMain(['--help']);
    expect(id.stdout).toMatch(/Kode keluar:[\s\S]*65 +data masukan salah[\s\S]*77 +tidak diizinkan/);
    expect(id.stdout).toMatch(/^Lingkungan:\n {2}DATABASE_URL/m);
    expect(id.stdout).toMatch(/help \[command\] +tampilkan bantuan untuk perintah/);
    const sla = await runMain(['report', 'sla', '--help']);
    expect(sla.stdout.replace(/\s+/g, ' ')).toContain('(pilihan: "institution", "unit", "province", "class", "channel", bawaan: "institution")');
  });

  it('a bad --db value is a usage error', async () => {
    const r = await runMain(['--db', 'mysql://root@localhost/x', 'db', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("lapor: --db: unknown database 'mysql://root@localhost/x'; use postgres://user@host:5432/dbname, pglite:/path/to/dir or memory:\n");
  });

  it('an unreachable server: one line naming host and port, never the password, exit 69', async () => {
    const r = await runMain(['--db', 'postgres://lapor:s3cret-pw@127.0.0.1:1/lapor', 'db', 'status']);
    expect(r.code).toBe(69);
    expect(r.stderr).toBe('lapor: cannot use postgres 127.0.0.1:1/lapor: connection refused (is the server running?)\n');
    const env = await runMain(['db', 'status'], { env: { DATABASE_URL: 'postgres://lapor:s3cret-pw@127.0.0.1:1/lapor' } });
    expect(env.code).toBe(69);
    expect(env.stderr).not.toMatch(/s3cret/);
  });

  it('an unknown command or flag is a usage error (exit 2)', async () => {
    expect((await runMain(['frobnicate'])).code).toBe(2);
    expect((await runMain(['calendar', 'workdays', '--bogus'])).code).toBe(2);
  });

  it('a second process on the same PGlite directory exits 75 naming the holder', async () => {
    const dir = path.join(tempDir(), 'data');
    fs.mkdirSync(dir);
    const release = await lockDataDir(dir);
    try {
      const r = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
      expect(r.code).toBe(75);
      expect(r.stderr).toMatch(new RegExp(`data directory .*data is in use by process ${process.pid}`));
    } finally {
      await release();
    }
  });

  it('a lock left by a process killed with SIGKILL is cleared at once: its owner pid is gone', async () => {
    const dir = path.join(tempDir(), 'data');
    await initialisedDataDir(dir, 'empty');
    const lockModule = path.resolve('dist/src/db/lock.js');
    const holder = spawn(process.execPath, ['--input-type=module', '-e',
      `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const held = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
    expect(held.code).toBe(75);
    expect(held.stderr).toMatch(new RegExp(`in use by process ${holder.pid}`));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(fs.existsSync(`${dir}.lock/owner`)).toBe(true); // left behind
    const after = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
    expect(after.stderr).not.toMatch(/in use/);
    expect(after.code).toBe(3); // a fresh directory: every migration pending
  });

  it('a --db given after the command is the database used (the early open of the default one is dropped)', async () => {
    const root = tempDir();
    const dflt = path.join(root, 'default');
    const named = path.join(root, 'named');
    await initialisedDataDir(dflt, 'empty');
    await initialisedDataDir(named);
    const env = { LAPOR_DATA_DIR: dflt };
    const wrong = await runMain(['calendar', 'workdays', '2026-03-17', '2026-03-27'], { env });
    expect(wrong.code).toBe(69); // the default directory has no schema
    const right = await runMain(['calendar', 'workdays', '2026-03-17', '2026-03-27', '--db', `pglite:${named}`], { env });
    expect(right).toMatchObject({ code: 0, stdout: '3\n' });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the default data directory comes from LAPOR_DATA_DIR, and --debug shows a stack', async () => {
    const dir = path.join(tempDir(), 'lapor');
    await initialisedDataDir(dir, 'empty');
    const r = await runMain(['db', 'status'], { env: { LAPOR_DATA_DIR: dir } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`pglite ${dir}: 0 diterapkan`); // Indonesian, the default (issue 12; the English text before)
    const dbg = await runMain(['--debug', '--db', 'postgres://x@127.0.0.1:1/x', 'db', 'status']);
    expect(dbg.stderr).toMatch(/UnavailableError[\s\S]*at /);
  });
});
