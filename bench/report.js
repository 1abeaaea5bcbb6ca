#!/usr/bin/env node
// npm run bench:report — seeds N complaints (default 1,000,000) on PostgreSQL with set-based SQL,
// times `lapor report sla --by institution`, `report monitoring`, `report overdue` through the real
// CLI, and, in the same run, a hand-written specialised SQL statement for the same SLA figures
// (checked to give the same counts and percentiles). Then the same on PGlite over BENCH_PGLITE_N (default 100,000).
// After seeding it does what the nightly sweep does (stores the stopped timers' judgements, timed as
// judge_s); the engine is timed reading them (engine_sql_s, what report sla runs) and computing every
// timer (computed_sql_s, before the first sweep).
//
//   LAPOR_BENCH_DATABASE_URL  server (default postgres://postgres@127.0.0.1:5432/postgres); a
//                             database lapor_bench_report is dropped and created on it
//   BENCH_N, BENCH_PGLITE_N   sizes; BENCH_SKIP_PG / BENCH_SKIP_PGLITE=1 to skip one; BENCH_REUSE=1
//                             times the PostgreSQL database a previous run seeded
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { seedStatements, BENCH_NOW } from './report-seed.js';
import { floorScan, handWrittenSla } from './report-baseline.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);
const { openDb } = await import(dist('src/db/engine.js'));
const { parseDbTarget } = await import(dist('src/db/url.js'));
const { runInit } = await import(dist('src/commands/init/init.js'));
const { slaSummary, withReportSession, judgeStoppedSpans } = await import(dist('src/db/sla.js'));
const { migrateLatest } = await import(dist('src/db/migrate.js'));

const N = Number(process.env.BENCH_N ?? 1_000_000);
const NP = Number(process.env.BENCH_PGLITE_N ?? 100_000);
const server = process.env.LAPOR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const results = [];
let backfill = 0;
let judging = 0;

/** What the nightly `lapor sla sweep` does after closing: stores the judgement of every stopped timer. */
async function judge(db) {
  const t0 = Date.now();
  const n = await judgeStoppedSpans(db.knex, new Date());
  judging = (Date.now() - t0) / 1000;
  console.log(`  judged ${n.toLocaleString()} stopped timers (the sweep's step) in ${judging.toFixed(1)} s`);
  // as autovacuum does after an update of most rows (the bench times reads right after it)
  await db.knex.raw('vacuum analyze sla_spans');
}

async function seed(url, n) {
  const t0 = Date.now();
  const db = await openDb(parseDbTarget(url, {}));
  await runInit(db, { admin: 'adminnas', today: '2026-01-01' });
  for (const s of seedStatements(n)) await db.knex.raw(s);
  const c = await db.knex('complaint_events').count({ n: '*' }).first();
  console.log(`  seeded ${n.toLocaleString()} complaints, ${Number(c.n).toLocaleString()} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The seed writes with triggers off (session_replication_role = replica); build sla_spans in one
  // set-based pass (sla_spans_refresh(null): sla_spans_of over every complaint).
  const t1 = Date.now();
  await db.knex.raw('select sla_spans_refresh(null)');
  await db.knex.raw('analyze sla_spans');
  const sp = await db.knex('sla_spans').count({ n: '*' }).first();
  backfill = (Date.now() - t1) / 1000;
  console.log(`  sla_spans backfill: ${Number(sp.n).toLocaleString()} spans in ${backfill.toFixed(1)} s`);
  return db;
}

function cli(url, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/lapor.js'), '--db', url, '--as', 'adminnas', ...args, '--as-of', BENCH_NOW],
    { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 3) throw new Error(`lapor ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { s, stdout: r.stdout };
}

/** The hand-written statement in a process of its own, cold, start-up included (bench/report-hand-process.js). */
function handAsProcess(url) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bench/report-hand-process.js'), url, BENCH_NOW], { encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`hand-written SQL as a process exited ${r.status}: ${r.stderr}`);
  return { s, stdout: r.stdout };
}

const best = (f, runs = 3) => {
  let m = Infinity;
  let out;
  for (let i = 0; i < runs; i++) {
    const r = f();
    out = r;
    m = Math.min(m, r.s);
  }
  return { s: m, out };
};

async function bestAsync(f, runs = 3) {
  let m = Infinity;
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    out = await f();
    m = Math.min(m, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { s: m, out };
}

async function benchEngine(label, url, db, n) {
  const asOf = new Date(BENCH_NOW);
  const q = { asOf, confidentialOf: null };
  const hand = await bestAsync(() => withReportSession(db.knex, (trx) => handWrittenSla(trx, asOf)));
  const engine = await bestAsync(() => withReportSession(db.knex, (trx) => slaSummary(trx, q, 'institution')));
  // The same statement computing every timer (what report sla runs before the first sweep).
  const computed = await bestAsync(() => withReportSession(db.knex, (trx) => slaSummary(trx, q, 'institution', { storedJudgements: false })));
  const floor = await bestAsync(() => withReportSession(db.knex, (trx) => floorScan(trx)));
  // Both must agree with the hand SQL on every count (no profile is assigned in the bench, so targets are the default's).
  const key = (r) => `${r.group_id}|${r.timer}`;
  const same = (a, b) => (a === null || b === null ? a === b : Math.abs(Number(a) - Number(b)) < 1e-9);
  let diff = 0;
  for (const out of [engine.out, computed.out]) {
    const mine = new Map(out.map((r) => [key(r), r]));
    if (out.length !== hand.out.length) diff++;
    for (const h of hand.out) {
      const e = mine.get(key(h));
      if (!e || e.met !== h.met || e.breached !== h.breached || e.open_within !== h.open_within || e.open_late !== h.open_late
        || e.returned !== h.returned
        || !same(e.median_days, h.median_days) || !same(e.p90_days, h.p90_days)) diff++;
    }
  }
  if (diff) throw new Error(`${label}: hand-written SQL and engine disagree on ${diff} group(s)`);
  if (db.engine === 'pglite') await db.close();
  const sla = best(() => cli(url, ['report', 'sla', '--by', 'institution', '--format', 'json']), db.engine === 'pglite' ? 2 : 3);
  const handProcess = best(() => handAsProcess(url), db.engine === 'pglite' ? 2 : 3);
  const mon = best(() => cli(url, ['report', 'monitoring', '--institution', '32.73', '--format', 'json']), 2);
  // The seed's complaints are legacy rows (they raise no alerts), so the overdue list is asked to include them.
  const ovd = best(() => cli(url, ['report', 'overdue', '--include-legacy', '--format', 'csv']), 2);
  const row = {
    engine: label, complaints: n,
    spans_backfill_s: +backfill.toFixed(1), judge_s: +judging.toFixed(1),
    floor_scan_s: +floor.s.toFixed(2), hand_sql_s: +hand.s.toFixed(2), engine_sql_s: +engine.s.toFixed(2),
    engine_vs_hand: +(engine.s / hand.s).toFixed(2), engine_vs_floor: +(engine.s / floor.s).toFixed(2),
    computed_sql_s: +computed.s.toFixed(2), computed_vs_hand: +(computed.s / hand.s).toFixed(2),
    cli_report_sla_s: +sla.s.toFixed(2), cli_vs_hand: +(sla.s / hand.s).toFixed(2), cli_vs_floor: +(sla.s / floor.s).toFixed(2),
    hand_process_s: +handProcess.s.toFixed(2), cli_vs_hand_process: +(sla.s / handProcess.s).toFixed(2),
    cli_monitoring_s: +mon.s.toFixed(2), monitoring_vs_hand: +(mon.s / hand.s).toFixed(2),
    cli_overdue_s: +ovd.s.toFixed(2), overdue_vs_hand: +(ovd.s / hand.s).toFixed(2),
    overdue_rows: ovd.out.stdout.split('\n').length - 2,
  };
  results.push(row);
  console.log(row);
}

if (!process.env.BENCH_SKIP_PG) {
  console.log(`PostgreSQL, ${N.toLocaleString()} complaints`);
  const admin = knexFactory({ client: 'pg', connection: server });
  const url = server.replace(/\/[^/?]*(\?.*)?$/, '/lapor_bench_report$1');
  // BENCH_REUSE=1: time the database a previous run seeded (same N), without seeding again.
  const reuse = process.env.BENCH_REUSE === '1'
    && (await admin.raw("select 1 from pg_database where datname = 'lapor_bench_report'")).rows.length > 0;
  if (!reuse) {
    await admin.raw('drop database if exists lapor_bench_report');
    await admin.raw('create database lapor_bench_report');
  }
  await admin.destroy();
  const db = reuse ? await openDb(parseDbTarget(url, {})) : await seed(url, N);
  if (reuse) {
    console.log('  reusing the seeded database lapor_bench_report');
    await migrateLatest(db.knex);
    await db.knex.raw('update sla_spans set judged_code = null, judged_mask = null, judged_last_day = null where judged_code is not null');
  }
  await judge(db);
  await benchEngine('postgres', url, db, N);
  await db.close();
}
if (!process.env.BENCH_SKIP_PGLITE) {
  console.log(`PGlite, ${NP.toLocaleString()} complaints`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-bench-report-'));
  const url = `pglite:${dir}`;
  const db = await seed(url, NP);
  await judge(db);
  try {
    await benchEngine('pglite', url, db, NP);
  } finally {
    if (process.env.BENCH_KEEP === "1") console.log(`  kept ${dir}`); else fs.rmSync(dir, { recursive: true, force: true });
  }
}
console.table(results);
console.log('targets (issue 16): PostgreSQL 1M report sla ≤ 1.5× the hand-written SQL and ≤ 3× the floor scan; PGlite 100k ≤ 1.5× its hand-written SQL');
