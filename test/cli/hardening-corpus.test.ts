import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, type CliResult } from '../helpers/cli.js';
import { initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { OFFICERS, seedOfficers } from '../integration/dispositions-setup.js';

/**
 * Issue 14 item 11: the corpus of bad input. Every case asserts its exit code, one headline
 * line on stderr (`lapor: …`, no stack trace, nothing from knex), nothing on stdout, no password,
 * and an unchanged database: a hash of every table's rows before and after.
 * In-process (runMain) on one seeded database; the URL cases open their own (or fail to).
 */
const FIX = path.resolve(import.meta.dirname, '../../fixtures');
const dir = tempDir('lapor-corpus-');
const SECRET = 'Pw-s3cret-never';

function write(name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
  return f;
}

/** A copy of the Bandung decree in its own folder, with `edit` applied to the YAML and/or the roster. */
function decree(name: string, edit: { yaml?: (y: string) => string; roster?: (r: string) => string } = {}): string {
  const y = fs.readFileSync(path.join(FIX, 'decrees/kota-bandung-2024.yaml'), 'utf8');
  const r = fs.readFileSync(path.join(FIX, 'decrees/kota-bandung-2024-lampiran.csv'), 'utf8');
  write(`${name}/kota-bandung-2024-lampiran.csv`, edit.roster ? edit.roster(r) : r);
  return write(`${name}/decree.yaml`, edit.yaml ? edit.yaml(y) : y);
}

interface Case {
  name: string;
  args: string[];
  code: number;
  /** The headline must match. */
  message: RegExp;
  /** Detail lines allowed after the headline (a decree's problem list). */
  details?: number;
  /** Run without the shared database (the case names its own --db). */
  ownDb?: boolean;
}

const admin = ['--as', OFFICERS.superAdmin];
const add = (...extra: string[]) => [...admin, 'complaint', 'add', '--channel', 'surat', ...extra];

const cases: Case[] = [
  // --- decrees ---
  { name: 'decree: no such file', args: [...admin, 'institution', 'register', '--decree', path.join(dir, 'none.yaml')], code: 65, message: /cannot read decree file .*none\.yaml/, details: 1 },
  { name: 'decree: a directory', args: [...admin, 'institution', 'register', '--decree', dir], code: 65, message: /cannot read decree file/, details: 1 },
  { name: 'decree: YAML syntax error', args: [...admin, 'institution', 'register', '--decree', decree('syntax', { yaml: (y) => y.replace('number: 800', 'number: [800') })], code: 65, message: /has \d+ problems?; nothing was written/, details: 5 },
  { name: 'decree: empty file', args: [...admin, 'institution', 'register', '--decree', write('empty/decree.yaml', '')], code: 65, message: /problems?; nothing was written/, details: 20 },
  { name: 'decree: unknown key', args: [...admin, 'institution', 'register', '--decree', decree('unknown', { yaml: (y) => `${y}\nbogus_key: 1\n` })], code: 65, message: /problems?; nothing was written/, details: 3 },
  { name: 'decree: roster outside its folder', args: [...admin, 'institution', 'register', '--decree', decree('escape', { yaml: (y) => y.replace(/^roster:.*$/m, 'roster: ../../../../../etc/passwd') })], code: 65, message: /roster '\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd' is outside the decree's folder/ },
  { name: 'decree: roster by absolute path', args: [...admin, 'institution', 'register', '--decree', decree('absolute', { yaml: (y) => y.replace(/^roster:.*$/m, 'roster: /etc/hostname') })], code: 65, message: /is outside the decree's folder/ },
  { name: 'decree: roster file missing', args: [...admin, 'institution', 'register', '--decree', decree('noroster', { yaml: (y) => y.replace(/^roster:.*$/m, 'roster: missing.csv') })], code: 65, message: /problems?; nothing was written/, details: 5 },
  { name: 'decree: NUL byte in a roster name', args: [...admin, 'institution', 'register', '--decree', decree('nul', { roster: (r) => r.replace('Dedi Kurniawan', 'Dedi\0Kurniawan') })], code: 65, message: /1 problem/, details: 1 },
  { name: 'decree: YAML over 1 MiB', args: [...admin, 'institution', 'register', '--decree', decree('huge', { yaml: (y) => `${y}\n# ${'x'.repeat(1024 * 1024 + 10)}\n` })], code: 65, message: /is 1 MiB; the limit is 1 MiB|the limit is 1 MiB/ },
  { name: 'decree: roster of 20,001 rows', args: [...admin, 'institution', 'register', '--decree', decree('rows', { roster: (r) => r + 'X,Unit,liaison,Nama,1,x,a@b.c,0811\n'.repeat(20_001) })], code: 65, message: /the limit is 20,000 rows/ },
  { name: 'decree: 300 bad roster rows list 50 problems and the count', args: [...admin, 'institution', 'register', '--decree', decree('many', { roster: (r) => r + Array.from({ length: 300 }, (_, i) => `U${i},Unit,liaison,Nama ${i},123,x,bad,1`).join('\n') + '\n' })], code: 65, message: /has [\d,]+ problems; nothing was written/, details: 51 },
  { name: 'decree: by a liaison (not permitted)', args: ['--as', OFFICERS.liaisonDishub, 'institution', 'register', '--decree', path.join(FIX, 'decrees/kota-bandung-2024.yaml')], code: 77, message: /super_admin/ },

  // --- imports ---
  { name: 'import: no such file', args: [...admin, 'import', 'complaints', path.join(dir, 'none.csv'), '--source', 'x', '--institution', '32.73'], code: 65, message: /none\.csv/ },
  { name: 'import: mapping file is not JSON/YAML', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--map', write('bad.map.json', '{ "columns": [')], code: 65, message: /bad\.map\.json is not valid YAML or JSON/, details: 3 },
  { name: 'import: mapping file missing', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--map', path.join(dir, 'none.map.json')], code: 65, message: /none\.map\.json/ },
  { name: 'import: --batch-size 0', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--batch-size', '0'], code: 2, message: /--batch-size/ },
  { name: 'import: --batch-size 99999999999999999999', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--batch-size', '99999999999999999999'], code: 2, message: /--batch-size '99999999999999999999' must be a whole number from 1 to 1,000,000/ },
  { name: 'import: --max-rejects -1', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--max-rejects', '-1'], code: 2, message: /--max-rejects/ },
  { name: 'import: unknown delimiter', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x', '--delimiter', '#'], code: 2, message: /--delimiter/ },
  { name: 'import: no --source', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv')], code: 2, message: /--source/ },
  { name: 'import: by a liaison', args: ['--as', OFFICERS.liaisonDishub, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'x'], code: 77, message: /./ },
  { name: 'import show: reveal by an admin', args: ['--as', OFFICERS.admin, 'import', 'show', '1', '--reveal-identity'], code: 77, message: /super_admin|reveal/ },
  { name: 'import show: not a batch number', args: [...admin, 'import', 'show', 'abc'], code: 2, message: /must be a number/ },

  // --- options ---
  { name: 'complaint list --limit 99999999999999999999', args: [...admin, 'complaint', 'list', '--limit', '99999999999999999999'], code: 2, message: /--limit '99999999999999999999' must be a whole number from 1 to 1,000,000/ },
  { name: 'complaint list --limit 0', args: [...admin, 'complaint', 'list', '--limit', '0'], code: 2, message: /--limit/ },
  { name: 'report overdue --limit -1', args: [...admin, 'report', 'overdue', '--limit', '-1'], code: 2, message: /--limit '-1'/ },
  { name: 'report monitoring --overdue-limit -1', args: [...admin, 'report', 'monitoring', '--institution', '32.73', '--overdue-limit', '-1'], code: 2, message: /--overdue-limit '-1'/ },
  { name: 'import list --limit 1e3', args: [...admin, 'import', 'list', '--limit', '1e3'], code: 2, message: /--limit '1e3'/ },
  { name: 'complaint list --status bogus', args: [...admin, 'complaint', 'list', '--status', 'bogus'], code: 2, message: /--status 'bogus'/ },
  { name: 'complaint list --received-from 2026-13-45', args: [...admin, 'complaint', 'list', '--received-from', '2026-13-45'], code: 2, message: /is not a date/ },
  { name: 'sla sweep --as-of before 2000', args: [...admin, 'sla', 'sweep', '--as-of', '1999-12-31', '--dry-run'], code: 2, message: /before 2000-01-01/ },
  { name: 'sla sweep --as-of in the future', args: [...admin, 'sla', 'sweep', '--as-of', '2999-01-01', '--dry-run'], code: 2, message: /in the future/ },
  { name: 'sla explain --as-of 0026', args: [...admin, 'sla', 'explain', '12345678901', '--as-of', '0026-03-01'], code: 2, message: /before 2000-01-01/ },
  { name: 'unknown command', args: ['frobnicate'], code: 2, message: /unknown command/ },
  { name: 'unknown flag', args: [...admin, 'complaint', 'list', '--bogus'], code: 2, message: /unknown option/ },
  { name: 'complaint add: no --channel', args: [...admin, 'complaint', 'add', '--body', 'x'], code: 2, message: /--channel/ },
  { name: 'complaint add: no actor', args: ['complaint', 'add', '--channel', 'surat', '--body', 'x'], code: 2, message: /acting officer/ },
  { name: 'complaint add: unknown officer', args: ['--as', 'nobody', 'complaint', 'add', '--channel', 'surat', '--body', 'x'], code: 77, message: /unknown officer 'nobody'/ },
  { name: 'complaint add: NUL byte in the body', args: add('--body-file', write('nul.txt', 'Jalan\0rusak')), code: 65, message: /--body-file .*nul\.txt contains a NUL byte/ },
  { name: 'complaint add: bad phone', args: add('--body', 'x', '--reporter-phone', '12345'), code: 65, message: /--reporter-phone '12345' is not an Indonesian phone number/ },
  { name: 'complaint add: bad e-mail', args: add('--body', 'x', '--reporter-email', 'not-an-email'), code: 65, message: /--reporter-email 'not-an-email' is not an e-mail address/ },
  { name: 'complaint add: unknown region', args: add('--body', 'x', '--region', '99.99'), code: 65, message: /--region '99\.99' is not a known kode wilayah/ },
  { name: 'complaint add: bad NIK', args: add('--body', 'x', '--reporter-nik', '1234'), code: 65, message: /--reporter-nik NIK must be 16 digits/ },
  { name: 'complaint add: empty body', args: add('--body', '   '), code: 2, message: /empty/ },
  { name: 'complaint add: body file over the limit', args: add('--body-file', write('big.txt', Buffer.alloc(4_000_001, 'a'))), code: 65, message: /the limit is/ },
  { name: 'init --admin without an acting super_admin', args: ['init', '--admin', 'intruder'], code: 77, message: /needs an acting super_admin/, details: 1 },

  // --- URLs ---
  { name: 'url: unknown scheme', args: ['--db', 'mysql://root@localhost/x', 'db', 'status'], code: 2, message: /unknown database/, ownDb: true },
  { name: 'url: user:password@host without a scheme', args: ['--db', `lapor:${SECRET}@127.0.0.1/lapor`, 'db', 'status'], code: 2, message: /unknown database 'lapor:\*\*\*@127\.0\.0\.1\/lapor'/, ownDb: true },
  { name: 'url: password in the userinfo, server down', args: ['--db', `postgres://lapor:${SECRET}@127.0.0.1:1/lapor`, 'db', 'status'], code: 69, message: /cannot use postgres 127\.0\.0\.1:1\/lapor: connection refused/, ownDb: true },
  { name: 'url: ?password= in the query, server down', args: ['--db', `postgres://lapor@127.0.0.1:1/lapor?password=${SECRET}`, 'db', 'status'], code: 69, message: /connection refused/, ownDb: true },
  { name: 'url: not a URL', args: ['--db', `postgres://u:${SECRET}@[bad/x`, 'db', 'status'], code: 2, message: /is not a valid PostgreSQL URL/, ownDb: true },
  { name: 'url: bad schema name', args: ['--db', `postgres://u:${SECRET}@127.0.0.1:1/x?schema=Bad-Name`, 'db', 'status'], code: 2, message: /schema 'Bad-Name'/, ownDb: true },
  { name: 'url: pglite: without a directory', args: ['--db', 'pglite:', 'db', 'status'], code: 2, message: /needs a directory/, ownDb: true },
  { name: 'url: pglite data dir that is a file', args: ['--db', `pglite:${write('a-file', 'x')}`, 'db', 'status'], code: 69, message: /cannot use the PGlite data directory .*a-file: it \(or a folder above it\) is a file/, ownDb: true },
  { name: 'url: pglite data dir that is corrupt', args: ['--db', `pglite:${write('corrupt/PG_VERSION', 'garbage')}`.replace('/PG_VERSION', ''), 'db', 'status'], code: 69, message: /cannot open the PGlite data directory .*corrupt: its files are damaged/, ownDb: true },

  // --- output paths ---
  { name: 'output: no such folder', args: [...admin, 'complaint', 'list', '--format', 'csv', '--output', '/nonexistent-folder/x.csv'], code: 74, message: /cannot write \/nonexistent-folder\/x\.csv: no such folder \/nonexistent-folder$/ },
  { name: 'output: a directory', args: [...admin, 'complaint', 'list', '--format', 'csv', '--output', dir], code: 74, message: /it is a directory$/ },
  { name: 'output: full disk (/dev/full)', args: [...admin, 'complaint', 'list', '--format', 'csv', '--output', '/dev/full'], code: 74, message: /cannot write \/dev\/full: the disk is full$/ },
  { name: 'output: a file used as a folder', args: [...admin, 'complaint', 'list', '--format', 'csv', '--output', path.join(write('plain-file', 'x'), 'x.csv')], code: 74, message: /a folder in its path is a file$/ },
  { name: 'output: a dangling symlink', args: [...admin, 'complaint', 'list', '--format', 'csv', '--output', (() => { const l = path.join(dir, 'dangling.csv'); fs.rmSync(l, { force: true }); fs.symlinkSync(path.join(dir, 'nowhere/x.csv'), l); return l; })()], code: 74, message: /symbolic link to a missing file$/ },
  { name: 'output: import --rejects into a missing folder', args: [...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'rj', '--map', path.join(FIX, 'legacy/web-form.map.json'), '--rejects', '/nonexistent-folder/r.csv'], code: 74, message: /^lapor: cannot write \/nonexistent-folder\/r\.csv: no such folder/ },
  { name: 'output: a read-only place (/proc)', args: [...admin, 'calendar', 'list', '--year', '2026', '--format', 'csv', '--output', '/proc/lapor.csv'], code: 74, message: /cannot write \/proc\/lapor\.csv: / },
];

describe('the corpus of bad input: exit code, one line, database unchanged', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await initialisedDb('pglite');
    await seedOfficers(t.db.knex);
    // One import batch with rejected rows, for `import show`.
    const r = await runMain([...admin, 'import', 'complaints', path.join(FIX, 'legacy/web-form.csv'), '--source', 'web', '--map', path.join(FIX, 'legacy/web-form.map.json')], { db: t.db });
    expect(r.code, r.stderr).toBe(3);
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every table's rows, hashed: the whole database's content in one string. */
  async function dbHash(): Promise<string> {
    const tables = (await t.db.knex.raw(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`)).rows as { table_name: string }[];
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const r = await t.db.knex.raw(`select md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h, count(*) as n from ?? x`, [table_name]);
      parts.push(`${table_name}:${r.rows[0].n}:${r.rows[0].h}`);
    }
    return parts.join('\n');
  }

  it('has at least 40 kinds of bad input', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await dbHash();
    const r: CliResult = await runMain(c.args, c.ownDb ? { env: { HOME: dir } } : { db: t.db });
    expect(r.code, r.stderr).toBe(c.code);
    expect(r.stdout).toBe('');
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines[0]).toMatch(/^(lapor: |error: )/);
    expect(lines[0]).toMatch(c.message);
    expect(lines.length, r.stderr).toBeLessThanOrEqual(1 + (c.details ?? 0));
    expect(r.stderr).not.toMatch(/^\s+at |Acquire connection error|\[object Object\]|Aborted\(\)/m);
    expect(r.stderr).not.toContain(SECRET);
    expect(await dbHash()).toBe(before);
  }, 60_000);
});
