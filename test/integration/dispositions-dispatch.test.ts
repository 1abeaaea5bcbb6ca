import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { at, lapor, OFFICERS, seedOfficers, type Fixture } from './dispositions-setup.js';
import { addComplaint, loadSnapshots } from '../../src/db/complaints.js';
import { performAction } from '../../src/usecases/perform-action.js';
import { BatchConflict, writeBatch } from '../../src/db/transitions-batch.js';
import { planTransition } from '../../src/domain/lifecycle.js';

describe.each(engineNames)('dispatch PLAN.csv and dispatch suggest (%s)', (engine) => {
  let t: TestDb;
  let fx: Fixture;
  const dir = tempDir('lapor-dispatch-');
  const now = at('2026-03-02 10:00');
  const ids: string[] = [];
  beforeAll(async () => {
    t = await initialisedDb(engine);
    fx = await seedOfficers(t.db.knex);
    for (let i = 0; i < 6; i++) {
      const c = await t.db.knex.transaction((trx) => addComplaint(trx, fx.actors.superAdmin, {
        channel: 'web', class: 'pengaduan', body: `Keluhan nomor ${i}`, receivedAt: at('2026-03-02 08:00'), anonymous: false, confidential: false,
        regionCode: i < 3 ? '32.73' : '51.71', category: i % 2 === 0 ? 'kesehatan' : 'jalan',
      }, now));
      ids.push(c.trackingId);
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const state = async (id: string) => t.db.knex('complaints').where({ tracking_id: id }).first('status', 'version', 'institution_id');
  const writePlan = (name: string, rows: string[][]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, ['tracking_id,action,target,reason', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    return file;
  };

  it('checks every row first; --dry-run shows each outcome, writes nothing, exits 3 when a row would be refused', async () => {
    const plan = writePlan('plan1.csv', [
      [ids[0], 'verify', '32.73', 'wilayah Bandung'],
      [ids[0], 'respond', '', 'sudah ditangani oleh pusat'],
      [ids[1], 'forward', 'DISHUB', ''],
      ['99999999999', 'verify', '32.73', ''],
      [ids[2], 'explode', '', ''],
      [ids[3], 'hold', '', 'menunggu'],
      [ids[3], 'resume', '', ''],
    ]);
    const before = await Promise.all(ids.map(state));
    const r = await lapor(t.db, ['--as', OFFICERS.superAdmin, 'dispatch', plan, '--dry-run', '--format', 'json'], { now });
    expect(r.code, r.stderr).toBe(3);
    const rows = JSON.parse(r.stdout).data;
    expect(rows.map((x: { outcome: string }) => x.outcome)).toEqual(['would_apply', 'would_apply', 'refused', 'refused', 'refused', 'would_apply', 'would_apply']);
    expect([rows[0].outcome_label, rows[2].outcome_label]).toEqual(['akan diterapkan', 'ditolak']); // labelled in the run's language (issue 12)
    expect(rows[2].message).toContain('adminnas is super_admin: only admin may forward');
    expect(rows[3].message).toContain('no complaint with tracking id 99999999999');
    expect(rows[4].message).toContain("unknown action 'explode'");
    // what it says on stderr is in the run's language, Indonesian here (issue 12)
    expect(r.stderr).toBe('uji coba: 4 dari 7 baris akan diterapkan, 3 akan ditolak; tidak ada yang ditulis\nperingatan: 3 baris akan ditolak\n');
    expect(await Promise.all(ids.map(state))).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'plan1.result.csv'))).toBe(false);
  });

  it('a real run applies the permitted rows, writes a per-row result file and exits 3 if any was refused', async () => {
    const plan = path.join(dir, 'plan1.csv');
    const noYes = await lapor(t.db, ['--as', OFFICERS.superAdmin, 'dispatch', plan], { now });
    expect([noYes.code, noYes.stderr]).toEqual([2, expect.stringContaining('--yes')]);
    const r = await lapor(t.db, ['--as', OFFICERS.superAdmin, '--lang', 'en', 'dispatch', plan, '--yes'], { now });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/^applied 4 of 7 row\(s\), refused 3, in \d+\.\d s \(\d+ batch\(es\)(, \d+ row\(s\) retried one by one)?\); per-row result in \S*plan1\.result\.csv\n/);
    expect(r.stderr).toMatch(/\nwarning: 3 row\(s\) were refused; see \S*plan1\.result\.csv\n$/);
    const result = parse(fs.readFileSync(path.join(dir, 'plan1.result.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(result.map((x) => [x.line, x.outcome])).toEqual([
      ['2', 'applied'], ['3', 'applied'], ['4', 'refused'], ['5', 'refused'], ['6', 'refused'], ['7', 'applied'], ['8', 'applied'],
    ]);
    expect(result[2].why).toBe('role');
    expect(await state(ids[0])).toMatchObject({ status: 'responded', version: 3, institution_id: fx.bandung });
    expect(await state(ids[1])).toMatchObject({ status: 'received', version: 1 });
    expect(await state(ids[3])).toMatchObject({ status: 'received', version: 3 });
    const c0 = await t.db.knex('complaints').where({ tracking_id: ids[0] }).first('id');
    const ev = await t.db.knex('complaint_events').where({ complaint_id: c0.id }).orderBy('seq');
    expect(ev.map((e) => [e.seq, e.kind, e.actor])).toEqual([[1, 'received', 'adminnas'], [2, 'dispose', 'adminnas'], [3, 'respond', 'adminnas']]);
    expect(ev[2].body).toBe('sudah ditangani oleh pusat');
    // Run again: every row is now refused for its state, nothing changes.
    const again = await lapor(t.db, ['--as', OFFICERS.superAdmin, 'dispatch', plan, '--yes', '--result', path.join(dir, 'again.csv')], { now });
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^2 dari 7 baris diterapkan, 5 ditolak, dalam \d+\.\d detik \(\d+ batch(, \d+ baris dicoba ulang satu per satu)?\); hasil per baris di \S*again\.csv\n/);
    expect(again.stderr).toMatch(/\nperingatan: 5 baris ditolak; lihat \S*again\.csv\n$/);
    expect(await state(ids[0])).toMatchObject({ status: 'responded', version: 3 });
  });

  it('an admin forwards in bulk within its own institution only', async () => {
    const plan = writePlan('fwd.csv', [[ids[0], 'forward', 'DISHUB', ''], [ids[1], 'forward', 'DISHUB', '']]);
    // ids[0] is responded (state), ids[1] still received (scope: not with the institution).
    const r = await lapor(t.db, ['--as', OFFICERS.admin, 'dispatch', plan, '--dry-run', '--format', 'json'], { now });
    const rows = JSON.parse(r.stdout).data;
    expect(rows.map((x: { outcome: string }) => x.outcome)).toEqual(['refused', 'refused']);
    expect(rows[1].message).toContain("not with budi.santoso's institution");
  });

  it('refuses a plan it cannot read (exit 65), naming every problem', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'tracking,action,target\n1,verify,32.73\n');
    const r = await lapor(t.db, ['--as', OFFICERS.superAdmin, 'dispatch', bad, '--dry-run'], { now });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('missing column(s) tracking_id, reason');
    expect(r.stderr).toContain('unknown column(s) tracking');
    const semi = path.join(dir, 'semi.csv');
    fs.writeFileSync(semi, `\uFEFFtracking_id;action;target;reason\n${ids[5]};archive;;duplikat\n`);
    const ok = await lapor(t.db, ['--as', OFFICERS.superAdmin, 'dispatch', semi, '--yes'], { now });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await state(ids[5])).toMatchObject({ status: 'archived' });
  });

  it('a batch that meets a complaint changed meanwhile is rolled back whole (BatchConflict)', async () => {
    const snaps = await loadSnapshots(t.db.knex, [ids[1], ids[2]]);
    const writes = [ids[1], ids[2]].map((id) => {
      const s = snaps.get(id)!;
      const d = planTransition(s.state, fx.actors.superAdmin, { action: 'dispose', targetInstitution: { id: fx.bandung, code: '32.73', status: 'active' } });
      if (!d.ok) throw new Error(d.refusal.message);
      return { state: s.state, next: d.next, event: d.event, actor: fx.actors.superAdmin, at: now };
    });
    // Someone else acts on ids[2] first.
    await performAction(t.db.knex, fx.actors.superAdmin, ids[2], { action: 'hold' }, now);
    const starts = new Map([...snaps.values()].map((s) => [s.state.id, { lastSeq: s.lastSeq, lastAt: s.last?.at ?? null }]));
    await expect(t.db.knex.transaction((trx) => writeBatch(trx, writes, starts))).rejects.toBeInstanceOf(BatchConflict);
    expect(await state(ids[1])).toMatchObject({ status: 'received', version: 1 });
    expect(await state(ids[2])).toMatchObject({ status: 'on_hold', version: 2 });
  });

  it('route add|list|remove and dispatch suggest: a plan of the most specific rule for each received complaint', async () => {
    const as = (who: string, args: string[]) => lapor(t.db, ['--as', who, ...args], { now });
    expect((await as(OFFICERS.admin, ['route', 'add', '--institution', '32.73', '--region', '32.73'])).code).toBe(77);
    expect((await as(OFFICERS.superAdmin, ['route', 'add', '--institution', '32.73'])).code).toBe(2);
    const r1 = await as(OFFICERS.superAdmin, ['route', 'add', '--institution', '32.73', '--region', '32']);
    const r2 = await as(OFFICERS.superAdmin, ['route', 'add', '--institution', 'KEMENPANRB', '--region', '32.73', '--category', 'Kesehatan']);
    const r3 = await as(OFFICERS.superAdmin, ['route', 'add', '--institution', '51.71', '--region', '51.71']);
    expect([r1.code, r2.code, r3.code]).toEqual([0, 0, 0]);
    // said in the run's language (issue 12)
    expect(r1.stderr).toMatch(/^aturan #\d+: wilayah 32, kategori \* → 32\.73 .+\n$/);
    const r4 = await as(OFFICERS.superAdmin, ['--lang', 'en', 'route', 'add', '--institution', '51.71', '--region', '51.71', '--category', 'jalan']);
    expect(r4.stderr).toMatch(/^rule #\d+: region 51\.71, category jalan → 51\.71 .+\n$/);
    expect((await as(OFFICERS.superAdmin, ['--lang', 'en', 'route', 'remove', r4.stdout.trim()])).stderr).toBe(`rule #${r4.stdout.trim()} removed\n`);
    expect((await as(OFFICERS.superAdmin, ['route', 'add', '--institution', '51.71', '--region', '51.71'])).code).toBe(65);
    const list = JSON.parse((await as(OFFICERS.superAdmin, ['route', 'list', '--format', 'json'])).stdout).data;
    expect(list.map((r: { institution: string }) => r.institution)).toEqual(['32.73', 'KEMENPANRB', '51.71']);
    expect((await as(OFFICERS.admin, ['dispatch', 'suggest'])).code).toBe(77);
    const out = path.join(dir, 'suggested.csv');
    const s = await as(OFFICERS.superAdmin, ['dispatch', 'suggest', '-o', out]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toBe(`3 pengaduan Belum Terverifikasi: 3 cocok dengan aturan disposisi, 0 tidak; rencana ditulis ke ${out} (periksa dulu, lalu: lapor dispatch ${out} --dry-run)\n`);
    const en = await as(OFFICERS.superAdmin, ['--lang', 'en', 'dispatch', 'suggest', '--include-unmatched']);
    expect(en.stderr).toBe('3 received complaint(s): 3 matched a rule, 0 did not\n');
    const plan = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    // Received now: ids[1] (32.73, jalan), ids[3] (51.71, jalan), ids[4] (51.71, kesehatan); ids[2] is on hold.
    expect(plan.map((p) => [p.tracking_id, p.action, p.target])).toEqual([
      [ids[1], 'verify', '32.73'], [ids[3], 'verify', '51.71'], [ids[4], 'verify', '51.71'],
    ]);
    const applied = await as(OFFICERS.superAdmin, ['dispatch', out, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await state(ids[3])).toMatchObject({ status: 'with_institution', institution_id: fx.denpasar });
    expect((await as(OFFICERS.superAdmin, ['route', 'remove', String(list[2].id)]))).toMatchObject({ code: 0, stderr: `aturan #${list[2].id} dihapus\n` });
    expect((await as(OFFICERS.superAdmin, ['route', 'remove', String(list[2].id)])).code).toBe(65);
  });
});
