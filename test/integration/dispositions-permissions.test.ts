import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { at, lapor, OFFICERS, seedOfficers } from './dispositions-setup.js';

/**
 * Every cell of DESIGN §5's permission table for the life-cycle actions, through the CLI: each
 * actor tries each action on a complaint in the right state; allowed cells exit 0, the others
 * exit 77 with one line saying why, and leave the database exactly as it was.
 */
type Who = keyof typeof OFFICERS;
const EVERYONE = Object.keys(OFFICERS) as Who[];

interface Cell {
  name: string;
  /** The state the complaint must be in (built through the life-cycle itself). */
  setup: 'received' | 'on_hold' | 'with_institution' | 'with_unit' | 'responded_inst' | 'responded_unit';
  args: (id: string) => string[];
  allowed: Who[];
  /** DESIGN §5's roles for the action: others are refused for their role, these for their scope. */
  roles: string[];
}

const ROLE: Record<Who, string> = {
  superAdmin: 'super_admin', admin: 'admin', admin2: 'admin', liaisonDishub: 'liaison', liaisonDinkes: 'liaison',
  otherAdmin: 'admin', otherLiaison: 'liaison', supervisor: 'supervisor', patron: 'patron', deactivated: 'liaison',
};

const CELLS: Cell[] = [
  { name: 'verify + dispose', setup: 'received', args: (id) => ['complaint', 'verify', id, '--dispose-to', '32.73'], allowed: ['superAdmin'], roles: ['super_admin'] },
  { name: 'hold', setup: 'received', args: (id) => ['complaint', 'hold', id, '--reason', 'menunggu data'], allowed: ['superAdmin'], roles: ['super_admin'] },
  { name: 'resume', setup: 'on_hold', args: (id) => ['complaint', 'resume', id], allowed: ['superAdmin'], roles: ['super_admin'] },
  { name: 'archive', setup: 'received', args: (id) => ['complaint', 'archive', id, '--reason', 'duplikat'], allowed: ['superAdmin'], roles: ['super_admin'] },
  { name: 'forward to unit', setup: 'with_institution', args: (id) => ['complaint', 'forward', id, '--to', 'DISHUB'], allowed: ['admin', 'admin2'], roles: ['admin'] },
  { name: 'return to national', setup: 'with_institution', args: (id) => ['complaint', 'return', id, '--reason', 'bukan wewenang'], allowed: ['admin', 'admin2'], roles: ['admin'] },
  { name: 'return to admin', setup: 'with_unit', args: (id) => ['complaint', 'return', id, '--reason', 'bukan tugas unit'], allowed: ['liaisonDishub'], roles: ['liaison'] },
  { name: 'respond (with institution)', setup: 'with_institution', args: (id) => ['complaint', 'respond', id, '--text', 'ditindaklanjuti'], allowed: ['superAdmin', 'admin', 'admin2'], roles: ['super_admin', 'admin', 'liaison'] },
  { name: 'respond (with unit)', setup: 'with_unit', args: (id) => ['complaint', 'respond', id, '--text', 'ditindaklanjuti'], allowed: ['superAdmin', 'admin', 'admin2', 'liaisonDishub'], roles: ['super_admin', 'admin', 'liaison'] },
  { name: 'close', setup: 'responded_inst', args: (id) => ['complaint', 'close', id], allowed: ['superAdmin', 'admin', 'admin2'], roles: ['super_admin', 'admin'] },
  { name: 'reply (with unit)', setup: 'responded_unit', args: (id) => ['complaint', 'reply', id, '--text', 'belum selesai'], allowed: ['superAdmin', 'admin', 'admin2', 'liaisonDishub'], roles: ['super_admin', 'admin', 'liaison'] },
];

describe.each(engineNames)('permission table (%s)', (engine) => {
  let t: TestDb;
  let clock = at('2026-03-02 08:00').getTime();
  const tick = () => new Date((clock += 60_000));
  beforeAll(async () => {
    t = await initialisedDb(engine);
    await seedOfficers(t.db.knex);
  });
  afterAll(async () => t?.cleanup());

  const run = (who: Who, args: string[]) => lapor(t.db, ['--as', OFFICERS[who], ...args], { now: tick() });
  async function ok(who: Who, args: string[]) {
    const r = await run(who, args);
    expect(r.code, `${who} ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  }
  async function complaintIn(state: Cell['setup']): Promise<string> {
    const id = (await ok('superAdmin', ['complaint', 'add', '--channel', 'tatap_muka', '--body', 'Pelayanan KTP lambat'])).stdout.trim();
    if (state === 'received') return id;
    if (state === 'on_hold') return (await ok('superAdmin', ['complaint', 'hold', id]), id);
    await ok('superAdmin', ['complaint', 'verify', id, '--dispose-to', '32.73']);
    if (state === 'with_institution') return id;
    if (state === 'responded_inst') return (await ok('admin', ['complaint', 'respond', id, '--text', 'sudah']), id);
    await ok('admin', ['complaint', 'forward', id, '--to', 'DISHUB']);
    if (state === 'with_unit') return id;
    await ok('liaisonDishub', ['complaint', 'respond', id, '--text', 'sudah']);
    return id;
  }
  async function snapshot(id: string) {
    const c = await t.db.knex('complaints').where({ tracking_id: id }).first('id', 'status', 'version', 'institution_id', 'unit_id');
    const n = await t.db.knex('complaint_events').where({ complaint_id: c.id }).count({ n: '*' }).first();
    return { ...c, events: Number(n?.n) };
  }

  for (const cell of CELLS) {
    it(`${cell.name}: allowed for ${cell.allowed.join(', ')}; refused (77) for everyone else`, async () => {
      const refusedId = await complaintIn(cell.setup);
      const before = await snapshot(refusedId);
      for (const who of EVERYONE.filter((w) => !cell.allowed.includes(w))) {
        const r = await run(who, cell.args(refusedId));
        expect(r.code, `${who} ${cell.name}: ${r.stdout}${r.stderr}`).toBe(77);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        const why = who === 'deactivated' ? /is deactivated/ : cell.roles.includes(ROLE[who]) ? /is not with/ : new RegExp(`is ${ROLE[who]}: only `);
        expect(r.stderr, `${who} ${cell.name}`).toMatch(why);
        expect(await snapshot(refusedId)).toEqual(before);
      }
      for (const who of cell.allowed) {
        const id = await complaintIn(cell.setup);
        const b = await snapshot(id);
        await ok(who, cell.args(id));
        const a = await snapshot(id);
        expect(a.version).toBe(b.version + 1);
        expect(a.events).toBe(b.events + 1);
      }
    });
  }

  it('a refusal names the reason: wrong state, wrong role, not your institution, not your unit', async () => {
    const id = await complaintIn('with_unit');
    const state = await run('admin', ['complaint', 'forward', id, '--to', 'DINKES']);
    expect([state.code, state.stderr]).toEqual([77, expect.stringContaining('is with_unit')]);
    const role = await run('supervisor', ['complaint', 'respond', id, '--text', 'x']);
    expect(role.stderr).toContain('sekda.bandung is supervisor: only super_admin or admin or liaison may post a follow-up');
    const inst = await run('otherAdmin', ['complaint', 'respond', id, '--text', 'x']);
    expect(inst.stderr).toContain("not with made.putra's institution");
    const unit = await run('liaisonDinkes', ['complaint', 'respond', id, '--text', 'x']);
    expect(unit.stderr).toContain("not with andi.dinkes's unit");
    const gone = await run('deactivated', ['complaint', 'respond', id, '--text', 'x']);
    expect(gone.stderr).toContain("officer 'lama.dishub' is deactivated");
  });

  it('bad input is exit 65 and changes nothing: missing reason, unknown unit, unit of another institution, empty text', async () => {
    const id = await complaintIn('with_institution');
    const before = await snapshot(id);
    expect((await run('admin', ['complaint', 'forward', id, '--to', 'NOPE'])).code).toBe(65);
    expect((await run('admin', ['complaint', 'forward', id, '--to', 'DLH'])).code).toBe(65);
    expect((await run('admin', ['complaint', 'return', id, '--reason', '   '])).code).toBe(65);
    expect((await run('admin', ['complaint', 'respond', id, '--text', ' '])).code).toBe(65);
    expect((await run('admin', ['complaint', 'respond', '12345678901'])).code).toBe(2);
    expect((await run('admin', ['complaint', 'respond', '12345678901', '--text', 'x'])).code).toBe(65);
    expect(await snapshot(id)).toEqual(before);
    const unregistered = await complaintIn('received');
    const r = await run('superAdmin', ['complaint', 'verify', unregistered, '--dispose-to', '32.74']);
    expect([r.code, r.stderr]).toEqual([65, expect.stringContaining('no registered complaint team')]);
  });

  it('complaint add: super_admin, admin and liaison; an admin’s lands with its institution, a liaison’s with its unit', async () => {
    for (const who of ['supervisor', 'patron', 'deactivated'] as Who[]) {
      expect((await run(who, ['complaint', 'add', '--channel', 'surat', '--body', 'x'])).code).toBe(77);
    }
    const id = (await ok('admin', ['complaint', 'add', '--channel', 'surat', '--body', 'Surat warga'])).stdout.trim();
    const c = await snapshot(id);
    expect(c).toMatchObject({ status: 'with_institution', events: 2, version: 2 });
    // SE MenPANRB 4/2016: the Pejabat Penghubung enters letters and receives reports from channels.
    const added = await ok('liaisonDishub', ['complaint', 'add', '--channel', 'youtube', '--body', 'Video lampu lalu lintas mati']);
    expect(added.stderr).toMatch(/ditempatkan pada 32\.73\/DISHUB/); // in the run's language (issue 12; the English text before)
    const l = await snapshot(added.stdout.trim());
    const dishub = await t.db.knex('units').where({ code: 'DISHUB' }).first('id', 'institution_id');
    expect(l).toMatchObject({ status: 'with_unit', events: 3, version: 3, unit_id: dishub.id, institution_id: dishub.institution_id });
    const kinds = await t.db.knex('complaint_events').where('complaint_id', l.id).orderBy('seq').pluck('kind');
    expect(kinds).toEqual(['received', 'dispose', 'forward']);
    // it is the liaison's to answer: it sits with their unit
    expect((await run('liaisonDishub', ['complaint', 'respond', added.stdout.trim(), '--text', 'Sudah diperbaiki'])).code).toBe(0);
    expect((await run('liaisonDinkes', ['complaint', 'add', '--channel', 'blog', '--body', 'Tulisan blog'])).code).toBe(0);
    // Tracking ids are unique and well-formed.
    const ids = await t.db.knex('complaints').pluck('tracking_id');
    expect(new Set(ids).size).toBe(ids.length);
  });
});
