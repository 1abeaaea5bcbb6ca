import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { engineNames, initialisedDb, tempDir, type TestDb } from '../helpers/db.js';
import { findOfficer } from '../../src/db/actor.js';
import { listInstitutions, listOfficers, showInstitution } from '../../src/db/registry.js';
import { addUnit, deactivateOfficer, registerDecree } from '../../src/usecases/registry.js';
import { loadDecree } from '../../src/commands/institution/decree-files.js';
import { DataError, NotPermittedError } from '../../src/errors.js';
import type { Actor } from '../../src/domain/actor.js';

const dir = path.resolve(import.meta.dirname, '../../fixtures/decrees');
const TODAY = '2026-01-15';

async function counts(knex: Knex) {
  const out: Record<string, number> = {};
  for (const t of ['decrees', 'units', 'officers', 'audit_log']) out[t] = Number((await knex(t).count({ n: '*' }).first())!.n);
  out.active = Number((await knex('institutions').where({ status: 'active' }).count({ n: '*' }).first())!.n);
  return out;
}

describe.each(engineNames)('registering decrees on %s', (engine) => {
  let t: TestDb;
  let knex: Knex;
  let adminnas: Actor;
  const register = async (file: string, opts: { dryRun?: boolean; actor?: Actor } = {}) => {
    const { decree, hash } = await loadDecree(knex, path.join(dir, file), TODAY);
    return registerDecree(knex, decree, hash, { actor: opts.actor ?? adminnas, dryRun: opts.dryRun });
  };

  beforeAll(async () => {
    t = await initialisedDb(engine);
    knex = t.db.knex;
    adminnas = (await findOfficer(knex, 'adminnas'))!;
  });
  afterAll(async () => t?.cleanup());

  it('refuses the decree with planted mistakes, listing all of them, and writes nothing', async () => {
    const before = await counts(knex);
    const err = await loadDecree(knex, path.join(dir, 'contoh-salah.yaml'), TODAY).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.exitCode).toBe(65);
    expect(err.message).toMatch(/has 6 problems; nothing was written/);
    const text = err.details.join('\n');
    for (const m of [/region 32\.99 is not in the region list/, /birth date 19851312/, /budi\.santoso@@contoh\.go\.id/,
      /BAPPEDA .* has no Pejabat Penghubung/, /conflicting roles/, /'0813-2000' is not an Indonesian phone number/]) expect(text).toMatch(m);
    expect(await counts(knex)).toEqual(before);
  });

  it('registers Kota Bandung 2024: institution active, 6 units, 11 officers with unique usernames', async () => {
    const r = await register('kota-bandung-2024.yaml');
    expect(r.outcome).toBe('registered');
    expect(r.institution).toMatchObject({ code: '32.73', activated: true, created: false });
    expect(r.units.map((u) => `${u.code}:${u.change}`)).toEqual(['DISKOMINFO:added', 'DISDUKCAPIL:added', 'DINKES:added', 'DISDIK:added', 'DPMPTSP:added', 'DISHUB:added']);
    expect(r.officers).toHaveLength(11);
    expect(r.officers.every((o) => o.change === 'added')).toBe(true);
    const inst = await knex('institutions').where({ code: '32.73' }).first();
    expect(inst.status).toBe('active');
    const officers = await knex('officers').where({ institution_id: inst.id }).orderBy('username');
    expect(officers.map((o) => o.username)).toEqual([
      'agus.setiawan', 'ahmad.suryana', 'budi.santoso', 'dedi.kurniawan', 'hendra.gunawan', 'maya.sari',
      'rina.kartika', 'rudi.hartono', 'siti.nurhaliza', 'wahyu.pratama', 'yuni.astuti',
    ]);
    const hendra = officers.find((o) => o.username === 'hendra.gunawan');
    expect(hendra).toMatchObject({ role: 'liaison', nip: '197911082005011004', phone: '+62224234567', active_from: '2024-02-12', active_to: null });
    const decree = await knex('decrees').where({ institution_id: inst.id }).first();
    expect(decree).toMatchObject({ number: '800/Kep.112-Diskominfo/2024', decree_date: '2024-02-12', received_at: '2024-02-20', registered_by: 'adminnas', superseded_by: null });
    expect(decree.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same decree again changes nothing and says so', async () => {
    const before = await counts(knex);
    const r = await register('kota-bandung-2024.yaml');
    expect(r.outcome).toBe('unchanged');
    expect(await counts(knex)).toEqual(before);
  });

  it('only a super_admin may register (77)', async () => {
    const budi = (await findOfficer(knex, 'budi.santoso'))!;
    const err = await register('kemenpanrb-2024.yaml', { actor: budi }).catch((e) => e);
    expect(err).toBeInstanceOf(NotPermittedError);
    expect(err.exitCode).toBe(77);
  });

  it('a dry run of the newer decree reports the plan and writes nothing', async () => {
    const before = await counts(knex);
    const r = await register('kota-bandung-2025.yaml', { dryRun: true });
    expect(r.outcome).toBe('superseded');
    expect(r.dryRun).toBe(true);
    expect(r.officers.filter((o) => o.change === 'deactivated').map((o) => o.username).sort()).toEqual(['agus.setiawan', 'siti.nurhaliza', 'wahyu.pratama']);
    expect(await counts(knex)).toEqual(before);
    expect((await knex('decrees').whereNull('superseded_by')).length).toBe(1);
  });

  it('a newer decree supersedes: dropped officers deactivated with dates, held complaints listed', async () => {
    const inst = await knex('institutions').where({ code: '32.73' }).first();
    const unit = async (code: string) => (await knex('units').where({ institution_id: inst.id, code }).first()).id;
    const complaint = (n: number, unitCode: number, status: string) => ({
      tracking_id: `9000${n}`, source: 'test', external_id: `c${n}`, channel: 'web', received_at: `2024-12-0${n}T03:00:00Z`,
      class: 'pengaduan', title: `Keluhan ${n}`, body: 'isi', institution_id: inst.id, unit_id: unitCode, status,
    });
    await knex('complaints').insert([
      complaint(1, await unit('DISHUB'), 'with_unit'),
      complaint(2, await unit('DINKES'), 'with_unit'),
      complaint(3, await unit('DISHUB'), 'responded'),
      complaint(4, await unit('DISKOMINFO'), 'with_unit'),
    ]);
    const r = await register('kota-bandung-2025.yaml');
    expect(r.outcome).toBe('superseded');
    expect(r.supersedes).toEqual({ number: '800/Kep.112-Diskominfo/2024', date: '2024-02-12' });
    expect(r.units.filter((u) => u.change !== 'unchanged').map((u) => `${u.code}:${u.change}`)).toEqual(['DISDIK:renamed', 'BAPENDA:added']);
    const changes = Object.fromEntries(r.officers.map((o) => [o.username, o.change]));
    expect(changes).toMatchObject({
      'budi.santoso': 'updated', 'budi.santoso2': 'added', 'lina.marlina': 'added', 'dedi.kurniawan': 'unchanged',
      'siti.nurhaliza': 'deactivated', 'agus.setiawan': 'deactivated', 'wahyu.pratama': 'deactivated',
    });
    // The new DISHUB liaison shares a name with the admin: a suffixed username; the admin keeps his (matched by NIP).
    expect(r.officers.find((o) => o.username === 'budi.santoso2')).toMatchObject({ role: 'liaison', unit: 'DISHUB' });
    expect(r.heldComplaints.map((c) => `${c.trackingId}:${c.unitCode}:${c.unitHasLiaison}`)).toEqual(['90002:DINKES:true', '90001:DISHUB:true']);

    const decrees = await knex('decrees').where({ institution_id: inst.id }).orderBy('decree_date');
    expect(decrees[0]).toMatchObject({ superseded_by: decrees[1].id, superseded_at: '2025-01-20' });
    expect(decrees[1].superseded_by).toBeNull();
    const siti = await knex('officers').where({ username: 'siti.nurhaliza' }).first();
    expect(siti).toMatchObject({ active_from: '2024-02-12', active_to: '2025-01-20', deactivated_reason: 'not named in decree 800/Kep.047-Diskominfo/2025' });
    const budi = await knex('officers').where({ username: 'budi.santoso' }).first();
    expect(budi).toMatchObject({ position: 'Pranata Komputer Ahli Madya, Diskominfo', decree_id: decrees[1].id, active_to: null });
  });

  it('institution show: the roster by unit and the history of decrees and officers', async () => {
    const d = await showInstitution(knex, '32.73');
    expect(d.institution.parent_code).toBe('32');
    expect(d.units.filter((u) => u.active).map((u) => `${u.code}:${u.liaisons}`)).toEqual([
      'BAPENDA:1', 'DINKES:1', 'DISDIK:1', 'DISDUKCAPIL:1', 'DISHUB:1', 'DISKOMINFO:1', 'DPMPTSP:1']);
    expect(d.units.find((u) => u.code === 'DISHUB')?.held).toBe(1);
    expect(d.officers.map((o) => o.role)).toEqual(['patron', 'supervisor', 'admin', ...Array(7).fill('liaison')]);
    expect(d.decrees.map((x) => `${x.number}>${x.superseded_by ?? ''}`)).toEqual([
      '800/Kep.047-Diskominfo/2025>', '800/Kep.112-Diskominfo/2024>800/Kep.047-Diskominfo/2025']);
    expect(d.former.map((o) => `${o.username}:${o.active_to}`).sort()).toEqual([
      'agus.setiawan:2025-01-20', 'siti.nurhaliza:2025-01-20', 'wahyu.pratama:2025-01-20']);
  });

  it('refuses an older decree over a newer one, and a change to a superseded one; the old one again is "unchanged"', async () => {
    const before = await counts(knex);
    expect((await register('kota-bandung-2024.yaml')).outcome).toBe('unchanged');
    const tmp = tempDir('lapor-reg-');
    try {
      const y = fs.readFileSync(path.join(dir, 'kota-bandung-2024.yaml'), 'utf8');
      fs.copyFileSync(path.join(dir, 'kota-bandung-2024-lampiran.csv'), path.join(tmp, 'kota-bandung-2024-lampiran.csv'));
      fs.writeFileSync(path.join(tmp, 'older.yaml'), y.replace('number: 800/Kep.112-Diskominfo/2024', 'number: 800/Kep.100/2024'));
      fs.writeFileSync(path.join(tmp, 'changed.yaml'), y.replace('signed_by: Wali Kota Bandung', 'signed_by: Plh. Wali Kota Bandung'));
      for (const [file, msg] of [['older.yaml', /is not newer than the decree in force/], ['changed.yaml', /was superseded by 800\/Kep.047/]] as const) {
        const { decree, hash } = await loadDecree(knex, path.join(tmp, file), TODAY);
        const err = await registerDecree(knex, decree, hash, { actor: adminnas }).catch((e) => e);
        expect(err).toBeInstanceOf(DataError);
        expect(err.message).toMatch(msg);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    expect(await counts(knex)).toEqual(before);
  });

  it('a corrected version of the decree in force (same number) amends it', async () => {
    const tmp = tempDir('lapor-reg-');
    try {
      const csv = fs.readFileSync(path.join(dir, 'kota-bandung-2025-lampiran.csv'), 'utf8');
      fs.writeFileSync(path.join(tmp, 'kota-bandung-2025-lampiran.csv'), csv.replace('lina.marlina@bandung.go.id', 'lina.m@bandung.go.id'));
      fs.copyFileSync(path.join(dir, 'kota-bandung-2025.yaml'), path.join(tmp, 'sk.yaml'));
      const { decree, hash } = await loadDecree(knex, path.join(tmp, 'sk.yaml'), TODAY);
      const r = await registerDecree(knex, decree, hash, { actor: adminnas });
      expect(r.outcome).toBe('amended');
      expect(r.officers.filter((o) => o.change !== 'unchanged').map((o) => `${o.username}:${o.detail}`)).toEqual([
        'lina.marlina:email: lina.marlina@bandung.go.id → lina.m@bandung.go.id']);
      expect((await knex('decrees').whereNull('superseded_by').where({ number: '800/Kep.047-Diskominfo/2025' })).length).toBe(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('registers a kementerian with an inline roster', async () => {
    const r = await register('kemenpanrb-2024.yaml');
    expect(r.outcome).toBe('registered');
    expect(r.units.map((u) => u.code)).toEqual(['DEPUTI-YANLIK', 'INSPEKTORAT', 'BIRO-HKIP']);
    const rows = await listInstitutions(knex, { registered: true });
    expect(rows.map((x) => `${x.code}:${x.units}:${x.officers}`)).toEqual(['32.73:7:10', 'KEMENPANRB:3:6']);
  });

  it('an admin adds a unit to their own institution only; officer deactivate lists held complaints', async () => {
    const budi = (await findOfficer(knex, 'budi.santoso'))!;
    const fajar = (await findOfficer(knex, 'fajar.nugroho'))!;
    expect((await addUnit(knex, budi, '32.73', { code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga' })).created).toBe(true);
    expect((await addUnit(knex, budi, '32.73', { code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga' })).created).toBe(false);
    await expect(addUnit(knex, fajar, '32.73', { code: 'X', name: 'X' })).rejects.toBeInstanceOf(NotPermittedError);
    await expect(deactivateOfficer(knex, fajar, 'budi.santoso2', 'mutasi', '2025-06-01')).rejects.toBeInstanceOf(NotPermittedError);
    const r = await deactivateOfficer(knex, budi, 'budi.santoso2', 'mutasi', '2025-06-01');
    expect(r).toMatchObject({ activeTo: '2025-06-01', alreadyInactive: false, unit: 'DISHUB', lastAdmin: false });
    expect(r.heldComplaints.map((c) => `${c.trackingId}:${c.unitHasLiaison}`)).toEqual(['90001:false']);
    expect((await deactivateOfficer(knex, budi, 'budi.santoso2', 'mutasi', '2025-06-01')).alreadyInactive).toBe(true);
    const active = await listOfficers(knex, { institution: '32.73', role: 'liaison' });
    expect(active.map((o) => o.unit_code)).toEqual(['BAPENDA', 'DINKES', 'DISDIK', 'DISDUKCAPIL', 'DISKOMINFO', 'DPMPTSP']);
    const all = await listOfficers(knex, { institution: '32.73', role: 'liaison', unit: 'DISHUB', all: true });
    expect(all.map((o) => `${o.username}:${o.active_to}`)).toEqual(['budi.santoso2:2025-06-01', 'wahyu.pratama:2025-01-20']);
  });

  it('writes an audit entry per registration', async () => {
    const rows = await knex('audit_log').where({ action: 'decree.register' }).orderBy('id');
    expect(rows.map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail).outcome)).toEqual(['registered', 'superseded', 'amended', 'registered']);
  });
});
