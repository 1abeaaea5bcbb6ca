import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { engineNames, freshUrl, tempDir } from '../helpers/db.js';
import { lockDataDir } from '../../src/db/lock.js';

describe.each(engineNames)('foundation commands on %s (real binary)', (engine) => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(() => ({ url, drop } = freshUrl(engine)));
  afterAll(() => drop());

  it('init creates the database, a second run changes nothing', async () => {
    const first = await runCli(['--db', url, 'init', '--admin', 'adminnas']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/institutions added: 591/);
    expect(first.stdout).toMatch(/super_admin created: adminnas/);
    const second = await runCli(['--db', url, 'init', '--admin', 'adminnas']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nothing to do/);
  });

  it('counts working days and deadlines as the issue states', async () => {
    const wd = await runCli(['--db', url, 'calendar', 'workdays', '2026-03-17', '2026-03-27']);
    expect(wd).toMatchObject({ code: 0, stdout: '3\n' });
    const add = await runCli(['--db', url, 'calendar', 'add', '2026-03-17T10:00:00+07:00', '3']);
    expect(add).toMatchObject({ code: 0, stdout: '2026-03-27T23:59:59+07:00\n' });
    const wita = await runCli(['--db', url, 'calendar', 'add', '2026-01-09T23:30:00+07:00', '1', '--tz', 'WITA']);
    expect(wita.stdout).toBe('2026-01-12T23:59:59+08:00\n');
    const inst = await runCli(['--db', url, 'calendar', 'add', '2026-01-09T10:00:00+09:00', '1', '--institution', '91.71']);
    expect(inst.stdout).toBe('2026-01-12T23:59:59+09:00\n');
  });

  it('warns about a year with no official holiday list', async () => {
    const r = await runCli(['--db', url, 'calendar', 'workdays', '2027-12-30', '2028-01-04']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3\n');
    expect(r.stderr).toMatch(/2027 has no official holiday list: counted as weekends only/);
    expect(r.stderr).toMatch(/2028 has no official holiday list/);
  });

  it('lists a year in csv and json', async () => {
    const csv = await runCli(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('tanggal,hari,jenis,nama,hari kerja,sumber');
    expect(lines).toHaveLength(1 + 25); // 25 holidays of 2026, one per date
    const json = JSON.parse((await runCli(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'json', '--lang', 'en'])).stdout).data;
    expect(json[0]).toMatchObject({ date: '2026-01-01', kind: 'libur_nasional', workday: false });
  });

  it('imports an amended year and prints what was added and removed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'skb-2025-amended.csv');
    const original = fs.readFileSync(path.resolve('fixtures/hari_libur.csv'), 'utf8').split('\n')
      .filter((l) => l.startsWith('tanggal') || l.startsWith('2025-'));
    fs.writeFileSync(file, original.filter((l) => !l.startsWith('2025-08-18')).join('\n') + '\n');
    const r1 = await runCli(['--db', url, 'calendar', 'import', file, '--source', 'SKB 2025']);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toBe('- 2025-08-18 cuti_bersama Cuti Bersama Proklamasi Kemerdekaan (HUT ke-80 RI)\n');
    expect(r1.stderr).toMatch(/2025: 0 added, 1 removed/);
    fs.writeFileSync(file, original.join('\n') + '\n');
    const r2 = await runCli(['--db', url, 'calendar', 'import', file, '--source', 'SKB 2025 (amended 18 Aug)']);
    expect(r2.stdout).toMatch(/^\+ 2025-08-18 cuti_bersama/);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses bad input with one line and its exit code, writing nothing', async () => {
    const dir = tempDir();
    const missing = await runCli(['--db', url, 'calendar', 'import', path.join(dir, 'nope.csv'), '--source', 'x']);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toMatch(/^lapor: cannot read .*nope\.csv: no such file\n$/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'date,name\n2026-01-01,x\n');
    const header = await runCli(['--db', url, 'calendar', 'import', bad, '--source', 'x']);
    expect(header.code).toBe(65);
    expect(header.stderr).toMatch(/bad\.csv:1: header is 'date,name'; expected 'tanggal,nama,jenis'/);
    fs.writeFileSync(bad, 'tanggal,nama,jenis\n2026-12-25,Natal,libur_nasional\n2026-13-01,X,libur_nasional\n');
    const row = await runCli(['--db', url, 'calendar', 'import', bad, '--source', 'x']);
    expect(row.code).toBe(65);
    expect(row.stderr).toMatch(/bad\.csv:3: tanggal '2026-13-01' is not a date/);
    // Nothing half-written: 2026 still has its 25 shipped holidays.
    const list = await runCli(['--db', url, 'calendar', 'list', '--year', '2026', '--format', 'json']);
    expect(JSON.parse(list.stdout).data).toHaveLength(25);
    const tz = await runCli(['--db', url, 'calendar', 'add', '2026-03-17', '3', '--tz', 'CET']);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toMatch(/Allowed choices are WIB, WITA, WIT/);
    const instant = await runCli(['--db', url, 'calendar', 'add', '17/03/2026', '3']);
    expect(instant.code).toBe(2);
    expect(instant.stderr).toMatch(/not an ISO instant/);
    fs.rmSync(dir, { recursive: true });
  });

  it('db status lists pending migrations after a rollback, exit 3', async () => {
    const refused = await runCli(['--db', url, 'db', 'rollback']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const rb = await runCli(['--db', url, 'db', 'rollback', '--yes']);
    expect(rb.code).toBe(0);
    const st = await runCli(['--db', url, 'db', 'status', '--format', 'json']);
    expect(st.code).toBe(3);
    expect(JSON.parse(st.stdout).data.filter((m: { state: string }) => m.state === 'pending')).toHaveLength(1);
    const blocked = await runCli(['--db', url, 'calendar', 'workdays', '2026-03-17', '2026-03-27']);
    expect(blocked.code).toBe(69);
    expect(blocked.stderr).toMatch(/1 migration\(s\) behind .*run `lapor db migrate`/);
    expect((await runCli(['--db', url, 'db', 'migrate'])).code).toBe(0);
    expect((await runCli(['--db', url, 'db', 'status'])).code).toBe(0);
  });
});

describe('errors and conventions', () => {
  it('help lists the exit codes and environment', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*65 +bad input data[\s\S]*77 +not permitted/);
    expect(r.stdout).toMatch(/DATABASE_URL/);
  });

  it('a bad --db value is a usage error', async () => {
    const r = await runCli(['--db', 'mysql://root@localhost/x', 'db', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("lapor: --db: unknown database 'mysql://root@localhost/x'; use postgres://user@host:5432/dbname, pglite:/path/to/dir or memory:\n");
  });

  it('an unreachable server: one line naming host and port, never the password, exit 69', async () => {
    const r = await runCli(['--db', 'postgres://lapor:s3cret-pw@127.0.0.1:1/lapor', 'db', 'status']);
    expect(r.code).toBe(69);
    expect(r.stderr).toBe('lapor: cannot use postgres 127.0.0.1:1/lapor: connection refused (is the server running?)\n');
    const env = await runCli(['db', 'status'], { env: { DATABASE_URL: 'postgres://lapor:s3cret-pw@127.0.0.1:1/lapor' } });
    expect(env.code).toBe(69);
    expect(env.stderr).not.toMatch(/s3cret/);
  });

  it('an unknown command or flag is a usage error (exit 2)', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['calendar', 'workdays', '--bogus'])).code).toBe(2);
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

  it('a lock left by a process killed with SIGKILL is cleared once it is 10 s stale, not 60', async () => {
    const dir = path.join(tempDir(), 'data');
    fs.mkdirSync(dir);
    const lockModule = path.resolve('dist/src/db/lock.js');
    const holder = spawn(process.execPath, ['--input-type=module', '-e',
      `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const held = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
    expect(held.code).toBe(75);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // Within the refresh window the lock may still be a live one just taken: wait, and say why.
    const soon = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
    expect(soon.code).toBe(75);
    expect(soon.stderr).toMatch(/no longer running; the lock is released within 10 s/);
    // 11 s later (simulated by ageing the lock's refresh time) it is cleared at once.
    const old = new Date(Date.now() - 11_000);
    fs.utimesSync(`${dir}.lock`, old, old);
    const after = await runCli(['--db', `pglite:${dir}`, 'db', 'status']);
    expect(after.stderr).not.toMatch(/in use/);
    expect(after.code).toBe(3); // a fresh directory: every migration pending
  });

  it('the default data directory comes from LAPOR_DATA_DIR, and --debug shows a stack', async () => {
    const dir = path.join(tempDir(), 'lapor');
    const r = await runCli(['db', 'status'], { env: { LAPOR_DATA_DIR: dir } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`pglite ${dir}: 0 applied`);
    const dbg = await runCli(['--debug', '--db', 'postgres://x@127.0.0.1:1/x', 'db', 'status']);
    expect(dbg.stderr).toMatch(/UnavailableError[\s\S]*at /);
  });
});
