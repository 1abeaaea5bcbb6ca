import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runMain } from '../helpers/cli.js';
import { initialisedDb, tempDir, type TestDb } from '../helpers/db.js';

/**
 * Issue 14 item 2: --output replaces only regular files (or creates new ones) atomically; devices,
 * FIFOs and the targets of symlinks are written through or in place; every failure is one line,
 * exit 74, naming the user's path.
 */
describe('--output writes through what is not a regular file', () => {
  let t: TestDb;
  let dir: string;
  const list = (out: string) => runMain(['calendar', 'list', '--year', '2026', '--format', 'csv', '--output', out], { db: t.db });
  beforeAll(async () => {
    t = await initialisedDb('pglite');
    dir = tempDir();
  }, 120_000);
  afterAll(() => t.cleanup());

  it('a regular file is replaced atomically and keeps its mode; no temp file is left', async () => {
    const f = path.join(dir, 'report.csv');
    fs.writeFileSync(f, 'old');
    fs.chmodSync(f, 0o640);
    const r = await list(f);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).toMatch(/^tanggal,hari/);
    expect(fs.statSync(f).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('/dev/null stays a device', async () => {
    const r = await list('/dev/null');
    expect(r.code).toBe(0);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a symlink stays a link; its target gets the report', async () => {
    const target = path.join(dir, 'target.csv');
    const link = path.join(dir, 'link.csv');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync(target, link);
    expect((await list(link)).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^tanggal/);
  });

  it('a FIFO is written through, not replaced by a file', async () => {
    const fifo = path.join(dir, 'pipe');
    await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).on('close', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo')))));
    const reader = new Promise<string>((resolve) => {
      const cat = spawn('cat', [fifo]);
      let s = '';
      cat.stdout.on('data', (d) => (s += d));
      cat.on('close', () => resolve(s));
    });
    const r = await list(fifo);
    expect(r.code).toBe(0);
    expect(await reader).toMatch(/^tanggal/);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
  });

  it.each([
    ['/dev/full', 'cannot write /dev/full: the disk is full'],
    ['/nonexistent-folder/x.csv', 'cannot write /nonexistent-folder/x.csv: no such folder /nonexistent-folder'],
    ['/tmp', 'cannot write /tmp: it is a directory'],
  ])('%s: one line, exit 74, naming the path', async (out, message) => {
    const r = await list(out);
    expect(r.code).toBe(74);
    expect(r.stderr).toBe(`lapor: ${message}\n`);
    expect(r.stdout).toBe('');
  });

  it('a folder not permitted: exit 74 naming the path, not the temp file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits: a read-only bind is not available here, so use /proc.
      const r = await list('/proc/lapor-report.csv');
      expect(r.code).toBe(74);
      expect(r.stderr).toMatch(/^lapor: cannot write \/proc\/lapor-report\.csv: [^\n]+\n$/);
      expect(r.stderr).not.toMatch(/\.tmp/);
      return;
    }
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o500 });
    const r = await list(path.join(locked, 'x.csv'));
    expect(r.code).toBe(74);
    expect(r.stderr).toBe(`lapor: cannot write ${path.join(locked, 'x.csv')}: permission denied\n`);
  });
});

describe('standard output on a full device (real process)', () => {
  it('is one line and exit 74', async () => {
    const full = fs.openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [binPath, 'calendar', 'workdays', '2026-03-17', '2026-03-27', '--help'], {
      stdio: ['ignore', full, 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: tempDir(), NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    fs.closeSync(full);
    expect(stderr).toBe('lapor: cannot write standard output: the disk is full\n');
    expect(code).toBe(74);
  });
});
