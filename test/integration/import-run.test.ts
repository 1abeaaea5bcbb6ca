import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { findOfficer } from '../../src/db/actor.js';
import { defaultMapping, parseMapping, type Mapping } from '../../src/domain/import/mapping.js';
import { ImportStopped, runImport, type ImportOptions } from '../../src/usecases/import/run.js';
import { isWellFormedTrackingId, trackingIdFromSequence } from '../../src/domain/tracking.js';
import type { Actor } from '../../src/domain/actor.js';
import { DataError, NotPermittedError } from '../../src/errors.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/legacy');
const NOW = new Date('2026-01-15T03:00:00Z');
const fixtureMap = (name: string) => parseMapping(fs.readFileSync(path.join(FIX, name), 'utf8'), name);

/** Every batch adds up; every complaint's history follows docs/events.md. */
async function expectConsistent(t: TestDb): Promise<void> {
  const k = t.db.knex;
  const batches = await k('import_batches').select('*');
  for (const b of batches) {
    expect(b.status, `batch ${b.id}`).not.toBe('running');
    expect(Number(b.rows_read)).toBe(Number(b.rows_inserted) + Number(b.rows_duplicate) + Number(b.rows_rejected));
    const [{ n }] = await k('complaints').where('import_batch_id', b.id).count({ n: '*' });
    expect(Number(n), `complaints of batch ${b.id}`).toBe(b.dry_run ? 0 : Number(b.rows_inserted));
    const [{ r }] = await k('import_rejects').where('batch_id', b.id).count({ r: '*' });
    expect(Number(r), `rejects of batch ${b.id}`).toBe(Number(b.rows_rejected));
  }
  const bad = await k.raw(`
    with e as (
      select e.*, lag(e.to_status) over w as prev_status, lag(e.to_institution_id) over w as prev_inst,
             lag(e.to_unit_id) over w as prev_unit, lag(e.at) over w as prev_at,
             row_number() over w as rn, count(*) over (partition by e.complaint_id) as n
      from complaint_events e join complaints c on c.id = e.complaint_id where c.legacy
      window w as (partition by e.complaint_id order by e.seq))
    select e.complaint_id, e.seq, e.kind from e join complaints c on c.id = e.complaint_id
    where e.seq <> e.rn or not e.legacy
       or (e.seq = 1 and (e.kind <> 'received' or e.at <> c.received_at or e.from_status is not null or e.to_status <> 'received'))
       or (e.seq > 1 and (e.from_status is distinct from e.prev_status or e.from_institution_id is distinct from e.prev_inst
           or e.from_unit_id is distinct from e.prev_unit or e.at < e.prev_at))
       or (e.seq = e.n and (e.to_status <> c.status or e.to_institution_id is distinct from c.institution_id
           or e.to_unit_id is distinct from c.unit_id or c.version <> e.n))`);
  expect(bad.rows).toEqual([]);
  // The sequences are past every id the imports used (PGlite reserves a chunk's ids as one block):
  // the next complaint, of whatever kind, collides with none.
  const next = (await k.raw(`select nextval(pg_get_serial_sequence('complaints', 'id')) as id, nextval('complaint_tracking_seq') as t`)).rows[0];
  const taken = await k('complaints').where('id', '>=', Number(next.id)).orWhere('tracking_id', trackingIdFromSequence(Number(next.t))).count({ n: '*' }).first();
  expect(Number(taken!.n)).toBe(0);
}

for (const engine of engineNames) {
  describe(`import complaints (${engine})`, () => {
    let t: TestDb;
    let admin: Actor;
    const dir = tempDir('lapor-import-');
    const run = (o: Partial<ImportOptions> & { file: string; source: string; mapping: Mapping }) =>
      runImport(t.db, { dryRun: false, encoding: 'auto', delimiter: 'auto', actor: admin, now: NOW, ...o });

    beforeAll(async () => {
      t = await initialisedDb(engine);
      admin = (await findOfficer(t.db.knex, 'adminnas'))!;
    });
    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports the SMS hotline log: counts add up, rejects explain every bad row, history is written', async () => {
      const rejects = path.join(dir, 'sms.rejects.csv');
      const s = await run({ file: path.join(FIX, 'sms-1708.csv'), source: 'sms-1708', mapping: fixtureMap('sms-1708.map.yaml'), mappingFile: 'sms', rejectsFile: rejects });
      expect([s.read, s.inserted, s.duplicates, s.rejected]).toEqual([21, 15, 1, 5]);
      expect(s.status).toBe('done');
      const rows = await t.db.knex('import_rejects').where('batch_id', s.batchId).orderBy('line_no').select('line_no', 'field', 'reason', 'raw');
      expect(rows.map((r) => [Number(r.line_no), r.field])).toEqual([
        [7, 'reporter_phone'], [9, 'received_at'], [10, 'body'], [14, 'closed_at'], [17, 'status']]);
      expect(rows[0].raw).toMatch(/^SMS1708-2019-000106,2019-03-14 21:30:00,08123,/);
      // The rejects file: the source's header and cells, then _line,_field,_reason (CRLF, for Excel).
      const file = fs.readFileSync(rejects, 'utf8').trimEnd().split('\r\n');
      expect(file[0]).toBe('ID Pesan,Waktu Terima,Nomor Pengirim,Isi Pesan,Status,Waktu Balas,Isi Balasan,Waktu Selesai,_line,_field,_reason');
      expect(file).toHaveLength(6);
      expect(file[1]).toMatch(/^SMS1708-2019-000106,2019-03-14 21:30:00,08123,.*,7,reporter_phone,"'08123' is not an Indonesian phone number \(08…, \+628…, 628…\)"$/);
      const c = await t.db.knex('complaints').where({ source: 'sms-1708', external_id: 'SMS1708-2019-000101' }).first();
      expect(c).toMatchObject({ channel: 'sms', class: 'pengaduan', status: 'closed', legacy: true, reporter_phone: '+6281234567890', import_batch_id: s.batchId });
      expect(new Date(c.received_at).toISOString()).toBe('2019-03-12T01:14:22.000Z'); // 08:14:22 WIB
      expect(isWellFormedTrackingId(c.tracking_id)).toBe(true);
      const ev = await t.db.knex('complaint_events').where('complaint_id', c.id).orderBy('seq');
      expect(ev.map((e) => e.kind)).toEqual(['received', 'dispose', 'respond', 'close']);
      expect(ev[2].body).toMatch(/DPUPR/);
      const unverified = await t.db.knex('complaints').where({ source: 'sms-1708', external_id: 'SMS1708-2019-000110' }).first();
      expect(unverified).toMatchObject({ status: 'with_institution' });
      await expectConsistent(t);
    });

    it('reads in a worker or in this thread alike: the same rows, events, rejects and counts', async () => {
      const file = path.join(FIX, 'front-desk.csv');
      const mapping = fixtureMap('front-desk.map.yaml');
      const runs = [];
      for (const reader of ['worker', 'main'] as const) {
        // batches of 3 rows: several chunks, the worker's read ahead of the writer
        const s = await run({ file, source: `reader-${reader}`, mapping, reader, batchSize: 3 });
        const complaints = await t.db.knex('complaints').where('import_batch_id', s.batchId).orderBy('external_id')
          .select('external_id', 'channel', 'received_at', 'class', 'category', 'title', 'body', 'region_code', 'reporter_name',
            'reporter_nik', 'reporter_phone', 'reporter_email', 'anonymous', 'confidential', 'institution_id', 'unit_id', 'status', 'version');
        const events = await t.db.knex('complaint_events as e').join('complaints as c', 'c.id', 'e.complaint_id').where('c.import_batch_id', s.batchId)
          .orderBy(['c.external_id', 'e.seq']).select('c.external_id', 'e.seq', 'e.kind', 'e.at', 'e.actor', 'e.from_status', 'e.to_status', 'e.reason', 'e.body');
        const rejects = await t.db.knex('import_rejects').where('batch_id', s.batchId).orderBy('line_no').select('line_no', 'field', 'reason', 'reason_code', 'raw');
        runs.push({ counts: [s.read, s.inserted, s.duplicates, s.rejected, s.unverified], firstRejects: s.firstRejects, complaints, events, rejects });
      }
      expect(runs[0].complaints.length).toBeGreaterThan(3);
      expect(runs[0].rejects.length).toBeGreaterThan(0);
      expect(runs[0]).toEqual(runs[1]);
      await expectConsistent(t);
    });

    it('a worker\'s first chunks are small and double up to the batch size; a batch size given is kept from the first', async () => {
      const file = path.join(dir, 'ramp.csv');
      const lines = ['external_id,received_at,channel,class,body'];
      for (let i = 1; i <= 3500; i++) lines.push(`R${i},2024-02-0${1 + (i % 9)} 08:00,sms,pengaduan,keluhan ${i}`);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const sizes = async (source: string, batchSize?: number) => {
        // chunk by chunk, in the file's order (PostgreSQL's two sessions may commit them in another)
        const read: number[] = [];
        await run({ file, source, mapping: defaultMapping(), institution: '32.73', reader: 'worker', batchSize, onChunk: (c) => { read[c.chunk - 1] = c.read; } });
        return read;
      };
      expect(await sizes('ramp-default')).toEqual([1000, 2000, 500]);
      expect(await sizes('ramp-given', 1500)).toEqual([1500, 1500, 500]);
    });

    it('re-running the same file inserts nothing and says so', async () => {
      const s = await run({ file: path.join(FIX, 'sms-1708.csv'), source: 'sms-1708', mapping: fixtureMap('sms-1708.map.yaml') });
      expect([s.read, s.inserted, s.duplicates, s.rejected]).toEqual([21, 0, 16, 5]);
      expect(s.message).toMatch(/nothing new/);
      await expectConsistent(t);
    });

    it('imports the web-form export (UTF-8 BOM, CRLF, newlines in quotes)', async () => {
      const s = await run({ file: path.join(FIX, 'web-form.csv'), source: 'web', mapping: fixtureMap('web-form.map.json') });
      expect([s.read, s.inserted, s.duplicates, s.rejected]).toEqual([12, 7, 0, 5]);
      expect(s.encoding).toBe('utf8');
      const rej = await t.db.knex('import_rejects').where('batch_id', s.batchId).orderBy('line_no');
      expect(rej.map((r) => r.field)).toEqual(['reporter_nik', 'reporter_email', 'region_code', 'class', null]);
      expect(rej[4].reason).toMatch(/has 12 field\(s\), the header has 19/);
      const c = await t.db.knex('complaints').where({ source: 'web', external_id: 'WEB-2020-0001' }).first();
      expect(c.body).toBe('Jalan di depan RS Hermina berlubang,\nsudah beberapa kali ada kecelakaan motor.\nMohon segera diperbaiki.');
      expect(c).toMatchObject({ channel: 'web', region_code: '32.73', reporter_nik: '3273014506850002', status: 'closed' });
      const anon = await t.db.knex('complaints').where({ source: 'web', external_id: 'WEB-2020-0002' }).first();
      expect(anon).toMatchObject({ anonymous: true, channel: 'mobile_app', class: 'aspirasi', status: 'responded' });
      await expectConsistent(t);
    });

    it('imports the Windows-1252 front-desk register (; dd/mm/yyyy, month names, Excel serial, WITA, fingerprints)', async () => {
      const m = fixtureMap('front-desk.map.yaml');
      // Detection, not the mapping's word: no encoding, no delimiter given.
      m.encoding = undefined;
      m.delimiter = undefined;
      const s = await run({ file: path.join(FIX, 'front-desk.csv'), source: 'loket', mapping: m });
      expect([s.read, s.inserted, s.duplicates, s.rejected]).toEqual([12, 8, 0, 4]);
      expect(s.encoding).toBe('windows-1252');
      expect(s.delimiter).toBe(';');
      expect(s.timeZone).toBe('WITA');
      const rej = await t.db.knex('import_rejects').where('batch_id', s.batchId).orderBy('line_no');
      expect(rej.map((r) => [Number(r.line_no), r.field])).toEqual([[5, 'received_at'], [6, 'channel'], [7, null], [9, 'reporter_phone']]);
      const rows = await t.db.knex('complaints').where('source', 'loket').orderBy('received_at');
      expect(rows.every((r) => /^fp:[0-9a-f]{32}$/.test(r.external_id))).toBe(true);
      expect(new Date(rows[0].received_at).toISOString()).toBe('2019-02-04T00:30:00.000Z'); // 08:30 WITA
      const cafe = rows.find((r) => r.body.startsWith('Café'))!;
      expect(cafe.body).toBe('Café di Jl. Somba Opu buang limbah ke saluran – bau sekali');
      expect(new Date(cafe.received_at).toISOString()).toBe('2019-02-08T01:00:00.000Z'); // serial 43504,375 = 09:00 WITA
      const named = rows.find((r) => r.body.startsWith('Lampu jalan'))!;
      const ev = await t.db.knex('complaint_events').where('complaint_id', named.id).orderBy('seq');
      expect(new Date(ev[2].at).toISOString()).toBe('2019-02-05T06:00:00.000Z'); // "5 Februari 2019 14.00" WITA
      const inst = await t.db.knex('institutions').where('code', '73.71').first();
      expect(rows.every((r) => r.institution_id === inst.id)).toBe(true);
      const again = await run({ file: path.join(FIX, 'front-desk.csv'), source: 'loket', mapping: m });
      expect([again.inserted, again.duplicates]).toEqual([0, 8]);
      await expectConsistent(t);
    });

    it('reads UTF-16LE (Excel "Unicode text", tab-separated)', async () => {
      const text = fs.readFileSync(path.join(FIX, 'web-form.csv'), 'utf8').replace(/^\uFEFF/, '');
      const file = path.join(dir, 'web16.txt');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const s = await run({ file, source: 'web16', mapping: fixtureMap('web-form.map.json') });
      expect([s.read, s.inserted, s.rejected, s.encoding]).toEqual([12, 7, 5, 'utf16le']);
    });

    it('a dry run counts but writes no complaint', async () => {
      const s = await run({ file: path.join(FIX, 'web-form.csv'), source: 'web-dry', mapping: fixtureMap('web-form.map.json'), dryRun: true });
      expect([s.read, s.inserted, s.rejected]).toEqual([12, 7, 5]);
      expect(await t.db.knex('complaints').where('source', 'web-dry').count({ n: '*' }).first()).toMatchObject({ n: 0 });
      const b = await t.db.knex('import_batches').where('id', s.batchId).first();
      expect(b).toMatchObject({ dry_run: true, status: 'done' });
      await expectConsistent(t);
    });

    it('--max-rejects stops the run and leaves nothing of the unfinished chunk', async () => {
      const err = await run({ file: path.join(FIX, 'web-form.csv'), source: 'web-max', mapping: fixtureMap('web-form.map.json'), maxRejects: 2, batchSize: 4 })
        .catch((e) => e);
      expect(err).toBeInstanceOf(ImportStopped);
      expect(err.exitCode).toBe(65);
      expect(err.message).toMatch(/stopped at line 9: more than 2 rejected/);
      // chunk 1 = rows 1–4 (one reject) committed; chunk 2 (rows 5–8) abandoned at its third reject
      expect([err.summary.read, err.summary.inserted, err.summary.rejected]).toEqual([4, 3, 1]);
      expect(await t.db.knex('complaints').where('source', 'web-max').count({ n: '*' }).first()).toMatchObject({ n: 3 });
      expect((await t.db.knex('import_batches').where('id', err.summary.batchId).first()).status).toBe('aborted');
      await expectConsistent(t);
    });

    it('an interrupted run, re-run, ends with exactly the full set', async () => {
      const file = path.join(dir, 'big.csv');
      const lines = ['external_id,received_at,channel,class,body,reporter_phone,disposed_at,responded_at'];
      for (let i = 1; i <= 2000; i++) {
        lines.push(`K${i},2024-0${1 + (i % 9)}-1${i % 10} 08:00,${['sms', 'WA', 'web'][i % 3]},pengaduan,"keluhan nomor ${i}, mohon dibantu",08123456${String(i).padStart(4, '0')},,${i % 2 ? '2024-10-01 09:00' : ''}`);
      }
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const crash = new Error('simulated crash');
      const first = await run({ file, source: 'resume', mapping: defaultMapping(), institution: '32.73', batchSize: 300,
        onChunk: (c) => { if (c.chunk === 3) throw crash; } }).catch((e) => e);
      expect(first).toBe(crash);
      const n1 = Number((await t.db.knex('complaints').where('source', 'resume').count({ n: '*' }).first())!.n);
      expect(n1).toBeGreaterThanOrEqual(900);
      expect(n1).toBeLessThan(2000);
      const second = await run({ file, source: 'resume', mapping: defaultMapping(), institution: '32.73', batchSize: 300 });
      expect(second.inserted + second.duplicates).toBe(2000);
      expect(second.duplicates).toBe(n1);
      const keys = await t.db.knex('complaints').where('source', 'resume').countDistinct({ n: 'external_id' }).first();
      expect(Number(keys!.n)).toBe(2000);
      await expectConsistent(t);
    });

    it('admins import only into their own institution; other roles not at all', async () => {
      const bandung = await t.db.knex('institutions').where('code', '32.73').first();
      await t.db.knex('officers').insert([
        { username: 'admin.bdg', name: 'Admin Bandung', role: 'admin', institution_id: bandung.id, active_from: '2025-01-01' },
        { username: 'pj.bdg', name: 'Sekda Bandung', role: 'supervisor', institution_id: bandung.id, active_from: '2025-01-01' },
      ]);
      const a = (await findOfficer(t.db.knex, 'admin.bdg'))!;
      const m = fixtureMap('sms-1708.map.yaml');
      m.institution = undefined;
      const own = await run({ file: path.join(FIX, 'sms-1708.csv'), source: 'sms-admin', mapping: m, actor: a });
      expect(own.institution).toBe('32.73');
      await expect(run({ file: path.join(FIX, 'sms-1708.csv'), source: 'sms-admin2', mapping: m, actor: a, institution: '73.71' }))
        .rejects.toBeInstanceOf(NotPermittedError);
      await expect(run({ file: path.join(FIX, 'sms-1708.csv'), source: 'sms-pj', mapping: m, actor: (await findOfficer(t.db.knex, 'pj.bdg'))! }))
        .rejects.toBeInstanceOf(NotPermittedError);
    });

    describe('broken input: a clear message and a consistent database', () => {
      const header = 'external_id,received_at,channel,class,body\n';
      const write = (name: string, data: string | Buffer) => {
        const f = path.join(dir, name);
        fs.writeFileSync(f, data);
        return f;
      };
      const go = (file: string, source: string) => run({ file, source, mapping: defaultMapping(), institution: '32.73' });

      it('ragged rows are rejected one by one', async () => {
        const s = await go(write('ragged.csv', header + 'a,2024-01-01,sms,pengaduan,ok\nb,2024-01-01,sms\nc,2024-01-01,sms,pengaduan,x,extra\n'), 'f-ragged');
        expect([s.read, s.inserted, s.rejected]).toEqual([3, 1, 2]);
        expect(s.firstRejects.map((r) => r.reason)).toEqual([expect.stringMatching(/has 3 field/), expect.stringMatching(/has 6 field/)]);
      });
      it('an unterminated quote rejects the record it swallows', async () => {
        const s = await go(write('quote.csv', header + 'a,2024-01-01,sms,pengaduan,ok\nb,2024-01-01,sms,pengaduan,"never closed\nc,2024-01-01,sms,pengaduan,lost\n'), 'f-quote');
        expect([s.read, s.inserted, s.rejected]).toEqual([2, 1, 1]);
        expect(s.firstRejects[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/never closed.*\(line 4\)/) });
      });
      it('binary garbage is refused before anything is written', async () => {
        const before = await t.db.knex('import_batches').count({ n: '*' }).first();
        const bytes = Buffer.alloc(4096);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
        await expect(go(write('garbage.bin', bytes), 'f-bin')).rejects.toThrow(/not a text file: it contains NUL bytes/);
        const noNul = Buffer.from(bytes.filter((b) => b !== 0));
        await expect(go(write('garbage2.bin', noNul), 'f-bin')).rejects.toThrow(/header does not fit|looks like mojibake/);
        expect(await t.db.knex('import_batches').count({ n: '*' }).first()).toEqual(before);
      });
      it('an empty file is refused; a header-only file imports nothing, cleanly', async () => {
        await expect(go(write('empty.csv', ''), 'f-empty')).rejects.toThrow(DataError);
        await expect(go(write('empty.csv', ''), 'f-empty')).rejects.toThrow(/is empty/);
        await expect(go(write('blank.csv', '\n\n'), 'f-empty')).rejects.toThrow(/first line is empty/);
        const s = await go(write('header.csv', header), 'f-header');
        expect([s.read, s.inserted, s.rejected, s.status]).toEqual([0, 0, 0, 'done']);
      });
      it('a 10 MB field is rejected with its size; the rest imports', async () => {
        const huge = 'x'.repeat(10 * 1024 * 1024);
        const s = await go(write('huge.csv', `${header}a,2024-01-01,sms,pengaduan,"${huge}"\nb,2024-01-02,sms,pengaduan,ok\n`), 'f-huge');
        expect([s.read, s.inserted, s.rejected]).toEqual([2, 1, 1]);
        expect(s.firstRejects[0]).toMatchObject({ field: 'body', reason: expect.stringMatching(/10485760 characters long/) });
        const raw = await t.db.knex('import_rejects').where('batch_id', s.batchId).first();
        expect(raw.raw).toMatch(/ … \[cut: 10485789 characters in all\]$/);
        expect(raw.raw.length).toBeLessThan(70_000);
      });
      it('mixed line endings split correctly', async () => {
        const s = await go(write('eol.csv', 'external_id,received_at,channel,class,body\r\na,2024-01-01,sms,pengaduan,one\nb,2024-01-01,sms,pengaduan,"two\r\nlines"\rc,2024-01-01,sms,pengaduan,three\r\n'), 'f-eol');
        expect([s.read, s.inserted, s.rejected]).toEqual([3, 3, 0]);
        const b = await t.db.knex('complaints').where({ source: 'f-eol', external_id: 'b' }).first();
        expect(b.body).toBe('two\r\nlines');
        await expectConsistent(t);
      });
    });
  });
}
