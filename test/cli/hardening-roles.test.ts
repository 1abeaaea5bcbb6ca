import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { freshUrl, serverUrl, tempDir } from '../helpers/db.js';
import { openDb } from '../../src/db/engine.js';
import { parseDbTarget } from '../../src/db/url.js';
import { runInit } from '../../src/commands/init/init.js';
import { OFFICERS, seedOfficers } from '../integration/dispositions-setup.js';
import { addComplaint } from '../../src/db/complaints.js';
import { performAction } from '../../src/usecases/perform-action.js';

/**
 * Issue 14 items 6 and 7 on PostgreSQL: the read-only role reads masked views only (and the
 * README's cron reports run through it); an operator login is bound to its officer, with lapor's
 * writes and no DDL.
 */
describe.skipIf(!serverUrl)('database roles on PostgreSQL', () => {
  let url: string;
  let schema: string;
  let drop: () => Promise<void>;
  const tag = `${process.pid}_${Date.now() % 100000}`;
  const reader = `lapor_rd_${tag}`;
  const operator = OFFICERS.liaisonDishub; // a role named after the officer
  const as = (role: string, pw: string, sch: string) => {
    const u = new URL(serverUrl!);
    u.username = role;
    u.password = pw;
    u.searchParams.set('schema', sch);
    return u.toString();
  };
  let admin: Knex;

  beforeAll(async () => {
    ({ url, drop } = freshUrl('postgres'));
    schema = new URL(url).searchParams.get('schema')!;
    const db = await openDb(parseDbTarget(url, {}));
    try {
      await runInit(db, { admin: 'adminnas', today: '2026-01-01' });
      const fx = await seedOfficers(db.knex);
      const now = new Date('2026-03-02T03:00:00Z');
      for (const confidential of [false, true]) {
        const c = await db.knex.transaction((trx) => addComplaint(trx, fx.actors.superAdmin, {
          channel: 'surat', class: 'pengaduan', body: confidential ? 'Rahasia: pungli di loket' : 'Jalan berlubang',
          receivedAt: now, anonymous: false, confidential, reporterName: 'Siti Aminah', reporterPhone: '+6281234567890',
          reporterEmail: 'siti@example.com', reporterNik: '3273014507900001',
        }, now));
        await performAction(db.knex, fx.actors.superAdmin, c.trackingId, { action: 'dispose', disposeTo: '32.73' }, now);
      }
      await db.knex('audit_log').insert({ at: now, actor: 'adminnas', action: 'test', detail: {} });
    } finally {
      await db.close();
    }
    expect((await runMain(['--db', url, '--as', 'adminnas', 'init', '--admin', 'cron.report'])).code).toBe(0);
    const r = await runMain(['--db', url, 'db', 'roles', '--reader', reader, '--password-env', 'PW'], { env: { PW: 'rd-secret' } });
    expect(r.stderr).toMatch(/tugas laporan kini dapat memakai: --db postgres:\/\//); // Indonesian, the default (issue 12)
    expect(r.code).toBe(0);
    const o = await runMain(['--db', url, 'db', 'roles', '--operator', operator, '--password-env', 'PW'], { env: { PW: 'op-secret' } });
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout + o.stderr).not.toMatch(/secret/);
    admin = knexFactory({ client: 'pg', connection: serverUrl });
  }, 180_000);
  afterAll(async () => {
    await drop?.();
    await admin?.raw(`drop schema if exists ${schema}_reader cascade`);
    for (const r of [reader, operator]) {
      await admin?.raw(`drop owned by "${r}"`).catch(() => undefined);
      await admin?.raw(`drop role if exists "${r}"`).catch(() => undefined);
    }
    await admin?.destroy();
  });

  it('the reader sees no identity, no rahasia complaint or its events, no raw lines, no audit log, no base table', async () => {
    const k = knexFactory({ client: 'pg', connection: as(reader, 'rd-secret', `${schema}_reader`), searchPath: [`${schema}_reader`] });
    try {
      const rows = await k('complaints').select('reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email', 'confidential', 'body');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ reporter_name: null, reporter_nik: null, reporter_phone: null, reporter_email: null, confidential: false });
      const events = await k('complaint_events').select('body');
      expect(JSON.stringify(events)).not.toMatch(/Rahasia/);
      expect(Number((await k('import_rejects').whereNotNull('raw').count({ n: '*' }).first())?.n)).toBe(0);
      await expect(k('audit_log').select('*')).rejects.toThrow(/does not exist/);
      await expect(k.raw(`select reporter_name from "${schema}".complaints`)).rejects.toThrow(/permission denied/);
      await expect(k.raw(`select * from "${schema}".audit_log`)).rejects.toThrow(/permission denied/);
    } finally {
      await k.destroy();
    }
  });

  it("the README's cron reports run through the read-only role; a write through it is 77", async () => {
    const dir = tempDir();
    const db = as(reader, 'rd-secret', `${schema}_reader,${schema}`);
    const csv = path.join(dir, 'sla.csv');
    // As the README's recipe: --quiet, one table (--section) for Excel (--csv-excel).
    const monthly = await runMain(['--quiet', '--db', db, '--as', 'cron.report', 'report', 'sla', '--by', 'institution', '--month', '2026-03',
      '--section', 'by_institution', '--csv-excel', '--output', csv]);
    expect(monthly.code, monthly.stderr).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^\ufeff[^\n]*;[^\n]*\r?\n[\s\S]*(32\.73|Bandung)/);
    const json = path.join(dir, 'sla-today.json');
    const alert = await runMain(['--quiet', '--db', db, '--as', 'cron.report', 'report', 'sla', '--fail-on-breach', '80', '--format', 'json', '--output', json]);
    expect([0, 3], alert.stderr).toContain(alert.code);
    JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(monthly.stderr + alert.stderr).not.toMatch(/rd-secret/);
    const write = await runMain(['--db', db, '--as', 'adminnas', 'complaint', 'add', '--channel', 'surat', '--body', 'x']);
    expect(write.code).toBe(77);
    expect(write.stderr.trim().split('\n')).toHaveLength(1);
    expect(write.stderr).toMatch(/^lapor: not permitted by the database: PostgreSQL error 42501: permission denied/);
  }, 120_000);

  it('an operator login acts as its officer only: another --as is 77, no DDL', async () => {
    const db = as(operator, 'op-secret', schema);
    const other = await runMain(['--db', db, '--as', OFFICERS.admin, 'complaint', 'list', '--format', 'json']);
    expect(other.code).toBe(77);
    expect(other.stderr).toBe(`lapor: this database login is bound to officer '${operator}'; it cannot act as '${OFFICERS.admin}'\n`);
    const own = await runMain(['--db', db, 'complaint', 'list', '--format', 'json']);
    expect(own.code, own.stderr).toBe(0);
    const k = knexFactory({ client: 'pg', connection: db, searchPath: [schema] });
    try {
      await expect(k.raw('create table evil (x int)')).rejects.toThrow(/permission denied/);
      await expect(k.raw('drop table complaints')).rejects.toThrow(/must be owner|permission denied/);
      await expect(k.raw('truncate complaints cascade')).rejects.toThrow(/permission denied/);
      await expect(k('audit_log').delete()).rejects.toThrow(/permission denied/);
    } finally {
      await k.destroy();
    }
  });

  it('a server error (XX000) is exit 69 in one line, nothing on stdout', async () => {
    await admin.raw(`create function "${schema}".boom() returns trigger language plpgsql as $$ begin raise exception 'simulated internal error' using errcode = 'XX000'; end $$`);
    await admin.raw(`create trigger boom before insert on "${schema}".complaints for each row execute function "${schema}".boom()`);
    try {
      const r = await runMain(['--db', url, '--as', 'adminnas', 'complaint', 'add', '--channel', 'surat', '--body', 'x']);
      expect(r.code).toBe(69);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('lapor: database unavailable: PostgreSQL error XX000: simulated internal error\n');
    } finally {
      await admin.raw(`drop trigger boom on "${schema}".complaints`);
      await admin.raw(`drop function "${schema}".boom()`);
    }
  });

  it('init --admin on an initialised database needs an acting super_admin', async () => {
    const none = await runMain(['--db', url, 'init', '--admin', 'intruder']);
    expect(none.code).toBe(77);
    expect(none.stderr).toMatch(/^lapor: this database already has a super_admin: creating another \(intruder\) needs an acting super_admin/);
    const liaison = await runMain(['--db', url, '--as', OFFICERS.liaisonDishub, 'init', '--admin', 'intruder']);
    expect(liaison.code).toBe(77);
    const again = await runMain(['--db', url, 'init', '--admin', 'adminnas']);
    expect(again.code).toBe(0); // idempotent for the existing one
  });
});
