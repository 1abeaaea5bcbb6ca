#!/usr/bin/env node
// The hand-written SLA statement as a whole process, for bench/report.js: open the database
// (PGlite: a cold data directory, like any CLI run), run handWrittenSla once, close. The
// like-with-like baseline of `lapor report sla` as a process; argv: database URL, as-of instant.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handWrittenSla } from './report-baseline.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { openDb } = await import(path.join(root, 'dist/src/db/engine.js'));
const { parseDbTarget } = await import(path.join(root, 'dist/src/db/url.js'));
const { withReportSession } = await import(path.join(root, 'dist/src/db/sla.js'));

const [url, asOf] = process.argv.slice(2);
const db = await openDb(parseDbTarget(url, {}));
try {
  const rows = await withReportSession(db.knex, (trx) => handWrittenSla(trx, new Date(asOf)));
  process.stdout.write(`${rows.length}\n`);
} finally {
  await db.close();
}
