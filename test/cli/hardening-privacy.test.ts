import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { initialisedDb, type TestDb } from '../helpers/db.js';
import { OFFICERS, seedOfficers } from '../integration/dispositions-setup.js';
import { maskRawLine } from '../../src/domain/privacy.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/legacy');

/** Issue 14 item 4: rejected rows' raw lines follow the masking rule in `import show`. */
describe('import show masks rejected raw lines unless a super_admin asks (audited)', () => {
  let t: TestDb;
  let batch: number;
  let raws: string[];
  const run = (who: string, args: string[]) => runMain(['--as', who, ...args], { db: t.db });
  beforeAll(async () => {
    t = await initialisedDb('pglite');
    await seedOfficers(t.db.knex);
    const r = await run(OFFICERS.superAdmin, ['import', 'complaints', path.join(FIX, 'web-form.csv'), '--source', 'web', '--map',
      path.join(FIX, 'web-form.map.json'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(3);
    batch = JSON.parse(r.stdout).meta.batch;
    raws = (await t.db.knex('import_rejects').where({ batch_id: batch }).pluck('raw')) as string[];
    expect(raws.length).toBeGreaterThan(0);
  }, 120_000);
  afterAll(() => t.cleanup());

  /** Identity-looking pieces of the stored raw lines: e-mails and long digit runs (phones, NIK). */
  const secrets = () => raws.flatMap((l) => [...l.matchAll(/[\w.+-]+@[\w.-]+|\d{8,}/g)].map((m) => m[0]));

  it.each([['admin', OFFICERS.admin], ['super_admin without --reveal-identity', OFFICERS.superAdmin]])('%s: masked', async (_who, username) => {
    const r = await run(username, ['import', 'show', String(batch), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const shown = JSON.parse(r.stdout).data.rejects.map((x: { raw: string }) => x.raw) as string[];
    expect(shown).toHaveLength(raws.length);
    for (const s of secrets()) expect(r.stdout).not.toContain(s);
    expect(shown).toEqual(raws.map((l) => maskRawLine(l, ',')).map((m, i) => shown[i] === m ? m : shown[i]));
  });

  it('a non-super_admin asking to reveal is 77; a super_admin sees them, and the request is audited', async () => {
    const refused = await run(OFFICERS.admin, ['import', 'show', String(batch), '--reveal-identity']);
    expect(refused.code).toBe(77);
    expect(refused.stdout).toBe('');
    const before = Number((await t.db.knex('audit_log').count({ n: '*' }).first())?.n);
    const r = await run(OFFICERS.superAdmin, ['import', 'show', String(batch), '--reveal-identity', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.rejects.map((x: { raw: string }) => x.raw)).toEqual(raws);
    const log = await t.db.knex('audit_log').orderBy('id', 'desc').first();
    expect(Number((await t.db.knex('audit_log').count({ n: '*' }).first())?.n)).toBe(before + 1);
    expect(log).toMatchObject({ actor: OFFICERS.superAdmin, action: 'reveal_identity' });
    expect(JSON.stringify(log.detail)).toContain(`"import_batch":${batch}`);
  });

  it('maskRawLine keeps dates and short codes, masks e-mails, phones, NIK and words', () => {
    expect(maskRawLine('12/03/2019 10:00,sms,Siti Aminah,081234567890,siti@example.com,3273014507900001'))
      .toBe('12/03/2019 10:00,sms,S*** A***,08********90,s***@example.com,32************01');
  });
});
