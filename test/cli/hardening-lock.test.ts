import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

/**
 * Issue 14 item 1: the PGlite lock belongs to a live holder. A stopped (SIGSTOP) holder keeps it
 * however long it is stopped — the lock has no age at all, so instead of sleeping 70 s the test
 * ages the lock by two hours while the holder is stopped — and a second process gets 75.
 */
function start(args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { child, done };
}

function ownerPid(dir: string): number | undefined {
  try {
    return JSON.parse(fs.readFileSync(`${dir}.lock/owner`, 'utf8')).pid;
  } catch {
    return undefined;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
}

describe('the PGlite lock belongs to a live holder (real processes)', () => {
  let dir: string;
  let db: string;
  const add = (body: string) => ['--db', db, '--as', 'adminnas', 'complaint', 'add', '--channel', 'surat', '--body', body];

  beforeAll(async () => {
    dir = path.join(tempDir(), 'data');
    db = `pglite:${dir}`;
    expect((await runCli(['--db', db, 'init', '--admin', 'adminnas'])).code).toBe(0);
  }, 120_000);

  it('a stopped holder keeps the lock whatever its age; the second process gets 75; every acknowledged write is there', async () => {
    const before = await runCli(add('Keluhan sebelum'));
    expect(before.code).toBe(0);
    const holder = start(add('Keluhan dari proses yang dihentikan'));
    await until(() => ownerPid(dir) === holder.child.pid, 'holder took the lock');
    holder.child.kill('SIGSTOP');
    try {
      // Older than any stale window a time-based lock could have (proper-lockfile's was 60 s).
      const old = new Date(Date.now() - 2 * 3600_000);
      fs.utimesSync(`${dir}.lock`, old, old);
      fs.utimesSync(`${dir}.lock/owner`, old, old);
      const second = await runCli(add('Keluhan kedua'));
      expect(second.code).toBe(75);
      expect(second.stderr).toBe(`lapor: data directory ${dir} is in use by process ${holder.child.pid} (lapor --db ${db}); wait for it to finish, then retry\n`);
      expect(second.stdout).toBe('');
      expect(ownerPid(dir)).toBe(holder.child.pid);
    } finally {
      holder.child.kill('SIGCONT');
    }
    const held = await holder.done;
    expect(held.stderr).not.toMatch(/lock/);
    expect(held.code).toBe(0);
    const ids = [before.stdout.trim(), held.stdout.trim()];
    const list = await runCli(['--db', db, '--as', 'adminnas', 'complaint', 'list', '--format', 'json']);
    expect(list.code).toBe(0);
    const listed = (JSON.parse(list.stdout).data as { trackingId?: string; tracking_id?: string }[]).map((c) => c.trackingId ?? c.tracking_id);
    for (const id of ids) expect(listed).toContain(id);
    expect(listed).toHaveLength(2);
    expect(fs.existsSync(`${dir}.lock`)).toBe(false); // released on exit
  }, 120_000);

  it('a holder whose lock is taken away stops and exits 75, never 0', async () => {
    const holder = start(add('Keluhan yang kehilangan kunci'));
    await until(() => ownerPid(dir) === holder.child.pid, 'holder took the lock');
    holder.child.kill('SIGSTOP');
    // Someone removes the lock by hand and another owner appears (this test process: alive).
    fs.rmSync(`${dir}.lock`, { recursive: true });
    fs.mkdirSync(`${dir}.lock`);
    fs.writeFileSync(`${dir}.lock/owner`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 'intruder', cmd: 'test' }));
    holder.child.kill('SIGCONT');
    const r = await holder.done;
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(/^lapor: the lock on data directory .* was taken away while this command ran; it stopped writing/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe(''); // no tracking id: success is not claimed
    fs.rmSync(`${dir}.lock`, { recursive: true });
  }, 120_000);
});
