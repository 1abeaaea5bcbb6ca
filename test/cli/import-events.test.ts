/**
 * `lapor import events`: whole legacy histories onto imported complaints, checked against the
 * life-cycle, idempotent per position, resumable; and the SLA engine counts them like any other
 * history: the same history replayed through `import events` and through the life-cycle verbs
 * gives the same `sla explain`. Both engines, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
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

    const args = (file: string, ...more: string[]) => ['import', 'events', file, '--source', 'legacy-portal', '--institution', '32.73', '--format', 'json', ...more];
    const importMore = async (name: string, keys: string[]) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, 'external_id,received_at,channel,class,body,status\n' + keys.map((k) => `${k},2025-07-07 07:30,sms,pengaduan,isi ${k},baru\n`).join(''));
      const r = await lapor('adminnas', 'import', 'complaints', f, '--source', 'legacy-portal', '--institution', '32.73');
      expect(r.code, r.stderr).toBe(0);
    };
    const complaint = (key: string) => t.db.knex('complaints').where({ source: 'legacy-portal', external_id: key }).first();
    const kinds = async (key: string) => (await t.db.knex('complaint_events').where('complaint_id', (await complaint(key)).id).orderBy('seq'))
      .map((e: { kind: string }) => e.kind);

    it('--rejects, CSV: every line of a rejected history in the source\'s encoding, delimiter and header; fixed and fed back, it is imported', async () => {
      await importMore('cx.csv', ['E', 'F', 'G', 'H']);
      // G's first step was imported before (a partial file)
      const gFirst = path.join(dir, 'g1.csv');
      fs.writeFileSync(gFirst, 'external_id,at,kind,to\nG,2025-07-08T09:00:00+07:00,verify,32.73\n');
      expect((await lapor('adminnas', ...args(gFirst))).code).toBe(0);
      // Windows-1252, `;`, a header without `from` or `reason`, an extra column; a cell that starts with `=`
      const src = path.join(dir, 'ev1252.csv');
      const text = [
        'external_id;at;kind;to;actor;text;catatan',
        'E;2025-07-08T09:00:00+07:00;verify;32.73;budi;;',
        'E;2025-07-09T09:00:00+07:00;respond;;budi;sudah;',
        'F;2025-07-08T09:00:00+07:00;verify;99.99;budi;;café',
        'F;2025-07-09T09:00:00+07:00;respond;;budi;=tidak ada biaya;',
        ';2025-07-09T09:00:00+07:00;hold;;budi;;',
        'G;2025-07-08T09:00:00+07:00;verify;32.73;budi;;',
        'G;2025-07-09T09:00:00+07:00;forward;NOPE;budi;;',
        'H;2025-07-08T09:00:00+07:00;archive;;budi;;',
      ].join('\r\n') + '\r\n';
      fs.writeFileSync(src, iconv.encode(text, 'win1252'));
      const rejects = path.join(dir, 'ev.rejects.csv');
      const r = await lapor('adminnas', ...args(src, '--rejects', rejects, '--lang', 'en'));
      expect(r.code, r.stderr).toBe(3);
      expect(JSON.parse(r.stdout).meta).toMatchObject({ read: 8, inserted: 2, duplicates: 1, rejected: 5, complaints_rejected: 3, rejects_file: rejects });
      expect(r.stderr).toMatch(/3 complaint history\(ies\) rejected \(5 event line\(s\)\): see .*ev\.rejects\.csv/);
      const out = iconv.decode(fs.readFileSync(rejects), 'win1252');
      expect(out.split('\r\n')).toEqual([
        'external_id;at;kind;to;actor;text;catatan;_line;_field;_reason',
        "F;2025-07-08T09:00:00+07:00;verify;99.99;budi;;café;4;to;'99.99' is not an institution code",
        "F;2025-07-09T09:00:00+07:00;respond;;budi;'=tidak ada biaya;;5;;not imported: this complaint's history has an illegal step on line 4",
        ';2025-07-09T09:00:00+07:00;hold;;budi;;;6;external_id;is empty: an event needs the external id of its complaint',
        'G;2025-07-08T09:00:00+07:00;verify;32.73;budi;;;7;;already imported (step 1 of its history), here so the history stays whole: leave it in',
        "G;2025-07-09T09:00:00+07:00;forward;NOPE;budi;;;8;to;'NOPE' is not a unit of the institution holding the complaint",
        'H;2025-07-08T09:00:00+07:00;archive;;budi;;;9;reason;archive needs a reason (the reason column)',
        '',
      ]);
      expect(await kinds('F')).toEqual(['received']);
      // import show renders the stored reasons in the reader's language (code and values are kept)
      const batch = String(JSON.parse(r.stdout).meta.batch);
      const shown = (lang: string) => lapor('adminnas', 'import', 'show', batch, '--format', 'json', '--lang', lang)
        .then((x) => JSON.parse(x.stdout).data.rejects as { line: number; reason: string; reason_code: string }[]);
      expect((await shown('id')).find((x) => x.line === 6)).toMatchObject({ reason_code: 'event_no_external_id', reason: expect.stringMatching(/^kosong: sebuah peristiwa/) });
      expect((await shown('en')).find((x) => x.line === 6)).toMatchObject({ reason: 'is empty: an event needs the external id of its complaint' });

      // fixed in a spreadsheet: F's institution, G's unit; the empty id's line removed; H left as it is
      const fixed = path.join(dir, 'ev.fixed.csv');
      fs.writeFileSync(fixed, iconv.encode(out.replace(';99.99;', ';32.73;').replace(';NOPE;', ';DISHUB;').replace(/^;2025.*\r\n/m, ''), 'win1252'));
      const again = path.join(dir, 'ev.again.csv');
      const b = await lapor('adminnas', ...args(fixed, '--rejects', again));
      expect(b.code, b.stderr).toBe(3);
      expect(JSON.parse(b.stdout).meta).toMatchObject({ read: 5, inserted: 3, duplicates: 1, rejected: 1 });
      expect(await kinds('F')).toEqual(['received', 'dispose', 'respond']);
      const fEvents = await t.db.knex('complaint_events').where('complaint_id', (await complaint('F')).id).orderBy('seq');
      expect(fEvents[2].body).toBe('=tidak ada biaya'); // the `'` put against formulas is gone again
      expect(await kinds('G')).toEqual(['received', 'dispose', 'forward']);
      // `_reason` is never read as the reason: H's archive is still without one (and said in Indonesian, the default)
      expect(await kinds('H')).toEqual(['received']);
      expect(iconv.decode(fs.readFileSync(again), 'win1252').split('\r\n')).toEqual([
        'external_id;at;kind;to;actor;text;catatan;_line;_field;_reason',
        'H;2025-07-08T09:00:00+07:00;archive;;budi;;;6;reason;archive memerlukan alasan (kolom reason)',
        '',
      ]);
    });

    it('--rejects, JSON Lines: a UTF-8 CSV with the event columns, fed back as it is', async () => {
      await importMore('cj.csv', ['J']);
      const src = path.join(dir, 'j.jsonl');
      fs.writeFileSync(src, [
        { external_id: 'J', at: '2025-07-08T09:00:00+07:00', kind: 'verify', to: '32.73', actor: 'budi', note: 'ignored' },
        { external_id: 'J', at: '2025-07-07T09:00:00+07:00', kind: 'forward', to: 'DISHUB', actor: 'budi' },
      ].map((o) => JSON.stringify(o)).join('\n') + '\n');
      const rejects = path.join(dir, 'j.rejects.csv');
      const r = await lapor('adminnas', ...args(src, '--rejects', rejects));
      expect(r.code, r.stderr).toBe(3);
      const bytes = fs.readFileSync(rejects);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const out = bytes.toString('utf8').slice(1);
      expect(out.split('\r\n')).toEqual([
        'external_id,at,kind,from,to,actor,reason,text,_line,_field,_reason',
        'J,2025-07-08T09:00:00+07:00,verify,,32.73,budi,,,1,,tidak diimpor: riwayat pengaduan ini memiliki langkah yang tidak sah di baris 2',
        'J,2025-07-07T09:00:00+07:00,forward,,DISHUB,budi,,,2,at,2025-07-07T02:00:00.000Z sebelum peristiwa pengaduan sebelumnya (2025-07-08T02:00:00.000Z)',
        '',
      ]);
      fs.writeFileSync(rejects, '\ufeff' + out.replace('2025-07-07T09:00', '2025-07-09T09:00'));
      const b = await lapor('adminnas', ...args(rejects));
      expect(b.code, b.stderr).toBe(0);
      expect(JSON.parse(b.stdout).meta).toMatchObject({ format: 'csv', read: 2, inserted: 2, rejected: 0 });
      expect(await kinds('J')).toEqual(['received', 'dispose', 'forward']);
    });

    it('--rejects naming the input is refused before anything is opened (2), the input untouched; an unwritable one is 74', async () => {
      const src = path.join(dir, 'same.csv');
      fs.writeFileSync(src, 'external_id,at,kind\nZZ,2025-07-08T09:00:00+07:00,hold\n');
      const before = fs.readFileSync(src);
      const batches = async () => Number((await t.db.knex('import_batches').count({ n: '*' }).first())!.n);
      const n = await batches();
      const same = await lapor('adminnas', ...args(src, '--rejects', `${dir}/./same.csv`));
      expect([same.code, same.stderr]).toEqual([2, expect.stringMatching(/--rejects .*same\.csv is the input file this run reads/)]);
      expect(fs.readFileSync(src)).toEqual(before);
      const missing = await lapor('adminnas', ...args(src, '--rejects', '/nonexistent-folder/r.csv'));
      expect([missing.code, missing.stderr]).toEqual([74, expect.stringMatching(/^lapor: cannot write \/nonexistent-folder\/r\.csv: no such folder/)]);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      const folder = await lapor('adminnas', ...args(src, '--rejects', dir));
      expect([folder.code, folder.stderr]).toEqual([74, expect.stringMatching(/it is a directory/)]);
      expect(await batches()).toBe(n);
      if (fs.existsSync('/dev/full')) {
        // a full disk shows at the first write: one line, 74, the batch failed, nothing written
        const full = await lapor('adminnas', ...args(src, '--rejects', '/dev/full'));
        expect([full.code, full.stderr.trim()]).toEqual([74, 'lapor: cannot write --rejects /dev/full: no space left on the device (ENOSPC)']);
        const last = await t.db.knex('import_batches').orderBy('id', 'desc').first();
        expect(last).toMatchObject({ status: 'failed', rows_read: 0 });
      }
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
