// npm run bench:import — from one run on one machine: `lapor import complaints` into PostgreSQL
// (1,000,000 rows) against `psql \copy` of the same file into a table with the same indexes and
// foreign keys; peak RSS of the lapor process; PGlite (100,000 rows); and the CSV parsers on the
// same data. Needs the build (dist/) and, for PostgreSQL, LAPOR_BENCH_DATABASE_URL or
// LAPOR_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and psql on PATH.
// Knobs: BENCH_PG_ROWS, BENCH_PGLITE_ROWS (sizes), BENCH_JOBS (--jobs on PostgreSQL),
// BENCH_SKIP_PG=1 (PGlite only: no 1M-row file, no server), BENCH_COMPARE_BIN (another build's
// bin/lapor.js, e.g. a worktree at an older commit: its PGlite import runs in the same run, before
// and after this build's, each against the floor of the rows it wrote).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { timed } from './timed.js';
import { parse } from 'csv-parse';
import knexFactory from 'knex';
import { generate, COLUMNS } from './import-gen.js';
import { CsvSplitter } from '../dist/src/domain/import/csv.js';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, '.bench');
fs.mkdirSync(dir, { recursive: true });
const PG_ROWS = Number(process.env.BENCH_PG_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
/** `--jobs` of the PostgreSQL import (writer sessions); lapor's default when unset. */
const JOBS = process.env.BENCH_JOBS;
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
const COMPARE_BIN = process.env.BENCH_COMPARE_BIN;
const server = process.env.LAPOR_BENCH_DATABASE_URL ?? process.env.LAPOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const bin = path.join(root, 'bin', 'lapor.js');

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

async function ensureFile(rows) {
  const file = path.join(dir, `legacy-${rows}.csv`);
  if (!fs.existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    await generate(file, rows);
  }
  return file;
}

async function parsers(file) {
  const res = {};
  const run = async (name, fn) => {
    const t0 = performance.now();
    const n = await fn();
    res[name] = n / ((performance.now() - t0) / 1000);
  };
  await run('csv-parse (defaults)', async () => { let n = 0; for await (const _ of fs.createReadStream(file).pipe(parse())) n++; return n; });
  await run('csv-parse (info + raw, as an import needs)', async () => {
    let n = 0;
    for await (const _ of fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ info: true, raw: true, relax_column_count: true }))) n++;
    return n;
  });
  await run('lapor splitter (line + raw included)', async () => {
    const sp = new CsvSplitter({ delimiter: ',' });
    let n = 0;
    const out = [];
    for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) { out.length = 0; sp.push(chunk, out); n += out.length; }
    out.length = 0; sp.end(out);
    return n + out.length;
  });
  return res;
}

async function postgres(file) {
  const schema = `bench_import_${process.pid}`;
  const url = `${server}${server.includes('?') ? '&' : '?'}schema=${schema}`;
  const k = knexFactory({ client: 'pg', connection: server });
  try {
    await k.raw('select 1');
  } catch (err) {
    return { skipped: `PostgreSQL not reachable (${err.message})` };
  }
  try {
    const init = await timed(process.execPath, [bin, '--db', url, 'init', '--admin', 'adminnas']);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    // psql's table: complaints' columns, indexes and foreign keys, plus the file's history columns.
    await k.raw(`set search_path to ${schema}`);
    await k.raw(`create table bench_copy (like complaints including defaults including constraints including indexes)`);
    await k.raw(`alter table bench_copy alter tracking_id set default nextval('complaint_tracking_seq')::text,
      alter source set default 'psql', alter anonymous type text, alter confidential type text,
      add column disposed_at timestamptz, add column responded_at timestamptz, add column response text, add column closed_at timestamptz,
      add foreign key (institution_id) references institutions(id), add foreign key (unit_id) references units(id),
      add foreign key (import_batch_id) references import_batches(id)`);
    const psqlArgs = ['-v', 'ON_ERROR_STOP=1', '-q', '-d', server.replace(/\?.*$/, ''), '-c',
      `set search_path to ${schema}`, '-c', `\\copy bench_copy (${COLUMNS.join(',')}) from '${file}' with (format csv, header true)`];
    const psql = await timed('psql', psqlArgs);
    if (psql.code !== 0) throw new Error(`psql failed: ${psql.stderr}`);
    const lapor = await timed(process.execPath, [bin, '--db', url, '--as', 'adminnas', 'import', 'complaints', file,
      '--source', 'bench', '--institution', '32.73', '--format', 'json', ...(JOBS ? ['--jobs', JOBS] : [])]);
    if (lapor.code !== 0) throw new Error(`lapor import failed (${lapor.code}): ${lapor.stderr}`);
    const meta = JSON.parse(lapor.stdout).meta;
    const [{ n: events }] = (await k.raw('select count(*)::int as n from complaint_events')).rows;
    const same = await psqlSameRows(k, schema);
    return { psqlRowsPerSec: PG_ROWS / (psql.ms / 1000), laporRowsPerSec: PG_ROWS / (lapor.ms / 1000), peakKb: lapor.peakKb, meta, events,
      psqlMs: psql.ms, laporMs: lapor.ms, psqlBusy: psql.busy, laporBusy: lapor.busy, same };
  } finally {
    await k.raw(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await k.destroy();
  }
}

/**
 * A second baseline, step by step: psql \copy of exactly the rows lapor wrote, into the same tables
 * with the same indexes and foreign keys — its complaints, then their history events (span trigger
 * off), then the SLA spans of all of them in one set-based rebuild (sla_spans_refresh(null), the
 * fastest way the database has to compute them). Their sum is what the database itself needs to
 * store the import, whatever the client; the complaints step alone shows what the complaints cost
 * with their real values (institution and batch foreign keys filled, opaque tracking ids).
 */
async function psqlSameRows(k, schema) {
  const db = server.replace(/\?.*$/, '');
  const cf = path.join(dir, `same-complaints-${process.pid}.copy`);
  const ef = path.join(dir, `same-events-${process.pid}.copy`);
  const psql = (...cmds) => timed('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', db, '-c', `set search_path to ${schema}`,
    ...cmds.flatMap((c) => ['-c', c])]);
  const step = async (...cmds) => {
    const r = await psql(...cmds);
    if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return { ms: r.ms, busy: r.busy };
  };
  try {
    for (const [table, f] of [['complaints', cf], ['complaint_events', ef]]) await step(`\\copy ${table} to '${f}'`);
    await k.raw('truncate complaints, complaint_events, sla_spans');
    await k.raw('checkpoint');
    const complaints = await step(`\\copy complaints from '${cf}'`);
    const events = await step('alter table complaint_events disable trigger sla_spans_events_insert',
      `\\copy complaint_events from '${ef}'`, 'alter table complaint_events enable trigger sla_spans_events_insert');
    const spans = await step('select sla_spans_refresh(null)');
    return { complaints, events, spans, ms: complaints.ms + events.ms + spans.ms, busy: complaints.busy + events.busy + spans.busy };
  } finally {
    fs.rmSync(cf, { force: true });
    fs.rmSync(ef, { force: true });
  }
}

/**
 * PGlite's own floor, as psqlSameRows for the server: the rows lapor wrote, reloaded by PGlite's
 * COPY in this process (no client work at all): complaints, events (span trigger off), then the
 * spans in one rebuild. Each step is one statement.
 */
async function pgliteSameRows(data) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(data);
  try {
    const dump = async (table) => (await db.query(`copy ${table} to '/dev/blob'`)).blob;
    const complaints = await dump('complaints');
    const events = await dump('complaint_events');
    await db.exec('truncate complaints, complaint_events, sla_spans');
    const step = async (fn) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const c = await step(() => db.query(`copy complaints from '/dev/blob'`, [], { blob: complaints }));
    await db.exec('alter table complaint_events disable trigger sla_spans_events_insert');
    const e = await step(() => db.query(`copy complaint_events from '/dev/blob'`, [], { blob: events }));
    await db.exec('alter table complaint_events enable trigger sla_spans_events_insert');
    const sp = await step(() => db.query('select sla_spans_refresh(null)'));
    return { complaintsMs: c, eventsMs: e, spansMs: sp, ms: c + e + sp };
  } finally {
    await db.close();
  }
}

async function pglite(file, laporBin = bin) {
  const data = fs.mkdtempSync(path.join(dir, 'pglite-'));
  try {
    const url = `pglite:${data}`;
    const init = await timed(process.execPath, [bin, '--db', url, 'init', '--admin', 'adminnas']);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    const r = await timed(process.execPath, [laporBin, '--db', url, '--as', 'adminnas', 'import', 'complaints', file,
      '--source', 'bench', '--institution', '32.73', '--format', 'json']);
    if (r.code !== 0) throw new Error(`lapor import (PGlite) failed (${r.code}): ${r.stderr}`);
    const same = await pgliteSameRows(data);
    return { rowsPerSec: PGLITE_ROWS / (r.ms / 1000), peakKb: r.peakKb, meta: JSON.parse(r.stdout).meta, ms: r.ms, same };
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}

const liteFile = await ensureFile(PGLITE_ROWS);
const parse100k = await parsers(liteFile);
const pgFile = SKIP_PG ? undefined : await ensureFile(PG_ROWS);
const pg = pgFile ? await postgres(pgFile) : { skipped: 'BENCH_SKIP_PG=1' };
const other = [];
if (COMPARE_BIN) other.push(await pglite(liteFile, COMPARE_BIN));
const lite = await pglite(liteFile);
if (COMPARE_BIN) other.push(await pglite(liteFile, COMPARE_BIN));
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

console.log(`lapor import benchmark — ${new Date().toISOString()}, node ${process.version}, ${spawnSync('nproc').stdout.toString().trim()} cores`);
console.log('\nCSV parsing only, 100k-row file:');
for (const [k, v] of Object.entries(parse100k)) console.log(`  ${k.padEnd(44)} ${fmt(v).padStart(10)} rows/s`);
if (pg.skipped) console.log(`\nPostgreSQL: skipped: ${pg.skipped}`);
else {
  console.log(`\nPostgreSQL, ${fmt(PG_ROWS)} rows (${(fs.statSync(pgFile).size / 1048576).toFixed(0)} MB):`);
  const rps = (ms) => fmt(PG_ROWS / (ms / 1000)).padStart(10);
  const secs = (ms, busy) => `(${(ms / 1000).toFixed(1)} s, ${busy.toFixed(1)} CPU-s)`;
  const same = pg.same;
  console.log(`  psql \\copy (complaints-shaped table, same indexes + FKs)   ${rps(pg.psqlMs)} rows/s  ${secs(pg.psqlMs, pg.psqlBusy)}`);
  console.log(`  lapor import complaints (validated, + ${fmt(pg.events)} events)  ${rps(pg.laporMs)} rows/s  ${secs(pg.laporMs, pg.laporBusy)}`);
  console.log(`  ratio lapor / psql                                        ${(pg.psqlMs / pg.laporMs).toFixed(2).padStart(10)}`);
  console.log('  psql \\copy of the same rows lapor wrote, step by step:');
  console.log(`    complaints (FKs filled, opaque tracking ids)            ${rps(same.complaints.ms)} rows/s  ${secs(same.complaints.ms, same.complaints.busy)}`);
  console.log(`    + their events (span trigger off)                       ${' '.repeat(17)}${secs(same.events.ms, same.events.busy)}`);
  console.log(`    + their SLA spans (one set-based rebuild)               ${' '.repeat(17)}${secs(same.spans.ms, same.spans.busy)}`);
  console.log(`    all three                                               ${rps(same.ms)} rows/s  ${secs(same.ms, same.busy)}`);
  console.log(`  ratio lapor / psql of the same rows                       ${(same.ms / pg.laporMs).toFixed(2).padStart(10)}`);
  console.log(`  CPU used, lapor (client + server) / psql \\copy            ${(pg.laporBusy / pg.psqlBusy).toFixed(2).padStart(10)}  (${spawnSync('nproc').stdout.toString().trim()} cores)`);
  console.log(`  lapor peak RSS                                            ${mb(pg.peakKb).padStart(10)}`);
  console.log(`  counts: read ${pg.meta.read}, inserted ${pg.meta.inserted}, duplicates ${pg.meta.duplicates}, rejected ${pg.meta.rejected}`);
}
console.log(`\nPGlite, ${fmt(PGLITE_ROWS)} rows:`);
console.log(`  lapor import complaints                                   ${fmt(lite.rowsPerSec).padStart(10)} rows/s  (${(lite.ms / 1000).toFixed(1)} s)`);
console.log('  PGlite\'s own COPY of the same rows (no client), step by step:');
const liteRps = (ms) => fmt(PGLITE_ROWS / (ms / 1000)).padStart(10);
console.log(`    complaints                                              ${liteRps(lite.same.complaintsMs)} rows/s  (${(lite.same.complaintsMs / 1000).toFixed(1)} s)`);
console.log(`    + their events (span trigger off)                       ${' '.repeat(17)}(${(lite.same.eventsMs / 1000).toFixed(1)} s)`);
console.log(`    + their SLA spans (one set-based rebuild)               ${' '.repeat(17)}(${(lite.same.spansMs / 1000).toFixed(1)} s)`);
console.log(`    all three                                               ${liteRps(lite.same.ms)} rows/s  (${(lite.same.ms / 1000).toFixed(1)} s)`);
console.log(`  ratio floor / lapor                                        ${(lite.same.ms / lite.ms).toFixed(2).padStart(10)}`);
console.log(`  peak RSS (includes PGlite's WASM heap)                    ${mb(lite.peakKb).padStart(10)}`);
console.log(`  counts: read ${lite.meta.read}, inserted ${lite.meta.inserted}, rejected ${lite.meta.rejected}`);
for (const [i, o] of other.entries()) {
  console.log(`  ${COMPARE_BIN} (${i === 0 ? 'before' : 'after'} this build's run): ${(o.ms / 1000).toFixed(1)} s, floor ${(o.same.ms / 1000).toFixed(1)} s, ` +
    `ratio ${(o.same.ms / o.ms).toFixed(2)}, peak RSS ${mb(o.peakKb)}, inserted ${o.meta.inserted}`);
}
