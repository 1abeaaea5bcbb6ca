/** Issue 13, "made for the person migrating": map --init, import values, every mapping problem at once, the dry run's words, unverified complaints findable. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { parseMapping } from '../../src/domain/import/mapping.js';
import { addOfficer, institutionId } from '../integration/sla-builder.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/legacy');
const NOW = new Date('2026-01-15T03:00:00Z');

for (const engine of engineNames) {
  describe(`import, for the person migrating (${engine})`, () => {
    let t: TestDb;
    const dir = tempDir('lapor-migrating-');
    const lapor = (as: string, ...args: string[]) => runMain(['--as', as, ...args], { db: t.db, now: NOW });

    beforeAll(async () => {
      t = await initialisedDb(engine);
      await addOfficer(t.db.knex, 'admin.bdg', 'admin', await institutionId(t.db.knex, '32.73'));
      await addOfficer(t.db.knex, 'admin.dps', 'admin', await institutionId(t.db.knex, '51.71'));
    });
    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('map --init writes a commented mapping that parses and dry-runs; the dry run says "would insert"', async () => {
      const out = path.join(dir, 'front.map.yaml');
      const r = await lapor('adminnas', 'import', 'map', '--init', path.join(FIX, 'front-desk.csv'), '--output', out);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`ditulis: ${out}: periksa setiap barisnya, lalu uji coba dengan --map ${out} --dry-run\n`); // in the run's language (issue 12)
      const text = fs.readFileSync(out, 'utf8');
      // its comments in the run's language (issue 12: they were English on an Indonesian run)
      expect(text).toMatch(/^encoding: windows-1252 +# Windows-1252: berkas bukan UTF-8 \(baris 2 memuat bita 96/m);
      expect(text).toMatch(/^delimiter: ";"/m);
      expect(text).toMatch(/^ {2}received_at: \[Tgl Masuk, Jam\] +# menurut nama; jam dari "Jam"/m);
      expect(text).toMatch(/^ {2}reporter_phone: No Telp/m);
      expect(text).toMatch(/# {3}"Merpati Pos": \?\?\?/);
      const m = parseMapping(text, out);
      expect(m.columns.body).toEqual(['Isi Pengaduan']);
      // in English the comments are English, and the file reads back as the same mapping
      const en = await lapor('adminnas', '--lang', 'en', 'import', 'map', '--init', path.join(FIX, 'front-desk.csv'));
      expect(en.code).toBe(0);
      expect(en.stdout).toMatch(/^encoding: windows-1252 +# Windows-1252: the file is not UTF-8 \(line 2 has byte 96/m);
      expect(en.stdout).toMatch(/^ {2}received_at: \[Tgl Masuk, Jam\] +# by name; time of day from "Jam"/m);
      expect(parseMapping(en.stdout, 'en.map.yaml')).toEqual(m);
      const again = await lapor('adminnas', 'import', 'map', '--init', path.join(FIX, 'front-desk.csv'), '--output', out);
      expect(again.code).toBe(2); // never overwrites an edited mapping
      const dry = await lapor('adminnas', 'import', 'complaints', path.join(FIX, 'front-desk.csv'), '--source', 'loket', '--map', out,
        '--institution', '73.71', '--dry-run', '--lang', 'en');
      expect(dry.code).toBe(3);
      expect(dry.stdout).toMatch(/would insert\s+│\s+\d+ │/);
      expect(dry.stdout).toMatch(/read = would insert \+ duplicates \+ rejected/);
      expect(Number((await t.db.knex('complaints').where('source', 'loket').count({ n: '*' }).first())!.n)).toBe(0);
      // content, not names: phones, dates and a long text under headers that say nothing
      const anon = path.join(dir, 'anon.csv');
      fs.writeFileSync(anon, 'A,B,C\nX1,12/03/2019 08:00,081234567890\nX2,13/03/2019 09:30,+6281234567891\n'.replace(/\n/g, ',Jalan rusak berlubang di depan pasar sejak minggu lalu\n').replace('A,B,C,Jalan rusak berlubang di depan pasar sejak minggu lalu', 'A,B,C,D'));
      const a = await lapor('adminnas', '--lang', 'en', 'import', 'map', '--init', anon);
      expect(a.stdout).toMatch(/received_at: B +# by content: 2 of 2 look like dates/);
      expect(a.stdout).toMatch(/reporter_phone: C +# by content: 2 of 2 look like phone numbers/);
      expect(a.stdout).toMatch(/body: D +# by content: the longest text/);
      const aId = await lapor('adminnas', 'import', 'map', '--init', anon);
      expect(aId.stdout).toMatch(/received_at: B +# menurut isi: 2 dari 2 berupa tanggal/);
      expect(parseMapping(aId.stdout, 'id.map.yaml')).toEqual(parseMapping(a.stdout, 'en.map.yaml'));
    });

    it('every problem of a mapping is listed at once: a key typo does not hide a wrong column', async () => {
      const map = path.join(dir, 'bad.map.yaml');
      fs.writeFileSync(map, 'colums: {}\ncolumns:\n  received_at: Tanggal\n  body: Isi Pesan Salah\n  chanel: Media\nvalues:\n  status: { Proses: sedang }\ndefaults:\n  class: pengaduan\n  channel: sms\n');
      const r = await lapor('adminnas', 'import', 'complaints', path.join(FIX, 'sms-1708.csv'), '--source', 's', '--map', map, '--institution', '32.73');
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/unknown key\(s\) colums/);
      expect(r.stderr).toMatch(/columns: unknown field\(s\) chanel; fields are external_id/);
      expect(r.stderr).toMatch(/"sedang" is not a status/);
      expect(r.stderr).toMatch(/column "Tanggal" \(for received_at\) is not in the header/);
      expect(r.stderr).toMatch(/column "Isi Pesan Salah" \(for body\) is not in the header/);
      expect(Number((await t.db.knex('import_batches').where('source', 's').count({ n: '*' }).first())!.n)).toBe(0);
    });

    it('import values lists the accepted spellings, the ones written nowhere before included', async () => {
      const r = await lapor('adminnas', 'import', 'values', '--format', 'json');
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.stdout).data as { field: string; value: string; spellings: string }[];
      const of = (f: string, v: string) => rows.find((x) => x.field === f && x.value === v)!.spellings.split(', ');
      expect(of('status', 'with_institution')).toContain('proses');
      expect(of('status', 'received')).toContain('belum diverifikasi');
      expect(of('channel', 'web')).toContain('lapor.go.id');
      expect(of('channel', 'youtube')).toContain('yt');
      expect(of('channel', 'blog')).toContain('blog.lapor.go.id');
    });

    it('complaints imported as unverified are findable by their institution: complaint list --unassigned', async () => {
      const f = path.join(dir, 'unverified.csv');
      fs.writeFileSync(f, 'external_id,received_at,channel,class,body,status\nU-1,2025-06-02 09:00,YouTube,pengaduan,video jalan rusak,Belum Diverifikasi\n' +
        'U-2,2025-06-02 10:00,blog.lapor.go.id,pengaduan,tulisan di blog,Proses\n');
      const imp = await lapor('admin.bdg', 'import', 'complaints', f, '--source', 'unv');
      expect(imp.code).toBe(0);
      // an Indonesian run says so in Indonesian (issue 12; this expected the English text before)
      expect(imp.stderr).toMatch(/1 pengaduan diimpor dengan status Belum Terverifikasi: .*lapor complaint list --unassigned/);
      const mine = await lapor('admin.bdg', 'complaint', 'list', '--unassigned', '--format', 'json');
      expect(mine.code).toBe(0);
      const rows = JSON.parse(mine.stdout).data;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'received', institution: null });
      const other = await lapor('admin.dps', 'complaint', 'list', '--unassigned', '--format', 'json');
      expect(JSON.parse(other.stdout).data).toHaveLength(0);
      const channels = await t.db.knex('complaints').where('source', 'unv').orderBy('external_id').pluck('channel');
      expect(channels).toEqual(['youtube', 'blog']);
      const byChannel = await lapor('adminnas', 'report', 'sla', '--by', 'channel', '--from', '2025-06-01', '--to', '2025-06-30', '--format', 'json');
      expect(byChannel.code, byChannel.stderr).toBe(0);
      expect(byChannel.stdout).toMatch(/"blog"/);
    });

    it('one channel vocabulary: complaint add stores the import\'s codes, takes their spellings, and reports show labels', async () => {
      const add = (channel: string) => lapor('admin.bdg', 'complaint', 'add', '--channel', channel, '--body', `lewat ${channel}`,
        '--received-at', '2025-07-01T09:00:00+07:00');
      for (const spelling of ['surat', 'Tatap Muka', 'SMS 1708', 'media sosial']) expect((await add(spelling)).code).toBe(0);
      const stored = await t.db.knex('complaints').where('body', 'like', 'lewat %').orderBy('id').pluck('channel');
      expect(stored).toEqual(['letter', 'in_person', 'sms', 'social_media']);
      const before = Number((await t.db.knex('complaints').count({ n: '*' }).first())!.n);
      const bad = await add('merpati pos');
      expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--channel 'merpati pos' is not a channel; use one of sms, whatsapp/)]);
      expect(Number((await t.db.knex('complaints').count({ n: '*' }).first())!.n)).toBe(before);
      const args = ['report', 'sla', '--by', 'channel', '--from', '2025-07-01', '--to', '2025-07-31'];
      const table = await lapor('adminnas', ...args, '--format', 'csv', '--section', 'by_channel', '--lang', 'id');
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^Surat,/m);
      expect(table.stdout).toMatch(/^Media sosial,/m);
      expect(table.stdout).not.toMatch(/^letter,/m);
      const json = JSON.parse((await lapor('adminnas', ...args, '--format', 'json', '--lang', 'en')).stdout);
      const rows = json.data.by_channel;
      expect(rows).toContainEqual(expect.objectContaining({ group: 'letter', group_label: 'Letter', timer: 'verification' }));
    });

    it('migration 0004 rewrites the codes complaint add used to store', async () => {
      const id = await t.db.knex('complaints').where('body', 'lewat surat').first('id');
      await t.db.knex('complaints').where('id', id.id).update({ channel: 'surat' });
      const m = await import('../../migrations/0004_one_channel_vocabulary.js');
      await m.up(t.db.knex);
      expect((await t.db.knex('complaints').where('id', id.id).first('channel')).channel).toBe('letter');
    });
  });
}
