// Bulk dispatch benchmark: `lapor dispatch PLAN.csv --yes` with a 10,000-row plan, end to end
// (spawned CLI) on PGlite and, when LAPOR_TEST_DATABASE_URL is set, PostgreSQL.
//   npm run build && node bench/dispatch.js [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openDb } from '../dist/src/db/engine.js';
import { parseDbTarget } from '../dist/src/db/url.js';
import { runInit } from '../dist/src/commands/init/init.js';

const ROWS = Number(process.argv[2] ?? 10_000);
const bin = path.resolve(import.meta.dirname, '../bin/lapor.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-bench-dispatch-'));

async function seed(url) {
  const db = await openDb(parseDbTarget(url, {}));
  await runInit(db, { admin: 'adminnas', today: '2026-01-01' });
  const k = db.knex;
  await k('institutions').whereIn('code', ['32.73', '51.71']).update({ status: 'active' });
  const bandung = (await k('institutions').where({ code: '32.73' }).first('id')).id;
  const [{ id: unit }] = await k('units').insert({ institution_id: bandung, code: 'DISHUB', name: 'Dinas Perhubungan' }).returning('id');
  await k('officers').insert({ username: 'budi.santoso', name: 'Budi', role: 'admin', institution_id: bandung, active_from: '2025-01-01' });
  await k('officers').insert({ username: 'sari.dishub', name: 'Sari', role: 'liaison', institution_id: bandung, unit_id: unit, active_from: '2025-01-01' });
  const admin = (await k('officers').where({ username: 'adminnas' }).first('id')).id;
  // ROWS received complaints (plus their `received` events), set-based.
  await k.raw(`insert into complaints (tracking_id, source, external_id, channel, received_at, class, body, region_code, status)
    select (50000000000 + g)::text, 'bench', g::text, 'web', timestamptz '2026-03-02 08:00+07' + g * interval '1 second',
           'pengaduan', 'Keluhan ' || g, case when g % 2 = 0 then '32.73' else '51.71' end, 'received'
    from generate_series(1, ?) g`, [ROWS]);
  await k.raw(`insert into complaint_events (complaint_id, seq, kind, at, actor_id, actor, from_status, to_status)
    select id, 1, 'received', received_at, ?, 'adminnas', null, 'received' from complaints where source = 'bench'`, [admin]);
  await db.close();
}

function plan(file, rows) {
  const lines = ['tracking_id,action,target,reason', ...rows];
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function run(url, as, file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--db', url, '--as', as, 'dispatch', file, '--yes', '--format', 'json'], {
    encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 3) throw new Error(`dispatch failed (${r.status}): ${r.stderr}`);
  return { s, code: r.status, summary: r.stderr.trim().split('\n').filter((l) => l.startsWith('applied')).join(' ') };
}

async function bench(engine, url) {
  const t0 = Date.now();
  await seed(url);
  const seeded = (Date.now() - t0) / 1000;
  const ids = Array.from({ length: ROWS }, (_, i) => String(50000000001 + i));
  // 1. super_admin verifies and disposes every complaint (half to 32.73, half to 51.71).
  const verify = run(url, 'adminnas', plan(path.join(dir, `${engine}-verify.csv`),
    ids.map((id, i) => `${id},verify,${i % 2 === 1 ? '32.73' : '51.71'},usulan aturan`)));
  // 2. the admin of 32.73 forwards: its half is forwarded, the other half refused (not its institution).
  const forward = run(url, 'budi.santoso', plan(path.join(dir, `${engine}-forward.csv`), ids.map((id) => `${id},forward,DISHUB,`)));
  console.log(`${engine}: ${ROWS} complaints seeded in ${seeded.toFixed(1)} s`);
  console.log(`${engine}: verify plan, ${ROWS} rows: ${verify.s.toFixed(2)} s end to end (exit ${verify.code}) — ${verify.summary}`);
  console.log(`${engine}: forward plan, ${ROWS} rows: ${forward.s.toFixed(2)} s end to end (exit ${forward.code}) — ${forward.summary}`);
}

try {
  await bench('pglite', `pglite:${path.join(dir, 'db')}`);
  const server = process.env.LAPOR_TEST_DATABASE_URL;
  if (server) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    try {
      await bench('postgres', `${server}${server.includes('?') ? '&' : '?'}schema=${schema}`);
    } finally {
      const k = knexFactory({ client: 'pg', connection: server });
      await k.raw('drop schema if exists ?? cascade', [schema]);
      await k.destroy();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
