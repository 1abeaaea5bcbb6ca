import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { at, lapor, OFFICERS, seedOfficers } from './dispositions-setup.js';

/**
 * Issue 12: what the commands say on stderr (ctx.info, ctx.warn), and the keys of their reports'
 * meta, are in the run's language: Indonesian by default, English with --lang en. Each read in
 * each language, in-process.
 */
describe.each(engineNames)('the commands\' lines on stderr, in the run\'s language (%s)', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await initialisedDb(engine);
    await seedOfficers(t.db.knex);
  });
  afterAll(async () => t?.cleanup());

  const now = at('2026-03-02 10:00');
  const run = (as: string, args: string[], when = now) => lapor(t.db, ['--as', as, ...args], { now: when });
  let placed = '';
  const add = (as: string, lang: 'id' | 'en') => run(as, ['--lang', lang, 'complaint', 'add', '--channel', 'web', '--body', 'Lampu jalan mati',
    '--received-at', '2026-03-02T09:00:00+07:00']);

  it('complaint add: placed with the institution or unit, or waiting for verification', async () => {
    const national = await add(OFFICERS.superAdmin, 'id');
    expect(national.code, national.stderr).toBe(0);
    expect(national.stderr).toBe(`pengaduan ${national.stdout.trim()} diterima; menunggu verifikasi oleh Admin Nasional\n`);
    const nationalEn = await add(OFFICERS.superAdmin, 'en');
    expect(nationalEn.stderr).toBe(`complaint ${nationalEn.stdout.trim()} received; it waits for verification by the national admin\n`);
    const admin = await add(OFFICERS.admin, 'id');
    expect(admin.stderr).toBe(`pengaduan ${admin.stdout.trim()} diterima dan ditempatkan pada 32.73\n`);
    placed = admin.stdout.trim();
    const unit = await add(OFFICERS.liaisonDishub, 'en');
    expect(unit.stderr).toBe(`complaint ${unit.stdout.trim()} received and placed with 32.73/DISHUB\n`);
  });

  it('complaint list: more complaints than --limit', async () => {
    const id = await run(OFFICERS.superAdmin, ['complaint', 'list', '--limit', '1']);
    expect(id.stderr).toBe('peringatan: lebih dari 1 pengaduan cocok: hanya 1 pertama yang ditampilkan (pakai --limit atau persempit filter)\n');
    const en = await run(OFFICERS.superAdmin, ['--lang', 'en', 'complaint', 'list', '--limit', '1']);
    expect(en.stderr).toBe('warning: more than 1 complaints match: showing the first 1 (use --limit or narrow the filters)\n');
  });

  it('report overdue --fail-on-breach: the finding', async () => {
    const later = at('2026-04-30 10:00');
    const args = ['report', 'overdue', '--institution', '32.73', '--as-of', '2026-04-30T10:00:00+07:00', '--fail-on-breach', '1'];
    const id = await run(OFFICERS.superAdmin, args, later);
    expect(id.code, id.stderr).toBe(3);
    expect(id.stderr).toMatch(/^lapor: overdue: \d+ tahap pengaduan melewati batas waktu\n$/);
    const en = await run(OFFICERS.superAdmin, ['--lang', 'en', ...args], later);
    expect(en.stderr).toMatch(/^lapor: overdue: \d+ complaint timer\(s\) past their deadline\n$/);
  });

  it('report overdue and sla profile show: every meta key is labelled', async () => {
    const later = at('2026-04-30 10:00');
    const meta = (stdout: string) => stdout.split('\n\n')[0].split('\n');
    const overdue = ['report', 'overdue', '--institution', '32.73', '--as-of', '2026-04-30T10:00:00+07:00'];
    const id = meta((await run(OFFICERS.superAdmin, overdue, later)).stdout);
    expect(id).toEqual(expect.arrayContaining([expect.stringMatching(/^jumlah: \d+$/), 'identitas pelapor: disamarkan', 'data lama hasil impor: tidak disertakan']));
    const en = meta((await run(OFFICERS.superAdmin, ['--lang', 'en', ...overdue, '--include-legacy'], later)).stdout);
    expect(en).toEqual(expect.arrayContaining([expect.stringMatching(/^count: \d+$/), 'reporter identity: masked', 'legacy complaints: included']));
    const profile = (lang: string) => run(OFFICERS.superAdmin, ['--lang', lang, 'sla', 'profile', 'show', 'permenpan-62-2018']).then((r) => meta(r.stdout).slice(2)); // after the title and subtitle
    expect((await profile('id')).map((l) => l.split(': ')[0])).toEqual(['nama', 'versi', 'bawaan', 'berlaku dari']);
    expect(await profile('id')).toEqual(expect.arrayContaining(['nama: permenpan-62-2018', 'bawaan: ya']));
    expect((await profile('en')).map((l) => l.split(': ')[0])).toEqual(['name', 'version', 'default', 'valid from']);
  });

  it('codes in cells are labelled: officer roles, profile timers, what stopped a timer', async () => {
    const roles = async (lang: string) => (await run(OFFICERS.superAdmin, ['--lang', lang, 'officer', 'list', '--institution', '32.73', '--format', 'csv'])).stdout
      .split('\n').find((l) => l.startsWith(`${OFFICERS.liaisonDishub},`));
    expect(await roles('id')).toMatch(/^sari\.dishub,Sari Dewi,Pejabat Penghubung,32\.73,DISHUB,/);
    expect(await roles('en')).toMatch(/^sari\.dishub,Sari Dewi,liaison,32\.73,DISHUB,/);
    const targets = async (lang: string) => JSON.parse((await run(OFFICERS.superAdmin, ['--lang', lang, 'sla', 'profile', 'show', 'permenpan-62-2018', '--format', 'json'])).stdout).data.targets;
    expect((await targets('id'))[0]).toMatchObject({ timer: 'verification', timer_label: 'Verifikasi' });
    expect((await targets('en'))[0]).toMatchObject({ timer: 'verification', timer_label: 'Verification' });
    const stops = async (lang: string) => JSON.parse((await run(OFFICERS.superAdmin, ['--lang', lang, 'sla', 'explain', placed, '--format', 'json'])).stdout).data.timers;
    expect((await stops('id')).find((x: { timer: string }) => x.timer === 'verification')).toMatchObject({ stop_kind: 'dispose', stop_kind_label: 'Diverifikasi, disposisi ke instansi' });
    expect((await stops('en')).find((x: { timer: string }) => x.timer === 'verification')).toMatchObject({ stop_kind: 'dispose', stop_kind_label: 'Verified, disposed to institution' });
  });

  it('officer deactivate: the institution\'s last active admin', async () => {
    const first = await run(OFFICERS.superAdmin, ['officer', 'deactivate', OFFICERS.admin2, '--reason', 'mutasi', '--date', '2026-03-02']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const last = await run(OFFICERS.superAdmin, ['officer', 'deactivate', OFFICERS.admin, '--reason', 'mutasi', '--date', '2026-03-02']);
    expect(last.stderr).toBe('peringatan: 32.73 tidak lagi memiliki Admin Instansi yang aktif; daftarkan SK baru\n');
    const en = await run(OFFICERS.superAdmin, ['--lang', 'en', 'officer', 'deactivate', OFFICERS.otherAdmin, '--reason', 'mutasi', '--date', '2026-03-02']);
    expect(en.stderr).toBe('warning: 51.71 has no active Admin Instansi left; register a new decree\n');
  });
});
