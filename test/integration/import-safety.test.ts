/**
 * Issue 13, "nothing stored wrong, nothing lost": encodings that would store mojibake, a rejects
 * file over the input, a file changed during the run, keys per institution, an unwritable rejects
 * file, and the rejects file fed back after a fix in a spreadsheet. Both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { findOfficer } from '../../src/db/actor.js';
import { defaultMapping, type Mapping } from '../../src/domain/import/mapping.js';
import { runImport, type ImportOptions } from '../../src/usecases/import/run.js';
import type { Actor } from '../../src/domain/actor.js';
import { DataError, OutputError, UsageError } from '../../src/errors.js';

const NOW = new Date('2026-01-15T03:00:00Z');
const HEADER = 'external_id,received_at,channel,class,body\n';

for (const engine of engineNames) {
  describe(`import safety (${engine})`, () => {
    let t: TestDb;
    let admin: Actor;
    const dir = tempDir('lapor-import-safe-');
    const write = (name: string, data: string | Buffer) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, data);
      return f;
    };
    const run = (o: Partial<ImportOptions> & { file: string; source: string }) =>
      runImport(t.db, { dryRun: false, encoding: 'auto', delimiter: 'auto', actor: admin, now: NOW, mapping: defaultMapping() as Mapping, institution: '32.73', ...o });
    const batches = async () => Number((await t.db.knex('import_batches').count({ n: '*' }).first())!.n);

    beforeAll(async () => {
      t = await initialisedDb(engine);
      admin = (await findOfficer(t.db.knex, 'adminnas'))!;
    });
    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    describe('encoding', () => {
      const cp1252 = iconv.encode(`${HEADER}a,2024-01-01,sms,pengaduan,jalan rusak\nb,2024-01-02,sms,pengaduan,kafé “tutup”\n`, 'win1252');
      it('declared UTF-8 with invalid bytes is refused, naming the line and the likely encoding; nothing written', async () => {
        const before = await batches();
        const err = await run({ file: write('w1252.csv', cp1252), source: 'enc-utf8', encoding: 'utf8' }).catch((e) => e);
        expect(err).toBeInstanceOf(DataError);
        expect(err.message).toMatch(/declared UTF-8, but line 3 has byte E9, which is not valid UTF-8; nothing imported/);
        expect(err.details.join('\n')).toMatch(/--encoding windows-1252/);
        expect(await batches()).toBe(before);
      });
      it('auto-detection says plainly what it found', async () => {
        const s = await run({ file: write('w1252b.csv', cp1252), source: 'enc-auto' });
        expect(s.encoding).toBe('windows-1252');
        expect(s.encodingWhy).toBe("Windows-1252: the file is not UTF-8 (line 3 has byte E9, read as 'é')");
        // and in Indonesian for the summary of an Indonesian run (issue 12)
        expect(s.encodingWhyLabel).toEqual({ id: "Windows-1252: berkas bukan UTF-8 (baris 3 memuat bita E9, terbaca 'é')", en: s.encodingWhy });
        const b = await t.db.knex('complaints').where({ source: 'enc-auto', external_id: 'b' }).first();
        expect(b.body).toBe('kafé “tutup”');
        const u = await run({ file: write('utf8.csv', `${HEADER}a,2024-01-01,sms,pengaduan,kafé\n`), source: 'enc-auto8' });
        expect(u.encodingWhy).toBe('UTF-8: every byte sequence in the file is valid UTF-8');
        expect(u.encodingWhyLabel.id).toBe('UTF-8: setiap urutan bita dalam berkas adalah UTF-8 yang sah');
      });
      it('mojibake (U+FFFD, Ã©, â€™) is refused unless --allow-mojibake', async () => {
        for (const [name, body, line] of [['fffd', 'kaf\uFFFD', 3], ['atilde', 'kafÃ©', 2], ['quote', 'itâ€™s', 2]] as const) {
          const rows = line === 3 ? `a,2024-01-01,sms,pengaduan,ok\nb,2024-01-01,sms,pengaduan,${body}\n` : `b,2024-01-01,sms,pengaduan,${body}\n`;
          const f = write(`${name}.csv`, HEADER + rows);
          const before = await batches();
          const err = await run({ file: f, source: `moji-${name}` }).catch((e) => e);
          expect(err, name).toBeInstanceOf(DataError);
          expect(err.message).toMatch(new RegExp(`line ${line} looks like mojibake`));
          expect(await batches()).toBe(before);
          const s = await run({ file: f, source: `moji-${name}`, allowMojibake: true });
          expect(s.inserted).toBe(line === 3 ? 2 : 1);
        }
      });
      it('a UTF-8 file forced to Windows-1252 is refused: its é would be stored as Ã©', async () => {
        const err = await run({ file: write('u8.csv', `${HEADER}a,2024-01-01,sms,pengaduan,kafé\n`), source: 'enc-forced', encoding: 'windows-1252' }).catch((e) => e);
        expect(err).toBeInstanceOf(DataError);
        expect(err.message).toMatch(/line 2 looks like mojibake: bytes C3 A9 .* give 'Ã©'/);
        expect(err.details[0]).toMatch(/--encoding utf8/);
      });
    });

    describe('--rejects pointing at a file the run reads', () => {
      it('is refused before anything is opened, whatever the spelling (path, relative, symlink)', async () => {
        const text = `${HEADER}a,2024-01-01,sms,pengaduan,ok\nb,bad-date,sms,pengaduan,x\n`;
        const f = write('self.csv', text);
        fs.symlinkSync(f, path.join(dir, 'link.csv'));
        const before = await batches();
        for (const out of [f, path.relative(process.cwd(), f), path.join(dir, 'link.csv'), path.join(dir, '.', 'self.csv')]) {
          const err = await run({ file: f, source: 'self', rejectsFile: out }).catch((e) => e);
          expect(err, out).toBeInstanceOf(UsageError);
          expect(err.message).toMatch(/is the input file this run reads/);
        }
        const m = write('m.yaml', 'columns: { body: body }\n');
        const err = await run({ file: f, source: 'self', rejectsFile: m, mappingFile: m }).catch((e) => e);
        expect(err.message).toMatch(/is the mapping file this run reads/);
        expect(fs.readFileSync(f, 'utf8')).toBe(text);
        expect(await batches()).toBe(before);
      });
    });

    it('a file changed during the run stops it (65), the batch marked failed', async () => {
      // 6 MB in chunks of 2 rows, so the reader is still streaming when the first chunk commits
      const rows = Array.from({ length: 60 }, (_, i) => `r${i},2024-01-01,sms,pengaduan,isi ${i} ${'x'.repeat(100_000)}\n`).join('');
      const f = write('changing.csv', HEADER + rows);
      const err = await run({
        file: f, source: 'changing', batchSize: 2,
        onChunk: (c) => { if (c.chunk === 1) fs.appendFileSync(f, 'zz,2024-01-01,sms,pengaduan,added\n'); },
      }).catch((e) => e);
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toMatch(/changed while it was being imported/);
      const b = await t.db.knex('import_batches').where('source', 'changing').first();
      expect(b.status).toBe('failed');
      const modified = write('modified.csv', HEADER + rows);
      const err2 = await run({
        file: modified, source: 'modified', batchSize: 2,
        onChunk: (c) => { if (c.chunk === 1) fs.writeFileSync(modified, HEADER + rows.replace('isi 59', 'isi 5X')); },
      }).catch((e) => e);
      expect(err2?.message).toMatch(/changed while it was being imported \(its SHA-256/);
    });

    it('keys are per institution: the same (source, external id) of another institution neither collides nor shows', async () => {
      const f = write('shared-ids.csv', `${HEADER}T-1,2024-01-01,sms,pengaduan,satu\nT-2,2024-01-02,sms,pengaduan,dua\n`);
      const a = await run({ file: f, source: 'hotline', institution: '32.73' });
      const b = await run({ file: f, source: 'hotline', institution: 'KEMENPANRB' });
      expect([a.inserted, a.duplicates, b.inserted, b.duplicates]).toEqual([2, 0, 2, 0]);
      const again = await run({ file: f, source: 'hotline', institution: 'KEMENPANRB' });
      expect([again.inserted, again.duplicates]).toEqual([0, 2]);
      const n = await t.db.knex('complaints').where({ source: 'hotline', external_id: 'T-1' }).count({ n: '*' }).first();
      expect(Number(n!.n)).toBe(2);
    });

    describe('an unwritable --rejects file: one line, exit 74, the batch failed', () => {
      const f = () => write('bad.csv', `${HEADER}a,2024-01-01,sms,pengaduan,ok\nb,not-a-date,sms,pengaduan,x\n`);
      it.runIf(fs.existsSync('/dev/full'))('a full disk (/dev/full)', async () => {
        const err = await run({ file: f(), source: 'full', rejectsFile: '/dev/full' }).catch((e) => e);
        expect(err).toBeInstanceOf(OutputError);
        expect(err.message).toBe('cannot write --rejects /dev/full: no space left on the device (ENOSPC)');
        expect((await t.db.knex('import_batches').where('source', 'full').first()).status).toBe('failed');
      });
      it('a folder that does not exist', async () => {
        const out = path.join(dir, 'no', 'such', 'r.csv');
        const err = await run({ file: f(), source: 'nopath', rejectsFile: out }).catch((e) => e);
        expect(err).toBeInstanceOf(OutputError);
        expect(err.message).toBe(`cannot write --rejects ${out}: no such folder (ENOENT)`);
        expect((await t.db.knex('import_batches').where('source', 'nopath').first()).status).toBe('failed');
      });
    });

    it('--jobs N writer sessions: the same outcome with 1, 3 (PGlite: always one); out of range is a usage error', async () => {
      const rows = Array.from({ length: 50 }, (_, i) => `J${i},2024-01-01,sms,pengaduan,isi ${i}\n`).join('');
      const f = write('jobs.csv', HEADER + rows + 'J7,2024-01-01,sms,pengaduan,dup\n');
      const one = await run({ file: f, source: 'jobs-1', jobs: 1, batchSize: 7 });
      const three = await run({ file: f, source: 'jobs-3', jobs: 3, batchSize: 7 });
      expect([one.inserted, one.duplicates, three.inserted, three.duplicates]).toEqual([50, 1, 50, 1]);
      await expect(run({ file: f, source: 'jobs-0', jobs: 0 })).rejects.toBeInstanceOf(UsageError);
    });

    it('the rejects file round-trips through a spreadsheet: same encoding, delimiter, header; formulas neutralised and restored', async () => {
      const src = iconv.encode('No;Tanggal;Media;Jenis;Isi\r\n1;01/02/2024;SMS;aduan;jalan\r\n2;31/02/2024;SMS;aduan;=1+1 kafé\r\n3;02/02/2024;SMS;aduan;+62 ok\r\n', 'win1252');
      const f = write('loket.csv', src);
      const map = { ...defaultMapping(), isDefault: false, columns: { external_id: ['No'], received_at: ['Tanggal'], channel: ['Media'], class: ['Jenis'], body: ['Isi'] } } as Mapping;
      const rejects = path.join(dir, 'loket.rejects.csv');
      const s = await run({ file: f, source: 'loket-rt', mapping: map, rejectsFile: rejects });
      expect([s.inserted, s.rejected]).toEqual([2, 1]);
      const bytes = fs.readFileSync(rejects);
      const text = iconv.decode(bytes, 'win1252');
      expect(text).toBe("No;Tanggal;Media;Jenis;Isi;_line;_field;_reason\r\n2;31/02/2024;SMS;aduan;'=1+1 kafé;3;received_at;" +
        `${s.firstRejects[0].reason}\r\n`);
      // fixed "in Excel": the date corrected, everything else as it was
      fs.writeFileSync(rejects, iconv.encode(text.replace('31/02/2024', '29/02/2024'), 'win1252'));
      const back = await run({ file: rejects, source: 'loket-rt', mapping: map });
      expect([back.read, back.inserted, back.rejected]).toEqual([1, 1, 0]);
      const c = await t.db.knex('complaints').where({ source: 'loket-rt', external_id: '2' }).first();
      expect(c.body).toBe('=1+1 kafé');
      const c3 = await t.db.knex('complaints').where({ source: 'loket-rt', external_id: '3' }).first();
      expect(c3.body).toBe('+62 ok');
    });
  });
}
