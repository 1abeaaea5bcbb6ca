import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { freshUrl, tempDir } from '../helpers/db.js';

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
