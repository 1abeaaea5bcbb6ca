/**
 * `lapor import events`: whole legacy histories onto imported complaints, checked against the
 * life-cycle, idempotent per position, resumable; and the SLA engine counts them like any other
 * history: the same history replayed through `import events` and through the life-cycle verbs
 * gives the same `sla explain`. Both engines, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { seedOfficers, OFFICERS, type Fixture } from '../integration/dispositions-setup.js';
import { performAction, type ActionInput } from '../../src/usecases/perform-action.js';
import { addComplaint } from '../../src/db/complaints.js';
import { withTransaction } from '../../src/db/tx.js';

const NOW = new Date('2025-08-01T03:00:00Z');
const t7 = (s: string) => `${s}+07:00`;

/** One history: [at, kind, to, actor, reason, text] and the life-cycle verb that writes it. */
type Step = { at: string; kind: string; to?: string; by: keyof typeof OFFICERS; reason?: string; text?: string; input: ActionInput };
const HISTORY_A: Step[] = [
  { at: '2025-07-07T07:45:00', kind: 'hold', by: 'superAdmin', reason: 'menunggu data', input: { action: 'hold', reason: 'menunggu data' } },
  { at: '2025-07-08T17:00:00', kind: 'resume', by: 'superAdmin', input: { action: 'resume' } },
  { at: '2025-07-11T10:00:00', kind: 'verify', to: '32.73', by: 'superAdmin', input: { action: 'dispose', disposeTo: '32.73' } },
  { at: '2025-07-14T09:00:00', kind: 'forward', to: 'DISHUB', by: 'admin', input: { action: 'forward', toUnit: 'DISHUB' } },
  { at: '2025-07-14T15:00:00', kind: 'return_to_admin', by: 'liaisonDishub', reason: 'bukan tugas kami', input: { action: 'return_to_admin', reason: 'bukan tugas kami' } },
  { at: '2025-07-16T10:00:00', kind: 'follow-up', by: 'admin', text: 'sedang ditangani', input: { action: 'respond', body: 'sedang ditangani' } },
  { at: '2025-07-17T08:00:00', kind: 'reply', by: 'admin', text: 'belum selesai', input: { action: 'reply', body: 'belum selesai' } },
  { at: '2025-07-18T10:00:00', kind: 'respond', by: 'admin', text: 'sudah diperbaiki', input: { action: 'respond', body: 'sudah diperbaiki' } },
  { at: '2025-07-21T09:00:00', kind: 'close', by: 'admin', input: { action: 'close' } },
];
const HISTORY_B: Step[] = [
  { at: '2025-07-08T09:00:00', kind: 'dispose', to: '51.71', by: 'superAdmin', input: { action: 'dispose', disposeTo: '51.71' } },
  { at: '2025-07-10T11:00:00', kind: 'Bukan Wewenang', by: 'otherAdmin', reason: 'jalan kota Bandung', input: { action: 'return', reason: 'jalan kota Bandung' } },
  { at: '2025-07-11T08:00:00', kind: 'redispose', to: '32.73', by: 'superAdmin', input: { action: 'dispose', disposeTo: '32.73' } },
  { at: '2025-07-22T10:00:00', kind: 'tindak lanjut', by: 'admin', text: 'dijadwalkan', input: { action: 'respond', body: 'dijadwalkan' } },
];

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

for (const engine of engineNames) {
  describe(`import events (${engine})`, () => {
    let t: TestDb;
    let fx: Fixture;
    const dir = tempDir('lapor-events-');
    const lapor = (as: string, ...args: string[]) => runMain(['--as', as, ...args], { db: t.db, now: NOW });
    const complaintsFile = path.join(dir, 'c.csv');

    beforeAll(async () => {
      t = await initialisedDb(engine, { today: '2025-08-01' });
      fx = await seedOfficers(t.db.knex);
      fs.writeFileSync(complaintsFile, 'external_id,received_at,channel,class,body,status\n' +
        'A,2025-07-07 07:30,sms,pengaduan,jalan rusak,Belum Diverifikasi\nB,2025-07-07 08:00,sms,pengaduan,lampu mati,baru\n' +
        'C,2025-07-07 09:00,sms,pengaduan,sampah,baru\nD,2025-07-07 09:00,sms,pengaduan,banjir,baru\n');
      const r = await lapor('adminnas', 'import', 'complaints', complaintsFile, '--source', 'legacy-portal', '--institution', '32.73');
      expect(r.code, r.stderr).toBe(0);
    });
    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const eventsCsv = (rows: Array<[string, Step]>) => 'external_id,at,kind,from,to,actor,reason,text\n' +
      rows.map(([id, s]) => [id, t7(s.at), s.kind, '', s.to ?? '', OFFICERS[s.by], s.reason ?? '', s.text ?? ''].map(csvCell).join(',')).join('\n') + '\n';

    it('loads whole histories; resumable and idempotent per position; an illegal step rejects that history with its line', async () => {
      // a first, partial run (as if interrupted): A's first four events
      const part = path.join(dir, 'part.csv');
      fs.writeFileSync(part, eventsCsv(HISTORY_A.slice(0, 4).map((s) => ['A', s])));
      const p = await lapor('adminnas', 'import', 'events', part, '--source', 'legacy-portal', '--institution', '32.73', '--format', 'json');
      expect(p.code, p.stderr).toBe(0);
      expect(JSON.parse(p.stdout).meta).toMatchObject({ read: 4, inserted: 4, duplicates: 0, rejected: 0 });

      const full = path.join(dir, 'events.csv');
      const illegal: Step = { at: '2025-07-08T09:00:00', kind: 'forward', to: 'DISHUB', by: 'admin', input: { action: 'forward' } };
      const rows: Array<[string, Step]> = [...HISTORY_A.map((s) => ['A', s] as [string, Step]), ...HISTORY_B.map((s) => ['B', s] as [string, Step]),
        ['C', illegal], ['C', HISTORY_A[2]], ['Z', HISTORY_A[0]]];
      fs.writeFileSync(full, eventsCsv(rows));
      const r = await lapor('adminnas', 'import', 'events', full, '--source', 'legacy-portal', '--institution', '32.73', '--format', 'json', '--lang', 'en');
      expect(r.code).toBe(3);
      const doc = JSON.parse(r.stdout);
      expect(doc.meta).toMatchObject({ read: 16, inserted: 5 + 4, duplicates: 4, rejected: 3, complaints: 4, complaints_rejected: 2 });
      const rej = doc.data.rejects as { line: number; field: string; reason: string }[];
      expect(rej).toEqual(expect.arrayContaining([
        expect.objectContaining({ line: 15, reason: expect.stringMatching(/is received .*forward is possible only when it is with_institution/), reason_code: 'event_wrong_state' }),
        expect.objectContaining({ line: 16, reason: expect.stringMatching(/illegal step on line 15/) }),
        expect.objectContaining({ line: 17, field: 'external_id', reason: expect.stringMatching(/no complaint 'Z'/) }),
      ]));
      const a = await t.db.knex('complaints').where({ source: 'legacy-portal', external_id: 'A' }).first();
      expect(a).toMatchObject({ status: 'closed', institution_id: fx.bandung, unit_id: null, version: 1 + HISTORY_A.length });
      const ev = await t.db.knex('complaint_events').where('complaint_id', a.id).orderBy('seq');
      expect(ev.map((e: { kind: string }) => e.kind)).toEqual(['received', 'hold', 'resume', 'dispose', 'forward', 'return_to_admin', 'respond', 'reply', 'respond', 'close']);
      expect(ev[4]).toMatchObject({ actor: 'budi.santoso', to_unit_id: fx.dishub, import_position: 4 });
      const c = await t.db.knex('complaints').where({ source: 'legacy-portal', external_id: 'C' }).first();
      expect(c.status).toBe('received');
      // again: nothing new
      // (one complaint a chunk: the stream's chunk boundaries change nothing)
      const again = await lapor('adminnas', 'import', 'events', full, '--source', 'legacy-portal', '--institution', '32.73', '--format', 'json', '--chunk', '1');
      expect(JSON.parse(again.stdout).meta).toMatchObject({ read: 16, inserted: 0, duplicates: 13, rejected: 3 });
      // JSON Lines too
      const jl = path.join(dir, 'd.jsonl');
      fs.writeFileSync(jl, HISTORY_B.map((s) => JSON.stringify({ external_id: 'D', at: t7(s.at), kind: s.kind, to: s.to ?? null, actor: OFFICERS[s.by], reason: s.reason ?? null, text: s.text ?? null })).join('\n') + '\n');
      const j = await lapor('adminnas', 'import', 'events', jl, '--source', 'legacy-portal', '--institution', '32.73', '--format', 'json');
      expect(JSON.parse(j.stdout).meta).toMatchObject({ format: 'jsonl', read: 4, inserted: 4 });
      const rv = await lapor('adminnas', 'import', 'revert', String(JSON.parse(j.stdout).meta.batch), '--yes');
      expect([rv.code, rv.stderr]).toEqual([65, expect.stringMatching(/imported histories/)]);
      // a complaints batch whose complaints have an imported history since: kept, and listed
      const cb = await t.db.knex('import_batches').where({ source: 'legacy-portal' }).orderBy('id').first('id');
      const dry = await lapor('adminnas', 'import', 'revert', String(cb.id), '--dry-run', '--format', 'json');
      expect(JSON.parse(dry.stdout).meta).toMatchObject({ found: 4, would_remove: 1, kept: 3 });
    });

    it('a complaint whose lines come back after other complaints\' lines stops the run (65) naming both lines', async () => {
      const split = path.join(dir, 'split.csv');
      fs.writeFileSync(split, eventsCsv([['D', HISTORY_A[0]], ['C', HISTORY_A[0]], ['D', HISTORY_A[1]]]));
      const r = await lapor('adminnas', 'import', 'events', split, '--source', 'legacy-portal', '--institution', '32.73', '--dry-run');
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/line 4 is an event of complaint 'D' again, after other complaints' lines \(its lines ended on line 2\)/);
      expect(r.stderr).toMatch(/sort the file by external id/);
    });

    it('the same history through import events and through the life-cycle verbs: identical sla explain', async () => {
      for (const [key, history, receivedAt] of [['A', HISTORY_A, '2025-07-07T07:30:00'], ['B', HISTORY_B, '2025-07-07T08:00:00']] as const) {
        const imported = await t.db.knex('complaints').where({ source: 'legacy-portal', external_id: key }).first();
        const added = await withTransaction(t.db.knex, (trx) => addComplaint(trx, fx.actors.superAdmin, {
          channel: 'sms', class: 'pengaduan', body: 'replay', receivedAt: new Date(t7(receivedAt)), anonymous: false, confidential: false,
        }, NOW));
        for (const s of history) await performAction(t.db.knex, fx.actors[s.by], added.trackingId, s.input, new Date(t7(s.at)));
        const explain = async (tid: string) => {
          const r = await lapor('adminnas', 'sla', 'explain', tid, '--as-of', '2025-08-01', '--format', 'json');
          expect(r.code, r.stderr).toBe(0);
          return r.stdout.split(tid).join('TRACKING');
        };
        const viaImport = await explain(imported.tracking_id);
        expect(viaImport).toMatch(/first|verif/i);
        expect(await explain(added.trackingId)).toBe(viaImport);
      }
    });
  });
}
