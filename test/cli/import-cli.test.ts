import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli } from '../helpers/cli.js';
import { engineNames, freshUrl, serverUrl, tempDir } from '../helpers/db.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/legacy');

for (const engine of engineNames) {
  describe(`lapor import (${engine}, compiled CLI)`, () => {
    let url: string;
    let drop: () => Promise<void>;
    const dir = tempDir('lapor-import-cli-');
    const lapor = (...args: string[]) => runCli(['--db', url, '--as', 'adminnas', ...args], { env: { HOME: dir } });

    beforeAll(async () => {
      ({ url, drop } = freshUrl(engine));
      const init = await runCli(['--db', url, 'init', '--admin', 'adminnas'], { env: { HOME: dir } });
      expect(init.code).toBe(0);
    });
    afterAll(async () => {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports a fixture: summary as JSON, exit 3 for rejected rows, the rejects file explains them', async () => {
      const rejects = path.join(dir, 'web.rejects.csv');
      const r = await lapor('import', 'complaints', path.join(FIX, 'web-form.csv'), '--source', 'web', '--map',
        path.join(FIX, 'web-form.map.json'), '--rejects', rejects, '--format', 'json');
      expect(r.code).toBe(3);
      const doc = JSON.parse(r.stdout);
      expect(doc.meta).toMatchObject({ read: 12, inserted: 7, duplicates: 0, rejected: 5, status: 'done', institution: '32.73' });
      // in the run's language, Indonesian here (issue 12; this expected the English text before)
      expect(r.stderr).toMatch(/5 baris ditolak: lihat .*web\.rejects\.csv/);
      expect(r.stderr).not.toMatch(/█|░/); // no progress bar when stderr is not a terminal
      const lines = fs.readFileSync(rejects, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(6);
      const again = await lapor('import', 'complaints', path.join(FIX, 'web-form.csv'), '--source', 'web', '--map', path.join(FIX, 'web-form.map.json'));
      expect(again.code).toBe(3);
      expect(again.stdout).toMatch(/dimasukkan\s+│\s+0 │/);
      expect(again.stdout).toMatch(/12 = 0 \+ 7 \+ 5/);
    });

    it('exit 0 for a clean file, and says when nothing was new', async () => {
      const file = path.join(dir, 'clean.csv');
      fs.writeFileSync(file, 'external_id,received_at,channel,class,body\nA-1,2024-05-02 10:00,WA,aspirasi,Taman kota perlu lampu\n');
      const r = await lapor('import', 'complaints', file, '--source', 'clean', '--institution', '32.73', '--lang', 'en');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/inserted\s+│\s+1 │/);
      const again = await lapor('import', 'complaints', file, '--source', 'clean', '--institution', '32.73');
      expect(again.code).toBe(0);
      // an Indonesian run says so in Indonesian (issue 12; this expected the English text before)
      expect(again.stderr).toMatch(/tidak ada yang baru: semua 1 baris sudah pernah diimpor \(0 dimasukkan\)/);
    });

    it('exit 65 for an unusable file or mapping, 2 for a bad flag, with one clear line', async () => {
      const empty = path.join(dir, 'empty.csv');
      fs.writeFileSync(empty, '');
      const e = await lapor('import', 'complaints', empty, '--source', 'x', '--institution', '32.73');
      expect(e.code).toBe(65);
      expect(e.stderr).toMatch(/^lapor: .*empty\.csv is empty/m);
      const missing = await lapor('import', 'complaints', path.join(dir, 'nope.csv'), '--source', 'x', '--institution', '32.73');
      expect(missing.code).toBe(65);
      expect(missing.stderr).toMatch(/no such file/);
      const badMap = path.join(dir, 'bad.yaml');
      fs.writeFileSync(badMap, 'columns:\n  isi: Isi\n');
      const m = await lapor('import', 'complaints', path.join(FIX, 'sms-1708.csv'), '--source', 'x', '--map', badMap);
      expect(m.code).toBe(65);
      expect(m.stderr).toMatch(/bad\.yaml has \d+ problem/);
      const noHeader = await lapor('import', 'complaints', path.join(FIX, 'sms-1708.csv'), '--source', 'x', '--institution', '32.73');
      expect(noHeader.code).toBe(65);
      expect(noHeader.stderr).toMatch(/header does not fit the default mapping/);
      expect(noHeader.stderr).toMatch(/no column "received_at"/);
      const flag = await lapor('import', 'complaints', empty, '--source', 'x', '--delimiter', ':');
      expect(flag.code).toBe(2);
      expect(e.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    });

    it('--max-rejects stops with 65 after printing what was committed, saying why in the run\'s language', async () => {
      const r = await lapor('import', 'complaints', path.join(FIX, 'front-desk.csv'), '--source', 'loket-max', '--map',
        path.join(FIX, 'front-desk.map.yaml'), '--max-rejects', '1', '--format', 'json');
      expect(r.code).toBe(65);
      // Bahasa Indonesia by default (issue 12): the summary's warning, the error and its lines.
      const stopped = 'berhenti di baris 6: lebih dari 1 baris ditolak (--max-rejects)';
      expect(JSON.parse(r.stdout).warnings).toEqual([stopped]);
      expect(r.stderr).toContain(`lapor: ${path.join(FIX, 'front-desk.csv')}: ${stopped}`);
      expect(r.stderr).toMatch(/baris 6: channel: 'Merpati Pos' bukan kanal yang dikenal/);
      expect(r.stderr).toMatch(/potongan yang belum selesai \(5 baris mulai baris 5\) tidak ditulis; batch \d+ sudah menyimpan 0 baris/);
      expect(r.stderr).not.toMatch(/stopped at line|unfinished chunk/);
      expect(JSON.parse(r.stdout).meta).toMatchObject({ status: 'aborted', read: 0, inserted: 0 });
      const en = await lapor('--lang', 'en', 'import', 'complaints', path.join(FIX, 'front-desk.csv'), '--source', 'loket-max-en', '--map',
        path.join(FIX, 'front-desk.map.yaml'), '--max-rejects', '1', '--format', 'json');
      expect(en.code).toBe(65);
      expect(JSON.parse(en.stdout).warnings).toEqual(['stopped at line 6: more than 1 rejected row(s) (--max-rejects)']);
      expect(en.stderr).toMatch(/: stopped at line 6: more than 1 rejected row\(s\) \(--max-rejects\)\n/);
      expect(en.stderr).toMatch(/line 6: channel: 'Merpati Pos' is not a known channel/);
      expect(en.stderr).toMatch(/the unfinished chunk \(5 row\(s\) from line 5 on\) was not written; batch \d+ committed 0 row\(s\): 0 inserted, 0 duplicate\(s\), 0 rejected/);
      expect(en.stderr).not.toMatch(/berhenti|baris/);
      // The batch keeps the English, as import_rejects does.
      const show = await lapor('import', 'show', String(JSON.parse(r.stdout).meta.batch), '--format', 'json');
      expect(JSON.parse(show.stdout).meta.message).toBe('stopped at line 6: more than 1 rejected row(s) (--max-rejects)');
    });

    it('lists batches and shows one with its rejects', async () => {
      const list = await lapor('import', 'list', '--format', 'json');
      expect(list.code).toBe(0);
      const batches = JSON.parse(list.stdout).data;
      const web = batches.find((b: { source: string; inserted: number }) => b.source === 'web' && b.inserted === 7);
      expect(web).toMatchObject({ read: 12, rejected: 5, status: 'done', institution: '32.73' });
      const show = await lapor('import', 'show', String(web.id));
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/Batch impor/);
      expect(show.stdout).toMatch(/reporter_nik/);
      expect(show.stdout).toMatch(/Selesai\s+│\s+4 │/);
      expect(show.stdout).toMatch(/Ditindaklanjuti\s+│\s+2 │/);
      const none = await lapor('import', 'show', '99999');
      expect(none.code).toBe(65);
    });

    it.runIf(engine === 'postgres')('SIGKILL mid-run, then the same command again: exactly the full set', async () => {
      const file = path.join(dir, 'kill.csv');
      const rows = 30_000;
      const out = ['external_id,received_at,channel,class,body,reporter_phone,responded_at,closed_at'];
      for (let i = 1; i <= rows; i++) {
        const closed = i % 3 === 0;
        out.push(`KILL-${i},2023-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:15,${['sms', 'WA', 'web', 'surat'][i % 4]},pengaduan,` +
          `"laporan ${i}: jalan rusak, mohon diperbaiki",0812${String(10_000_000 + i)},${closed ? '2023-11-01 10:00,2023-11-20 10:00' : ','}`);
      }
      fs.writeFileSync(file, out.join('\n') + '\n');
      const args = ['--db', url, '--as', 'adminnas', 'import', 'complaints', file, '--source', 'kill', '--institution', '32.73', '--batch-size', '500'];
      const k: Knex = knexFactory({ client: 'pg', connection: serverUrl, searchPath: [new URL(url).searchParams.get('schema')!] });
      try {
        const child = spawn(process.execPath, [binPath, ...args], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '', HOME: dir } });
        const exited = new Promise<void>((res) => child.on('exit', () => res()));
        // Wait until some chunks are committed, then kill without warning.
        const deadline = Date.now() + 60_000;
        let committed = 0;
        while (Date.now() < deadline) {
          const b = await k('import_batches').where('source', 'kill').first();
          committed = Number(b?.rows_inserted ?? 0);
          if (committed >= 3000) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        child.kill('SIGKILL');
        await exited;
        const before = Number((await k('complaints').where('source', 'kill').count({ n: '*' }).first())!.n);
        expect(before).toBeGreaterThanOrEqual(3000);
        expect(before).toBeLessThan(rows);
        expect(before % 500).toBe(0); // only whole chunks: nothing half-written
        const again = await runCli(args, { env: { HOME: dir } });
        expect(again.code).toBe(0);
        // in the run's language (issue 12; this PostgreSQL-only check still expected the English text of an Indonesian run)
        expect(again.stderr).toMatch(/dilanjutkan: batch \d+ sempat terputus dan kini ditandai dihentikan/);
        const [{ n, d }] = await k('complaints').where('source', 'kill').select(k.raw('count(*)::int as n'), k.raw('count(distinct external_id)::int as d'));
        expect([n, d]).toEqual([rows, rows]);
        const [{ e, v }] = await k('complaints as c').where('c.source', 'kill')
          .select(k.raw('(select count(*)::int from complaint_events x join complaints y on y.id = x.complaint_id where y.source = ?) as e', ['kill']),
            k.raw('sum(c.version)::int as v'));
        expect(e).toBe(v);
        const batches = await k('import_batches').where('source', 'kill').orderBy('id');
        expect(batches.map((b) => b.status)).toEqual(['aborted', 'done']);
        expect(Number(batches[1].rows_duplicate)).toBe(before);
        expect(Number(batches[1].rows_inserted)).toBe(rows - before);
      } finally {
        await k.destroy();
      }
    });
  });
}
