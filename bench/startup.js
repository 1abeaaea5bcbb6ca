#!/usr/bin/env node
// npm run bench:startup — what a whole lapor process costs before and around its first query,
// each case a fresh process, all in one run so that the ratios compare like with like:
//
//   version        lapor --version (Node, the CLI's own modules, no database)
//   pglite-bare    Node + PGlite opening the same initialised data directory, `select 1`, close:
//                  the floor any command on the embedded engine pays
//   pglite-bare-liftoff  the same under `node --liftoff-only`, the V8 setting lapor gives a short
//                  command on PGlite (src/cli/prefetch.ts): the floor for lapor's own share
//   pglite-cmd     lapor calendar workdays on that data directory
//   postgres-cmd   the same command on PostgreSQL (a schema of LAPOR_BENCH_DATABASE_URL)
//
// Median wall time and peak RSS (GNU time) of BENCH_RUNS runs (default 15) per case, interleaved;
// and, the figure the target is read on, the median of each round's own ratio to the bare open
// (a round runs every case once, back to back, so a machine that slows down slows a round whole).
//
//   BENCH_COMPARE_BIN         another build's bin/lapor.js (e.g. an older commit): its
//                             `calendar workdays` on PGlite runs in the same run, as pglite-cmd-other
//   LAPOR_BENCH_DATABASE_URL  server (default postgres://postgres@127.0.0.1:5432/test); a schema
//                             lapor_bench_startup is dropped and created on it. BENCH_SKIP_PG=1 skips it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/lapor.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const server = process.env.LAPOR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipPg = process.env.BENCH_SKIP_PG === '1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-bench-startup-'));
const dataDir = path.join(tmp, 'db');
const pgUrl = `${server}${server.includes('?') ? '&' : '?'}schema=lapor_bench_startup`;
const env = { PATH: process.env.PATH, HOME: tmp, NO_COLOR: '1' };
const WORKDAYS = ['calendar', 'workdays', '2026-03-17', '2026-03-27'];

function run(args, what) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { env, encoding: 'utf8', cwd: root });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(secs)) throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
  return { secs, mb: kb / 1024 };
}

const bare = `
import { PGlite } from '@electric-sql/pglite';
const pg = new PGlite({ dataDir: ${JSON.stringify(dataDir)} });
await pg.query('select 1');
await pg.close();`;

const cases = [
  { name: 'version', args: [bin, '--version'] },
  { name: 'pglite-bare', args: ['--input-type=module', '-e', bare] },
  { name: 'pglite-bare-liftoff', args: ['--liftoff-only', '--input-type=module', '-e', bare] },
  { name: 'pglite-cmd', args: [bin, '--db', `pglite:${dataDir}`, ...WORKDAYS] },
  ...(process.env.BENCH_COMPARE_BIN ? [{ name: 'pglite-cmd-other', args: [process.env.BENCH_COMPARE_BIN, '--db', `pglite:${dataDir}`, ...WORKDAYS] }] : []),
  ...(skipPg ? [] : [{ name: 'postgres-cmd', args: [bin, '--db', pgUrl, ...WORKDAYS] }]),
];

async function prepare() {
  const init = spawnSync(process.execPath, [bin, '--db', `pglite:${dataDir}`, 'init', '--admin', 'adminnas'], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init on PGlite failed: ${init.stderr}`);
  if (skipPg) return;
  const { default: knexFactory } = await import('knex');
  const k = knexFactory({ client: 'pg', connection: server });
  try {
    await k.raw('drop schema if exists lapor_bench_startup cascade');
  } finally {
    await k.destroy();
  }
  const pg = spawnSync(process.execPath, [bin, '--db', pgUrl, 'init', '--admin', 'adminnas'], { env, encoding: 'utf8' });
  if (pg.status !== 0) throw new Error(`init on PostgreSQL failed: ${pg.stderr}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  await prepare();
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (const c of cases) run(c.args, c.name); // warm the file cache once
  for (let i = 0; i < RUNS; i++) for (const c of cases) samples[c.name].push(run(c.args, c.name));
  const rows = cases.map((c) => ({
    name: c.name,
    secs: median(samples[c.name].map((s) => s.secs)),
    mb: median(samples[c.name].map((s) => s.mb)),
  }));
  const bare = samples['pglite-bare'];
  const pairedRatio = (name, base = bare) => median(samples[name].map((s, i) => s.secs / base[i].secs));
  console.log(`start-up, median of ${RUNS} runs (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(20)} ${r.secs.toFixed(2).padStart(6)} s  ${r.mb.toFixed(0).padStart(5)} MB  ${pairedRatio(r.name).toFixed(2)}× pglite-bare`);
  }
  console.log(`calendar workdays on PGlite: ${pairedRatio('pglite-cmd').toFixed(2)}× the bare open (target ≤ 1.10×), `
    + `${pairedRatio('pglite-cmd', samples['pglite-bare-liftoff']).toFixed(2)}× the bare open under the same V8 setting`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
