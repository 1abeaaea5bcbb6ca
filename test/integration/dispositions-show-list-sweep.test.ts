import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { at, lapor, OFFICERS, seedOfficers, type Fixture } from './dispositions-setup.js';
import { addComplaint } from '../../src/db/complaints.js';
import { performAction } from '../../src/usecases/perform-action.js';
import { runSweep } from '../../src/db/sweep.js';
import { loadWorkCalendar } from '../../src/db/calendar.js';

describe.each(engineNames)('complaint show, list and sla sweep (%s)', (engine) => {
  let t: TestDb;
  let fx: Fixture;
  let plain: string;
  let anon: string;
  let secret: string;
  const now = at('2026-03-02 10:00');
  const add = (over: Record<string, unknown> = {}, who = 'superAdmin' as const) =>
    t.db.knex.transaction((trx) => addComplaint(trx, fx.actors[who], {
      channel: 'surat', class: 'pengaduan', body: 'Lampu jalan mati', receivedAt: at('2026-03-02 08:00'), anonymous: false, confidential: false,
      ...over,
    }, now));
  const act = (who: keyof Fixture['actors'], id: string, input: Parameters<typeof performAction>[3], when: Date) =>
    performAction(t.db.knex, fx.actors[who], id, input, when);

  beforeAll(async () => {
    t = await initialisedDb(engine);
    fx = await seedOfficers(t.db.knex);
    plain = (await add({ reporterName: 'Siti Rahmawati', reporterNik: '3273014501900001', reporterPhone: '081234567890', reporterEmail: 'siti@example.com' })).trackingId;
    anon = (await add({ anonymous: true })).trackingId;
    secret = (await add({ confidential: true, reporterName: 'Rahasia Sekali' })).trackingId;
    for (const id of [plain, anon, secret]) await act('superAdmin', id, { action: 'dispose', disposeTo: '32.73' }, now);
    await act('admin', plain, { action: 'forward', toUnit: 'DISHUB' }, at('2026-03-02 11:00'));
  });
  afterAll(async () => t?.cleanup());

  const run = (who: keyof typeof OFFICERS, args: string[]) => lapor(t.db, ['--as', OFFICERS[who], ...args], { now: at('2026-03-03 09:00') });

  it('masks reporter identity; a super_admin can reveal it, and that is audited; others may not', async () => {
    const masked = await run('admin', ['complaint', 'show', plain]);
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).toContain('S*** R***');
    expect(masked.stdout).not.toMatch(/Siti|3273014501900001|081234567890|siti@example/);
    expect((await run('admin', ['complaint', 'show', plain, '--reveal-identity'])).code).toBe(77);
    const before = Number((await t.db.knex('audit_log').count({ n: '*' }).first())?.n);
    const revealed = await run('superAdmin', ['complaint', 'show', plain, '--reveal-identity']);
    expect(revealed.stdout).toContain('Siti Rahmawati');
    expect(revealed.stdout).toContain('3273014501900001');
    const log = await t.db.knex('audit_log').orderBy('id', 'desc').first();
    expect(Number((await t.db.knex('audit_log').count({ n: '*' }).first())?.n)).toBe(before + 1);
    expect(log).toMatchObject({ actor: 'adminnas', action: 'reveal_identity' });
    expect(JSON.stringify(log.detail)).toContain(plain);
  });

  it('an anonymous complaint never shows identity', async () => {
    const r = await run('superAdmin', ['complaint', 'show', anon, '--format', 'json']);
    const rows = JSON.parse(r.stdout).data.complaint as { field: string; value: unknown }[];
    expect(rows.find((x) => x.field === 'reporter')?.value).toBe('(anonim)');
    expect((await t.db.knex('complaints').where({ tracking_id: anon }).first()).reporter_name).toBeNull();
  });

  it('a confidential complaint is shown only to the holding institution and super_admin', async () => {
    expect((await run('admin', ['complaint', 'show', secret])).code).toBe(0);
    expect((await run('supervisor', ['complaint', 'show', secret])).code).toBe(0);
    const other = await run('otherAdmin', ['complaint', 'show', secret]);
    // Scope first (issue 14 item 5): outside it, a rahasia complaint is refused like any other.
    expect([other.code, other.stderr]).toEqual([77, `lapor: complaint ${secret} is not with ${OFFICERS.otherAdmin}'s institution\n`]);
    const list = JSON.parse((await run('otherAdmin', ['complaint', 'list', '--format', 'json'])).stdout).data;
    expect(list).toEqual([]);
    // A liaison of the holding institution whose unit never had it: out of scope, nothing shown.
    const liaison = await run('liaisonDinkes', ['complaint', 'show', secret]);
    expect([liaison.code, liaison.stdout]).toEqual([77, '']);
    // Once returned, Bandung no longer holds it: its officers stop seeing it.
    await act('admin', secret, { action: 'return', reason: 'bukan wewenang' }, at('2026-03-02 12:00'));
    expect((await run('admin', ['complaint', 'show', secret])).code).toBe(77);
    // A former holder sees nothing of it: not its timers either.
    const explain = await run('admin', ['sla', 'explain', secret]);
    expect([explain.code, explain.stdout]).toEqual([77, '']);
    expect((await run('superAdmin', ['complaint', 'show', secret])).code).toBe(0);
  });

  it('list: scope, status, institution, unit and received-between filters', async () => {
    const ids = (r: { stdout: string }) => JSON.parse(r.stdout).data.map((x: { tracking_id: string }) => x.tracking_id);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--format', 'json']))).toEqual([plain, anon, secret]);
    expect(ids(await run('admin', ['complaint', 'list', '--format', 'json']))).toEqual([plain, anon]);
    expect(ids(await run('liaisonDishub', ['complaint', 'list', '--format', 'json']))).toEqual([plain]);
    expect(ids(await run('liaisonDinkes', ['complaint', 'list', '--format', 'json']))).toEqual([]);
    expect(ids(await run('otherAdmin', ['complaint', 'list', '--format', 'json']))).toEqual([]);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--status', 'with_unit', '--format', 'json']))).toEqual([plain]);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--status', 'returned,with_institution', '--format', 'json']))).toEqual([anon, secret]);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--institution', '32.73', '--unit', 'DISHUB', '--format', 'json']))).toEqual([plain]);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--received-from', '2026-03-03', '--format', 'json']))).toEqual([]);
    expect(ids(await run('superAdmin', ['complaint', 'list', '--received-to', '2026-03-02', '--format', 'json']))).toHaveLength(3);
    expect((await run('superAdmin', ['complaint', 'list', '--status', 'bogus'])).code).toBe(2);
    const table = await run('admin', ['complaint', 'list']);
    expect(table.stdout).toContain('Terdisposisi ke Unit Kerja');
    expect(table.stdout).toContain('(anonim)');
  });

  it('list --overdue: the running timer of each open complaint, past its deadline', async () => {
    const cal = await loadWorkCalendar(t.db.knex);
    // plain and anon were disposed on 2026-03-02 10:00 WIB: first follow-up due after 5 working days.
    const due = cal.deadline(now, 5, 'WIB');
    const list = (when: Date) => lapor(t.db, ['--as', OFFICERS.superAdmin, 'complaint', 'list', '--overdue', '--format', 'json'], { now: when });
    expect(JSON.parse((await list(due)).stdout).data).toEqual([]);
    const late = JSON.parse((await list(new Date(due.getTime() + 1000))).stdout).data;
    expect(late.map((x: { tracking_id: string; timer: string }) => [x.tracking_id, x.timer])).toEqual([[plain, 'first_follow_up'], [anon, 'first_follow_up']]);
  });

  it('sla sweep: closes after 10 working days without a reply, skips replied ones, idempotent, never ahead of time', async () => {
    const respondedAt = at('2026-03-05 10:00');
    await act('liaisonDishub', plain, { action: 'respond', body: 'Lampu sudah diganti' }, respondedAt);
    await act('admin', anon, { action: 'respond', body: 'Sudah ditangani' }, respondedAt);
    await act('admin', anon, { action: 'reply', body: 'Belum, masih mati' }, at('2026-03-06 10:00'));
    const cal = await loadWorkCalendar(t.db.knex);
    const deadline = cal.deadline(respondedAt, 10, 'WIB');
    expect((await runSweep(t.db.knex, { asOf: deadline, dryRun: false })).closed).toEqual([]);
    const after = new Date(deadline.getTime() + 60_000);
    const dry = await runSweep(t.db.knex, { asOf: after, dryRun: true });
    expect(dry.closed.map((c) => [c.trackingId, c.outcome])).toEqual([[plain, 'would_close']]);
    expect((await t.db.knex('complaints').where({ tracking_id: plain }).first()).status).toBe('responded');
    const r = await lapor(t.db, ['sla', 'sweep', '--as-of', after.toISOString()], { now: after });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(plain);
    // in the run's language, Indonesian here (issue 12; this expected the English text before)
    expect(r.stderr).toContain('1 dari 1 pengaduan yang sudah ditindaklanjuti ditutup otomatis');
    const c = await t.db.knex('complaints').where({ tracking_id: plain }).first();
    expect(c).toMatchObject({ status: 'closed', institution_id: fx.bandung, unit_id: fx.dishub });
    const last = await t.db.knex('complaint_events').where({ complaint_id: c.id }).orderBy('seq', 'desc').first();
    expect(last).toMatchObject({ kind: 'auto_close', actor: 'system', from_status: 'responded', to_status: 'closed', from_unit_id: fx.dishub, to_unit_id: fx.dishub });
    expect(new Date(last.at).getTime()).toBe(deadline.getTime() + 1000);
    const again = await lapor(t.db, ['sla', 'sweep', '--as-of', after.toISOString()], { now: after });
    // Nothing left to close: silence, so a cron job mails nobody.
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe('');
    const future = await lapor(t.db, ['sla', 'sweep', '--as-of', '2099-01-01'], { now: after });
    expect(future.code).toBe(2);
    // The reply reopened anon with its holder: not touched.
    expect((await t.db.knex('complaints').where({ tracking_id: anon }).first()).status).toBe('with_institution');
  });

  it('sla sweep closes legacy (imported) responded complaints too: closing is not an alert', async () => {
    const [{ id }] = await t.db.knex('complaints').insert({
      tracking_id: '70000000001', source: 'sms1708', external_id: 'L-1', channel: 'sms', received_at: '2019-03-01T02:00:00Z',
      class: 'aspirasi', body: 'Legacy', status: 'responded', institution_id: fx.bandung, legacy: true, version: 3,
    }).returning('id');
    const ev = (seq: number, kind: string, atIso: string, from: string | null, to: string, fromInst: number | null) => ({
      complaint_id: id, seq, kind, at: atIso, actor: 'import', from_status: from, to_status: to,
      from_institution_id: fromInst, to_institution_id: fx.bandung, legacy: true,
    });
    await t.db.knex('complaint_events').insert([
      { ...ev(1, 'received', '2019-03-01T02:00:00Z', null, 'received', null), to_institution_id: null },
      ev(2, 'dispose', '2019-03-01T03:00:00Z', 'received', 'with_institution', null),
      ev(3, 'respond', '2019-03-04T03:00:00Z', 'with_institution', 'responded', fx.bandung),
    ]);
    const when = at('2026-04-20 09:00');
    const r = await runSweep(t.db.knex, { asOf: when, dryRun: false });
    expect(r.closed.map((c) => [c.trackingId, c.legacy, c.outcome])).toEqual([['70000000001', true, 'closed']]);
    const last = await t.db.knex('complaint_events').where({ complaint_id: id }).orderBy('seq', 'desc').first();
    expect(last).toMatchObject({ seq: 4, kind: 'auto_close', legacy: false });
    expect(new Date(last.at).getFullYear()).toBe(2019);
    // 2019 has its official holiday list since 2015–2026 ship (issue 16 rule 5): nothing to warn about.
    expect(r.unofficialYears).toEqual([]);
  });

  it('sla sweep counts the auto-close period of the profile in force for the holder institution', async () => {
    const [{ id: profile }] = await t.db.knex('sla_profiles').insert({
      name: 'denpasar-cepat', version: 1, title: 'Standar Denpasar', valid_from: '2026-01-01', is_default: false,
      targets: JSON.stringify({ verification: 3, first_follow_up: 5, completion: { aspirasi: 5, permintaan_informasi: 5, pengaduan: 14, pengaduan_berkadar_pengawasan: 60 }, auto_close: 2 }),
    }).returning('id');
    await t.db.knex('institution_sla_profiles').insert({ institution_id: fx.denpasar, profile_id: profile, valid_from: '2026-01-01' });
    const id = (await add()).trackingId;
    await act('superAdmin', id, { action: 'dispose', disposeTo: '51.71' }, at('2026-04-06 09:00'));
    const respondedAt = at('2026-04-06 10:00');
    await act('otherAdmin', id, { action: 'respond', body: 'Selesai' }, respondedAt);
    const cal = await loadWorkCalendar(t.db.knex);
    const deadline = cal.deadline(respondedAt, 2, 'WITA');
    expect((await runSweep(t.db.knex, { asOf: deadline, dryRun: true })).closed).toEqual([]);
    const r = await runSweep(t.db.knex, { asOf: new Date(deadline.getTime() + 1), dryRun: false });
    expect(r.closed.map((c) => [c.trackingId, c.workingDays, c.outcome])).toEqual([[id, 2, 'closed']]);
  });
});
