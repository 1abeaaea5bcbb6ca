import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { at, lapor, OFFICERS, seedOfficers, type Fixture } from './dispositions-setup.js';
import { loadWorkCalendar } from '../../src/db/calendar.js';
import { formatInstant } from '../../src/domain/time.js';

describe.each(engineNames)('the whole walk of one complaint (%s)', (engine) => {
  let t: TestDb;
  let fx: Fixture;
  beforeAll(async () => {
    t = await initialisedDb(engine);
    fx = await seedOfficers(t.db.knex);
  });
  afterAll(async () => t?.cleanup());

  const run = (as: string, args: string[], now: Date) => lapor(t.db, ['--as', as, ...args], { now });

  it('received → disposed → forwarded → returned by the unit → forwarded again → returned (Bukan Wewenang) → disposed elsewhere → responded → auto-closed', async () => {
    const added = await run(OFFICERS.superAdmin, ['complaint', 'add', '--channel', 'surat', '--class', 'pengaduan',
      '--title', 'Jalan berlubang di Jl. Soekarno-Hatta', '--body', 'Jalan rusak parah sejak Januari, membahayakan pengendara.',
      '--category', 'infrastruktur', '--region', '32.73', '--reporter-name', 'Siti Rahmawati', '--reporter-nik', '3273014501900001',
      '--reporter-phone', '081234567890', '--reporter-email', 'siti@example.com', '--received-at', '2026-03-02T09:00:00+07:00'],
    at('2026-03-02 09:05'));
    // in the run's language, Indonesian here (issue 12; this expected the English text before)
    expect(added.stderr).toContain('menunggu verifikasi oleh Admin Nasional');
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^[1-9]\d{10}$/);

    const steps: [string, string[], string][] = [
      [OFFICERS.superAdmin, ['complaint', 'verify', id, '--dispose-to', '32.73'], '2026-03-02 10:00'],
      [OFFICERS.admin, ['complaint', 'forward', id, '--to', 'DISHUB'], '2026-03-03 09:00'],
      [OFFICERS.liaisonDishub, ['complaint', 'return', id, '--reason', 'Jalan kota ditangani Dinas PUPR, bukan Dishub'], '2026-03-03 13:00'],
      [OFFICERS.admin, ['complaint', 'forward', id, '--to', 'DINKES'], '2026-03-04 08:30'],
      [OFFICERS.liaisonDinkes, ['complaint', 'return', id, '--reason', 'Bukan urusan kesehatan'], '2026-03-04 11:00'],
      [OFFICERS.admin, ['complaint', 'return', id, '--reason', 'Jalan nasional: kewenangan Kementerian PU, bukan Pemkot'], '2026-03-04 15:00'],
    ];
    for (const [as, args, when] of steps) {
      const r = await run(as, args, at(when));
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    // Returned by 32.73: disposing it back there is refused, to another institution it goes.
    const back = await run(OFFICERS.superAdmin, ['complaint', 'verify', id, '--dispose-to', '32.73'], at('2026-03-05 09:00'));
    expect(back.code).toBe(65);
    expect(back.stderr).toContain('returned complaint');
    const redispose = await run(OFFICERS.superAdmin, ['complaint', 'verify', id, '--dispose-to', '51.71'], at('2026-03-05 09:10'));
    expect(redispose.code, redispose.stderr).toBe(0);
    const respond = await run(OFFICERS.otherAdmin, ['complaint', 'respond', id, '--text', 'Sudah diteruskan dan diperbaiki pada 9 Maret.'],
      at('2026-03-10 10:00'));
    expect(respond.code, respond.stderr).toBe(0);

    // Auto-close: the end of the 10th working day after the local (WITA) date of the respond.
    const cal = await loadWorkCalendar(t.db.knex);
    const deadline = cal.deadline(new Date('2026-03-10T10:00:00+07:00'), 10, 'WITA');
    const early = await lapor(t.db, ['sla', 'sweep', '--as-of', deadline.toISOString(), '--format', 'json'], { now: deadline });
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toBe('');
    const after = new Date(deadline.getTime() + 1000);
    const sweep = await lapor(t.db, ['sla', 'sweep', '--as-of', after.toISOString(), '--format', 'json'], { now: after });
    expect(sweep.code, sweep.stderr).toBe(0);
    const closed = JSON.parse(sweep.stdout).data;
    expect(closed.map((c: { tracking_id: string }) => c.tracking_id)).toEqual([id]);
    expect(closed[0].closed_at).toBe(formatInstant(after, 'WITA'));
    // Idempotent: a second run (an hour later, from cron) closes nothing more.
    const again = await lapor(t.db, ['sla', 'sweep', '--format', 'json'], { now: new Date(after.getTime() + 3600_000) });
    expect(again.stdout).toBe('');

    // The history, as stored: every event fills from_* and to_*, each from_* is the previous to_*.
    const c = await t.db.knex('complaints').where({ tracking_id: id }).first();
    const events = await t.db.knex('complaint_events').where({ complaint_id: c.id }).orderBy('seq');
    expect(events.map((e) => e.kind)).toEqual([
      'received', 'dispose', 'forward', 'return_to_admin', 'forward', 'return_to_admin', 'return', 'dispose', 'respond', 'auto_close',
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) {
      expect(events[i].from_status).toBe(events[i - 1].to_status);
      expect(events[i].from_institution_id).toBe(events[i - 1].to_institution_id);
      expect(events[i].from_unit_id).toBe(events[i - 1].to_unit_id);
      expect(new Date(events[i].at).getTime()).toBeGreaterThanOrEqual(new Date(events[i - 1].at).getTime());
    }
    const ret = events[6];
    expect(ret).toMatchObject({ from_institution_id: fx.bandung, to_institution_id: null, to_status: 'returned' });
    expect(events[3]).toMatchObject({ from_unit_id: fx.dishub, to_unit_id: null, to_status: 'with_institution' });
    expect(events[9]).toMatchObject({ actor: 'system', actor_id: null, to_status: 'closed', to_institution_id: fx.denpasar });
    expect(c).toMatchObject({ status: 'closed', institution_id: fx.denpasar, unit_id: null, version: events.length });

    // `complaint show` prints that whole history.
    const show = await run(OFFICERS.superAdmin, ['complaint', 'show', id], at('2026-04-01 09:00'));
    expect(show.code, show.stderr).toBe(0);
    for (const label of ['Diterima', 'Diverifikasi, disposisi ke instansi', 'Diteruskan ke unit kerja', 'Dikembalikan ke admin instansi',
      'Dikembalikan (Bukan Wewenang)', 'Tindak lanjut', 'Ditutup otomatis']) {
      expect(show.stdout).toContain(label);
    }
    for (const who of ['adminnas', 'budi.santoso', 'sari.dishub', 'andi.dinkes', 'made.putra', 'system']) expect(show.stdout).toContain(who);
    expect(show.stdout).toContain('Bukan urusan kesehatan');
    expect(show.stdout).toContain('10-03-2026 11.00 WITA'); // the respond, in Denpasar's WITA
    expect(show.stdout).toContain('Selesai');
    // Identity masked for everyone by default.
    expect(show.stdout).not.toContain('Siti Rahmawati');
    expect(show.stdout).not.toContain('3273014501900001');
    const json = JSON.parse((await run(OFFICERS.superAdmin, ['complaint', 'show', id, '--format', 'json'], at('2026-04-01 09:00'))).stdout);
    expect(json.data.timeline).toHaveLength(10);
    expect(json.data.timeline.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
