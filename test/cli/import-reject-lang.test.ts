import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { engineNames, freshUrl, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/legacy');

describe('lapor import: reject reasons follow --lang (issue 12)', () => {
  let url: string;
  let drop: () => Promise<void>;
  const dir = tempDir('lapor-reject-lang-');
  const lapor = (...args: string[]) => runMain(['--db', url, '--as', 'adminnas', ...args], { env: { ...process.env, HOME: dir, LAPOR_LANG: '' } });

  beforeAll(async () => {
    ({ url, drop } = freshUrl('pglite'));
    const init = await runMain(['--db', url, 'init', '--admin', 'adminnas'], { env: { ...process.env, HOME: dir, LAPOR_LANG: '' } });
    expect(init.code).toBe(0);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a bad row\'s reason in Indonesian by default, in English with --lang en; JSON adds reason_code', async () => {
    const args = ['import', 'complaints', path.join(FIX, 'web-form.csv'), '--source', 'web', '--map', path.join(FIX, 'web-form.map.json')];
    const id = await lapor(...args);
    expect(id.code).toBe(3);
    expect(id.stdout).toMatch(/'dewi\.lestari@example' bukan alamat surel/);
    expect(id.stdout).toMatch(/'99\.99' bukan kode wilayah yang dikenal/);
    expect(id.stdout).not.toMatch(/is not an e-mail address/);
    const en = await lapor('--lang', 'en', ...args);
    expect(en.code).toBe(3);
    expect(en.stdout).toMatch(/'dewi\.lestari@example' is not an e-mail address/);
    expect(en.stdout).not.toMatch(/bukan alamat surel/);
    const json = await lapor('--lang', 'en', ...args, '--format', 'json');
    const doc = JSON.parse(json.stdout);
    const rows = JSON.stringify(doc);
    expect(rows).toMatch(/"reason_code":"bad_email"/);
  });
});

describe.each(engineNames)('lapor import: stored reject reasons in the reader\'s language (%s, issue 12)', (engine) => {
  let t: TestDb;
  let batch: number;
  const dir = tempDir('lapor-reject-codes-');
  const rejectsFile = path.join(dir, 'web.rejects.csv');
  const lapor = (...args: string[]) => runMain(['--as', 'adminnas', ...args], { db: t.db, env: { ...process.env, HOME: dir, LAPOR_LANG: '' } });
  const show = async (lang: 'id' | 'en') => {
    const r = await lapor('--lang', lang, 'import', 'show', String(batch), '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).data.rejects as Array<{ line: number; field: string | null; reason: string; reason_code: string | null; raw: string }>;
  };

  beforeAll(async () => {
    t = await initialisedDb(engine);
    const r = await lapor('--lang', 'id', 'import', 'complaints', path.join(FIX, 'web-form.csv'), '--source', 'web',
      '--map', path.join(FIX, 'web-form.map.json'), '--rejects', rejectsFile, '--format', 'json');
    expect(r.code, r.stderr).toBe(3);
    batch = JSON.parse(r.stdout).meta.batch;
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a run with --lang id writes the rejects file\'s _reason in Indonesian', () => {
    const text = fs.readFileSync(rejectsFile, 'utf8');
    expect(text).toMatch(/,_line,_field,_reason\r\n/);
    expect(text).toContain("'dewi.lestari@example' bukan alamat surel");
    expect(text).toContain("'99.99' bukan kode wilayah yang dikenal");
    expect(text).toContain("'327301150188000': NIK harus 16 digit, ada 15 digit");
    expect(text).not.toMatch(/is not an e-mail address|NIK must be/);
  });

  it('import_rejects keeps the code and values, and the English text for old readers', async () => {
    const rows = await t.db.knex('import_rejects').where({ batch_id: batch, field: 'reporter_email' })
      .select('reason', 'reason_code', 'reason_params');
    expect(rows).toHaveLength(1);
    const params = typeof rows[0].reason_params === 'string' ? JSON.parse(rows[0].reason_params) : rows[0].reason_params;
    expect({ ...rows[0], reason_params: params }).toEqual({
      reason: "'dewi.lestari@example' is not an e-mail address", reason_code: 'bad_email', reason_params: { value: "'dewi.lestari@example'" },
    });
    const nik = await t.db.knex('import_rejects').where({ batch_id: batch, field: 'reporter_nik' }).first('reason', 'reason_code');
    expect(nik).toEqual({ reason: "'327301150188000': NIK must be 16 digits, got 15 digit(s)", reason_code: 'nik_length' });
    const [{ n }] = await t.db.knex('import_rejects').where({ batch_id: batch }).whereNull('reason_code').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('import show renders the reasons in --lang (id or en), reason_code beside, identity values masked', async () => {
    const id = await show('id');
    const en = await show('en');
    const byField = (rows: typeof id, f: string) => rows.find((r) => r.field === f)!;
    expect(byField(id, 'reporter_email')).toMatchObject({ reason_code: 'bad_email' });
    expect(byField(id, 'reporter_email').reason).toMatch(/^'[^']*' bukan alamat surel$/);
    expect(byField(en, 'reporter_email').reason).toMatch(/^'[^']*' is not an e-mail address$/);
    expect(byField(id, 'reporter_email').reason).not.toContain('dewi.lestari@example');
    expect(byField(id, 'region_code').reason).toBe("'99.99' bukan kode wilayah yang dikenal (mis. 32 atau 32.73)");
    expect(byField(en, 'region_code').reason).toBe("'99.99' is not a known kode wilayah (e.g. 32 or 32.73)");
    const nikId = byField(id, 'reporter_nik');
    expect(nikId.reason_code).toBe('nik_length');
    expect(nikId.reason).toMatch(/^'32\*+00': NIK harus 16 digit, ada 15 digit$/);
    expect(byField(en, 'reporter_nik').reason).toMatch(/^'32\*+00': NIK must be 16 digits, got 15 digit\(s\)$/);
    // The table too.
    const table = await lapor('--lang', 'id', 'import', 'show', String(batch));
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("'99.99' bukan kode wilayah yang dikenal");
    expect(table.stdout).not.toContain('is not a known kode wilayah');
  });

  it('an old row (only reason, no code) and a code this version does not know show their stored text', async () => {
    await t.db.knex('import_rejects').insert([
      { batch_id: batch, line_no: 9001, raw: 'x', field: 'region_code', reason: "'77.77' is not a known kode wilayah (e.g. 32 or 32.73)" },
      { batch_id: batch, line_no: 9002, raw: 'y', field: 'reporter_email', reason: "'old.row@example' is not an e-mail address" },
      { batch_id: batch, line_no: 9003, raw: 'z', field: null, reason: 'a reason from a newer lapor', reason_code: 'not_a_code_yet', reason_params: JSON.stringify({}) },
    ]);
    for (const lang of ['id', 'en'] as const) {
      const rows = await show(lang);
      expect(rows.find((r) => r.line === 9001)).toMatchObject({ reason: "'77.77' is not a known kode wilayah (e.g. 32 or 32.73)", reason_code: null });
      const masked = rows.find((r) => r.line === 9002)!;
      expect(masked.reason).toMatch(/ is not an e-mail address$/);
      expect(masked.reason).not.toContain('old.row@example');
      expect(rows.find((r) => r.line === 9003)).toMatchObject({ reason: 'a reason from a newer lapor', reason_code: 'not_a_code_yet' });
    }
  });
});
