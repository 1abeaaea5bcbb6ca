/** `lapor import revert BATCH` in-process on both engines: who may, dry run, --yes, what is kept, audited. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { runMain } from '../helpers/cli.js';
import { findOfficer } from '../../src/db/actor.js';
import { performAction } from '../../src/usecases/perform-action.js';
import { addOfficer, institutionId } from '../integration/sla-builder.js';

const NOW = new Date('2026-01-15T03:00:00Z');

for (const engine of engineNames) {
  describe(`import revert (${engine})`, () => {
    let t: TestDb;
    const dir = tempDir('lapor-revert-');
    const lapor = (as: string, ...args: string[]) => runMain(['--as', as, ...args], { db: t.db, now: NOW });
    const file = path.join(dir, 'r.csv');

    beforeAll(async () => {
      t = await initialisedDb(engine);
      await addOfficer(t.db.knex, 'admin.bdg', 'admin', await institutionId(t.db.knex, '32.73'));
      await addOfficer(t.db.knex, 'admin.dps', 'admin', await institutionId(t.db.knex, '51.71'));
      fs.writeFileSync(file, 'external_id,received_at,channel,class,body\nR-1,2025-06-02 09:00,sms,pengaduan,satu\n' +
        'R-2,2025-06-03 09:00,sms,pengaduan,dua\nR-3,2025-06-04 09:00,sms,pengaduan,tiga\n');
    });
    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('removes the complaints with no event since the import, lists and keeps the one that moved on', async () => {
      const imp = await lapor('admin.bdg', 'import', 'complaints', file, '--source', 'rv', '--format', 'json');
      expect(imp.code).toBe(0);
      const batch = JSON.parse(imp.stdout).meta.batch as number;
      const moved = await t.db.knex('complaints').where({ source: 'rv', external_id: 'R-2' }).first();
      await performAction(t.db.knex, (await findOfficer(t.db.knex, 'admin.bdg'))!, moved.tracking_id, { action: 'respond', body: 'sudah diperbaiki' }, NOW);

      const noYes = await lapor('admin.bdg', 'import', 'revert', String(batch));
      expect(noYes.code).toBe(2);
      expect(noYes.stderr).toMatch(/give --yes to do it, or --dry-run/);
      const other = await lapor('admin.dps', 'import', 'revert', String(batch), '--yes');
      expect(other.code).toBe(77);
      expect(other.stderr).toMatch(/belongs to another institution/);

      const dry = await lapor('admin.bdg', 'import', 'revert', String(batch), '--dry-run', '--format', 'json');
      expect(dry.code).toBe(0);
      const d = JSON.parse(dry.stdout);
      expect(d.meta).toMatchObject({ found: 3, would_remove: 2, kept: 1, dry_run: true });
      expect(dry.stderr).toBe('uji coba: 2 pengaduan akan dihapus, 1 dipertahankan; tidak ada yang ditulis\n'); // in the run's language (issue 12)
      const meta = async (lang: string) => (await lapor('admin.bdg', 'import', 'revert', String(batch), '--dry-run', '--lang', lang)).stdout.split('\n\n')[0];
      expect(await meta('id')).toMatch(/\nditemukan: 3\nakan dihapus: 2\ndipertahankan: 1$/);
      expect(await meta('en')).toMatch(/\nfound: 3\nwould remove: 2\nkept: 1$/);
      expect(d.data.kept).toEqual([expect.objectContaining({ external_id: 'R-2', status: 'responded', status_label: 'Ditindaklanjuti', events_since: 1 })]);
      expect(Number((await t.db.knex('complaints').where('source', 'rv').count({ n: '*' }).first())!.n)).toBe(3);

      const real = await lapor('admin.bdg', 'import', 'revert', String(batch), '--yes', '--lang', 'en');
      expect(real.code).toBe(0);
      expect(real.stdout).toMatch(/2 complaint\(s\) removed, 1 kept/);
      expect(real.stderr).toBe(`batch ${batch}: 2 complaint(s) removed, 1 kept\n`);
      expect(real.stdout).toMatch(/R-2/);
      const left = await t.db.knex('complaints').where('source', 'rv').select('external_id', 'id');
      expect(left.map((r: { external_id: string }) => r.external_id)).toEqual(['R-2']);
      const orphanEvents = await t.db.knex.raw('select count(*)::int as n from complaint_events e where not exists (select 1 from complaints c where c.id = e.complaint_id)');
      expect(orphanEvents.rows[0].n).toBe(0);
      const orphanSpans = await t.db.knex.raw('select count(*)::int as n from sla_spans s where not exists (select 1 from complaints c where c.id = s.complaint_id)');
      expect(orphanSpans.rows[0].n).toBe(0);
      expect((await t.db.knex('import_batches').where('id', batch).first()).status).toBe('reverted');
      const audit = await t.db.knex('audit_log').where('action', 'import.revert').first();
      expect(audit.actor).toBe('admin.bdg');
      expect(typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail).toMatchObject({ batch, removed: 2, kept: [moved.tracking_id] });

      // the removed rows' keys are free again; the kept one is a duplicate
      const again = await lapor('admin.bdg', 'import', 'complaints', file, '--source', 'rv', '--format', 'json');
      expect(JSON.parse(again.stdout).meta).toMatchObject({ inserted: 2, duplicates: 1 });
    });

    it('a supervisor may not revert; a dry-run batch has nothing to revert', async () => {
      const dry = await lapor('adminnas', 'import', 'complaints', file, '--source', 'rv-dry', '--institution', '32.73', '--dry-run', '--format', 'json');
      const batch = JSON.parse(dry.stdout).meta.batch as number;
      expect(dry.stdout).toBeTruthy();
      const r = await lapor('adminnas', 'import', 'revert', String(batch), '--yes');
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/was a dry run/);
      const inst = await t.db.knex('institutions').where('code', '32.73').first();
      await t.db.knex('officers').insert({ username: 'pj.bdg', name: 'Sekda', role: 'supervisor', institution_id: inst.id, active_from: '2025-01-01' });
      const s = await lapor('pj.bdg', 'import', 'revert', String(batch), '--yes');
      expect(s.code).toBe(77);
    });
  });
}
