/**
 * The institution registry in the database: registering a validated decree (institution, units,
 * officers, the decree itself, superseding the one in force) and the look-ups behind
 * `institution list|show`, `unit add|list` and `officer list|deactivate`.
 */
import type { Knex } from 'knex';
import { ConflictError, DataError, NotPermittedError, UsageError } from '../errors.js';
import type { Actor } from '../domain/actor.js';
import {
  bareName, PEMDA_KINDS, type Decree, type DecreePerson, type DecreeRole, type InstitutionKind, type ReferenceEntry,
} from '../domain/decree.js';
import { uniqueUsername } from '../domain/decree-username.js';
import { withTransaction } from './tx.js';
import { unknownInstitutionError } from './institution-code.js';

export interface InstitutionRow {
  id: number;
  code: string;
  name: string;
  kind: InstitutionKind;
  region_code: string | null;
  province_code: string | null;
  parent_id: number | null;
  time_zone: string;
  status: string;
}

export async function loadReference(knex: Knex): Promise<Map<string, ReferenceEntry>> {
  const rows = (await knex('institutions').select('code', 'name', 'kind')) as ReferenceEntry[];
  return new Map(rows.map((r) => [r.code, r]));
}

export async function findInstitution(knex: Knex, code: string): Promise<InstitutionRow | undefined> {
  const exact = await knex('institutions').where({ code }).first();
  if (exact) return exact as InstitutionRow;
  // K/L abbreviations are stored upper case; accept `kemenpanrb`.
  return (await knex('institutions').where({ code: code.toUpperCase() }).first()) as InstitutionRow | undefined;
}

export async function requireInstitution(knex: Knex, code: string): Promise<InstitutionRow> {
  const inst = await findInstitution(knex, code);
  if (!inst) throw await unknownInstitutionError(knex, code);
  return inst;
}

export function requireSuperAdmin(actor: Actor, what: string): void {
  if (actor.role !== 'super_admin') {
    throw new NotPermittedError(`only a super_admin (Admin Nasional) may ${what}; '${actor.username}' is ${actor.role}`);
  }
}

/** super_admin anywhere, an admin in their own institution. */
export function requireAdminOf(actor: Actor, institution: InstitutionRow, what: string): void {
  if (actor.role === 'super_admin') return;
  if (actor.role === 'admin' && actor.institutionId === institution.id) return;
  throw new NotPermittedError(`'${actor.username}' (${actor.role}) may not ${what} of ${institution.code}`, [
    'a super_admin may, and an admin of the same institution',
  ]);
}

// ---------------------------------------------------------------------------------------------
// Registering a decree

export type UnitChange = 'added' | 'renamed' | 'reactivated' | 'deactivated' | 'unchanged';
export type OfficerChange = 'added' | 'updated' | 'reactivated' | 'deactivated' | 'unchanged';

export interface RegisterResult {
  outcome: 'registered' | 'superseded' | 'amended' | 'unchanged';
  dryRun: boolean;
  decree: { id: number | null; number: string; date: string; receivedAt: string | null; effectiveFrom: string };
  institution: { code: string; name: string; kind: string; activated: boolean; created: boolean };
  supersedes: { number: string; date: string } | null;
  units: { code: string; name: string; change: UnitChange; detail: string }[];
  officers: { username: string; name: string; role: string; unit: string | null; change: OfficerChange; detail: string }[];
  /** Complaints still held (with_unit) by a unit whose liaison was deactivated, or by a dropped unit. */
  heldComplaints: HeldComplaint[];
}

export interface HeldComplaint {
  trackingId: string;
  unitCode: string;
  unitName: string;
  status: string;
  receivedAt: string;
  title: string | null;
  unitHasLiaison: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly result: RegisterResult) {
    super('dry run');
  }
}

export interface RegisterOptions {
  actor: Actor;
  dryRun?: boolean;
}

/**
 * Registers a validated decree in one transaction. The same decree again changes nothing; a
 * newer one supersedes the decree in force; an older one is refused. A dry run does all the work
 * and rolls it back, so what it prints is exactly what a real run would do.
 */
export async function registerDecree(knex: Knex, decree: Decree, hash: string, opts: RegisterOptions): Promise<RegisterResult> {
  requireSuperAdmin(opts.actor, 'register a decree');
  try {
    return await withTransaction(knex, async (trx) => {
      const result = await applyDecree(trx, decree, hash, opts);
      if (opts.dryRun && result.outcome !== 'unchanged') throw new DryRunRollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    if ((err as { code?: string }).code === '23505' && /decrees_one_current|decrees_institution_id_number/.test(String((err as Error).message))) {
      throw new ConflictError('another registration of this institution ran at the same time; retry');
    }
    throw err;
  }
}

async function applyDecree(trx: Knex.Transaction, decree: Decree, hash: string, opts: RegisterOptions): Promise<RegisterResult> {
  const actor = opts.actor;
  let inst = (await trx('institutions').where({ code: decree.institution.code }).forUpdate().first()) as InstitutionRow | undefined;
  let created = false;
  if (!inst) {
    if (PEMDA_KINDS.includes(decree.institution.kind)) throw new DataError(`region ${decree.institution.code} is not in the region list`);
    [inst] = (await trx('institutions')
      .insert({ code: decree.institution.code, name: decree.institution.name, kind: decree.institution.kind, time_zone: 'WIB' })
      .returning('*')) as InstitutionRow[];
    created = true;
  }
  const result: RegisterResult = {
    outcome: 'registered',
    dryRun: opts.dryRun === true,
    decree: { id: null, number: decree.number, date: decree.date, receivedAt: decree.receivedAt, effectiveFrom: decree.effectiveFrom },
    institution: { code: inst.code, name: inst.name, kind: inst.kind, activated: inst.status !== 'active', created },
    supersedes: null,
    units: [],
    officers: [],
    heldComplaints: [],
  };

  const same = await trx('decrees').where({ institution_id: inst.id, number: decree.number }).first();
  const current = await trx('decrees').where({ institution_id: inst.id }).whereNull('superseded_by').first();
  let decreeId: number;
  if (same) {
    if (same.content_hash === hash) {
      result.outcome = 'unchanged';
      result.decree.id = same.id;
      result.institution.activated = false;
      return result;
    }
    if (same.superseded_by !== null) {
      const by = await trx('decrees').where({ id: same.superseded_by }).first();
      throw new DataError(`decree ${decree.number} of ${inst.code} was superseded by ${by?.number ?? 'a newer decree'}; it cannot be changed now`, [
        'register the corrected roster as a new decree (a new SK number)',
      ]);
    }
    // A corrected version of the decree in force (same number, different content): amend it.
    await trx('decrees').where({ id: same.id }).update({ ...decreeRow(decree, hash, actor.username), registered_at: trx.fn.now() });
    decreeId = same.id;
    result.outcome = 'amended';
  } else {
    if (current && decree.date <= current.decree_date) {
      throw new DataError(
        `decree ${decree.number} (${decree.date}) is not newer than the decree in force for ${inst.code}, ${current.number} (${current.decree_date})`,
        ['a newer decree supersedes the one in force; an older one cannot be registered over it', `see \`lapor institution show ${inst.code}\``],
      );
    }
    // The partial unique index allows one decree in force: retire the old one first.
    if (current) await trx('decrees').where({ id: current.id }).update({ superseded_at: decree.effectiveFrom });
    const [row] = await trx('decrees')
      .insert({ institution_id: inst.id, number: decree.number, ...decreeRow(decree, hash, actor.username) })
      .returning('id');
    decreeId = typeof row === 'object' ? row.id : row;
    if (current) {
      await trx('decrees').where({ id: current.id }).update({ superseded_by: decreeId });
      result.outcome = 'superseded';
      result.supersedes = { number: current.number, date: current.decree_date };
    }
  }
  result.decree.id = decreeId;

  const unitIds = await syncUnits(trx, inst, decree, result);
  const droppedLiaisonUnits = await syncOfficers(trx, inst, decree, decreeId, unitIds, result);
  const droppedUnits = result.units.filter((u) => u.change === 'deactivated').map((u) => u.code);
  const heldUnitIds = new Set<number>(droppedLiaisonUnits);
  for (const code of droppedUnits) {
    const id = unitIds.get(code);
    if (id) heldUnitIds.add(id);
  }
  result.heldComplaints = await heldComplaints(trx, [...heldUnitIds]);

  await trx('institutions').where({ id: inst.id }).update({ status: 'active', updated_at: trx.fn.now() });
  await trx('audit_log').insert({
    actor: actor.username,
    action: 'decree.register',
    detail: JSON.stringify({
      institution: inst.code,
      decree: decree.number,
      outcome: result.outcome,
      supersedes: result.supersedes?.number ?? null,
      officers: countBy(result.officers.map((o) => o.change)),
      units: countBy(result.units.map((u) => u.change)),
    }),
  });
  return result;
}

/** The decree's own columns, the same whether it is recorded anew or amended in place. */
function decreeRow(decree: Decree, hash: string, registeredBy: string) {
  return {
    decree_date: decree.date,
    signed_by: decree.signedBy,
    received_at: decree.receivedAt,
    effective_from: decree.effectiveFrom,
    content_hash: hash,
    document: JSON.stringify(decree),
    registered_by: registeredBy,
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Creates, renames, re-activates and retires units; returns unit id by code (all of the institution's units). */
async function syncUnits(trx: Knex.Transaction, inst: InstitutionRow, decree: Decree, result: RegisterResult): Promise<Map<string, number>> {
  const existing = await trx('units').where({ institution_id: inst.id });
  const byCode = new Map<string, { id: number; name: string; active: boolean; parent_unit_id: number | null }>(existing.map((u) => [u.code, u]));
  const ids = new Map<string, number>(existing.map((u) => [u.code, u.id]));
  for (const u of decree.units) {
    const old = byCode.get(u.code);
    if (!old) {
      const [row] = await trx('units').insert({ institution_id: inst.id, code: u.code, name: u.name }).returning('id');
      ids.set(u.code, typeof row === 'object' ? row.id : row);
      result.units.push({ code: u.code, name: u.name, change: 'added', detail: '' });
    } else if (!old.active) {
      await trx('units').where({ id: old.id }).update({ active: true, active_to: null, name: u.name });
      result.units.push({ code: u.code, name: u.name, change: 'reactivated', detail: old.name !== u.name ? `was '${old.name}'` : '' });
    } else if (old.name !== u.name) {
      await trx('units').where({ id: old.id }).update({ name: u.name });
      result.units.push({ code: u.code, name: u.name, change: 'renamed', detail: `was '${old.name}'` });
    } else {
      result.units.push({ code: u.code, name: u.name, change: 'unchanged', detail: '' });
    }
  }
  for (const u of decree.units) {
    const parent = u.parentCode ? ids.get(u.parentCode) ?? null : null;
    const old = byCode.get(u.code);
    if ((old?.parent_unit_id ?? null) !== parent) await trx('units').where({ id: ids.get(u.code) }).update({ parent_unit_id: parent });
  }
  const named = new Set(decree.units.map((u) => u.code));
  for (const old of existing) {
    if (old.active && !named.has(old.code)) {
      await trx('units').where({ id: old.id }).update({ active: false, active_to: decree.effectiveFrom });
      result.units.push({ code: old.code, name: old.name, change: 'deactivated', detail: `not in decree ${decree.number}` });
    }
  }
  return ids;
}

interface OfficerRow {
  id: number;
  username: string;
  name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  role: DecreeRole;
  unit_id: number | null;
  active_to: string | null;
}

/** Matches the decree's people to the institution's officers by NIP (else by name and role); returns unit ids of deactivated liaisons. */
async function syncOfficers(
  trx: Knex.Transaction, inst: InstitutionRow, decree: Decree, decreeId: number, unitIds: Map<string, number>, result: RegisterResult,
): Promise<number[]> {
  const existing = (await trx('officers').where({ institution_id: inst.id }).orderBy('id')) as OfficerRow[];
  const unitCode = new Map<number, string>([...unitIds].map(([c, id]) => [id, c]));
  const matched = new Set<number>();
  const nameKey = (n: string) => bareName(n).toLowerCase();
  const taken = new Set<string>((await trx('officers').pluck('username')) as string[]);
  const droppedUnit: number[] = [];

  const find = (p: DecreePerson): OfficerRow | undefined => {
    const free = existing.filter((o) => !matched.has(o.id));
    if (p.nip) {
      return free.find((o) => o.nip === p.nip && o.active_to === null) ?? free.find((o) => o.nip === p.nip);
    }
    return free.find((o) => o.nip === null && o.role === p.role && nameKey(o.name) === nameKey(p.name) && o.active_to === null)
      ?? free.find((o) => o.nip === null && o.role === p.role && nameKey(o.name) === nameKey(p.name));
  };

  for (const p of decree.people) {
    const unitId = p.unitCode ? unitIds.get(p.unitCode) ?? null : null;
    const want = { name: p.name, nip: p.nip, position: p.position, email: p.email, phone: p.phone, role: p.role, unit_id: unitId };
    const old = find(p);
    if (!old) {
      const username = uniqueUsername(p.name, (u) => taken.has(u));
      taken.add(username);
      await trx('officers').insert({ ...want, username, institution_id: inst.id, decree_id: decreeId, active_from: decree.effectiveFrom });
      result.officers.push({ username, name: p.name, role: p.role, unit: p.unitCode, change: 'added', detail: '' });
      continue;
    }
    matched.add(old.id);
    const changes: string[] = [];
    for (const k of ['name', 'position', 'email', 'phone', 'role'] as const) {
      if ((old[k] ?? null) !== (want[k] ?? null)) changes.push(`${k}: ${old[k] ?? '—'} → ${want[k] ?? '—'}`);
    }
    if ((old.unit_id ?? null) !== unitId) {
      changes.push(`unit: ${old.unit_id ? unitCode.get(old.unit_id) ?? old.unit_id : '—'} → ${p.unitCode ?? '—'}`);
    }
    if (old.active_to !== null) {
      await trx('officers').where({ id: old.id }).update({ ...want, decree_id: decreeId, active_from: decree.effectiveFrom, active_to: null, deactivated_reason: null });
      result.officers.push({ username: old.username, name: p.name, role: p.role, unit: p.unitCode, change: 'reactivated', detail: `inactive since ${old.active_to}` });
    } else {
      await trx('officers').where({ id: old.id }).update({ ...want, decree_id: decreeId });
      if (old.role === 'liaison' && old.unit_id !== null && old.unit_id !== unitId) droppedUnit.push(old.unit_id);
      result.officers.push({ username: old.username, name: p.name, role: p.role, unit: p.unitCode, change: changes.length ? 'updated' : 'unchanged', detail: changes.join('; ') });
    }
  }
  for (const o of existing) {
    if (matched.has(o.id) || o.active_to !== null) continue;
    await trx('officers').where({ id: o.id }).update({
      active_to: decree.effectiveFrom,
      deactivated_reason: `not named in decree ${decree.number}`,
    });
    if (o.role === 'liaison' && o.unit_id !== null) droppedUnit.push(o.unit_id);
    result.officers.push({ username: o.username, name: o.name, role: o.role, unit: o.unit_id ? unitCode.get(o.unit_id) ?? null : null, change: 'deactivated', detail: `not named in decree ${decree.number}` });
  }
  return droppedUnit;
}

export async function heldComplaints(knex: Knex, unitIds: number[]): Promise<HeldComplaint[]> {
  if (unitIds.length === 0) return [];
  const rows = await knex('complaints as c')
    .join('units as u', 'u.id', 'c.unit_id')
    .whereIn('c.unit_id', unitIds)
    .where('c.status', 'with_unit')
    .select(
      'c.tracking_id', 'c.status', 'c.received_at', 'c.title', 'u.code as unit_code', 'u.name as unit_name',
      knex.raw(`exists (select 1 from officers o where o.unit_id = u.id and o.role = 'liaison' and o.active_to is null) as unit_has_liaison`),
    )
    .orderBy([{ column: 'u.code' }, { column: 'c.received_at' }, { column: 'c.tracking_id' }]);
  return rows.map((r) => ({
    trackingId: r.tracking_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    status: r.status,
    receivedAt: r.received_at instanceof Date ? r.received_at.toISOString() : String(r.received_at),
    title: r.title,
    unitHasLiaison: r.unit_has_liaison === true,
  }));
}

// ---------------------------------------------------------------------------------------------
// Browsing

export interface InstitutionListFilter {
  kind?: InstitutionKind[];
  province?: string;
  registered?: boolean;
}

export interface InstitutionListRow {
  code: string;
  name: string;
  kind: string;
  province_code: string | null;
  status: string;
  decree_number: string | null;
  decree_date: string | null;
  units: number;
  officers: number;
}

export async function listInstitutions(knex: Knex, f: InstitutionListFilter): Promise<InstitutionListRow[]> {
  const q = knex('institutions as i')
    .leftJoin('decrees as d', function () {
      this.on('d.institution_id', 'i.id').andOnNull('d.superseded_by');
    })
    .select(
      'i.code', 'i.name', 'i.kind', 'i.province_code', 'i.status', 'd.number as decree_number', 'd.decree_date',
      knex.raw('(select count(*) from units u where u.institution_id = i.id and u.active)::int as units'),
      knex.raw('(select count(*) from officers o where o.institution_id = i.id and o.active_to is null)::int as officers'),
    );
  if (f.kind?.length) q.whereIn('i.kind', f.kind);
  if (f.province) q.where('i.province_code', f.province);
  if (f.registered === true) q.whereNotNull('d.id');
  if (f.registered === false) q.whereNull('d.id');
  // Regions in code order, then K/L by code.
  q.orderByRaw(`case when i.province_code is null then 1 else 0 end, i.code`);
  return (await q) as InstitutionListRow[];
}

export interface RosterEntry {
  username: string;
  name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  role: string;
  unit_code: string | null;
  unit_name: string | null;
  active_from: string;
  active_to: string | null;
  deactivated_reason: string | null;
  decree_number: string | null;
}

export interface InstitutionDetail {
  institution: InstitutionRow & { parent_code: string | null };
  units: { code: string; name: string; parent_code: string | null; active: boolean; active_to: string | null; liaisons: number; held: number }[];
  officers: RosterEntry[];
  former: RosterEntry[];
  decrees: {
    number: string; decree_date: string; signed_by: string; received_at: string | null; effective_from: string;
    superseded_by: string | null; superseded_at: string | null; registered_by: string | null; registered_at: string;
  }[];
}

const ROLE_ORDER = `case o.role when 'patron' then 1 when 'supervisor' then 2 when 'admin' then 3 when 'liaison' then 4 else 5 end`;

function rosterQuery(knex: Knex, institutionId: number) {
  return knex('officers as o')
    .leftJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('decrees as d', 'd.id', 'o.decree_id')
    .where('o.institution_id', institutionId)
    .select(
      'o.username', 'o.name', 'o.nip', 'o.position', 'o.email', 'o.phone', 'o.role', 'u.code as unit_code', 'u.name as unit_name',
      'o.active_from', 'o.active_to', 'o.deactivated_reason', 'd.number as decree_number',
    );
}

export async function showInstitution(knex: Knex, code: string): Promise<InstitutionDetail> {
  const inst = await requireInstitution(knex, code);
  const parent = inst.parent_id ? await knex('institutions').where({ id: inst.parent_id }).first() : undefined;
  const units = await knex('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_unit_id')
    .where('u.institution_id', inst.id)
    .select(
      'u.code', 'u.name', 'p.code as parent_code', 'u.active', 'u.active_to',
      knex.raw(`(select count(*) from officers o where o.unit_id = u.id and o.role = 'liaison' and o.active_to is null)::int as liaisons`),
      knex.raw(`(select count(*) from complaints c where c.unit_id = u.id and c.status = 'with_unit')::int as held`),
    )
    .orderBy([{ column: 'u.active', order: 'desc' }, { column: 'u.code' }]);
  const officers = (await rosterQuery(knex, inst.id).whereNull('o.active_to').orderByRaw(`${ROLE_ORDER}, u.code nulls first, o.name`)) as RosterEntry[];
  const former = (await rosterQuery(knex, inst.id).whereNotNull('o.active_to').orderByRaw(`o.active_to desc, ${ROLE_ORDER}, o.name`)) as RosterEntry[];
  const decrees = await knex('decrees as d')
    .leftJoin('decrees as s', 's.id', 'd.superseded_by')
    .where('d.institution_id', inst.id)
    .select('d.number', 'd.decree_date', 'd.signed_by', 'd.received_at', 'd.effective_from', 's.number as superseded_by', 'd.superseded_at', 'd.registered_by', 'd.registered_at')
    .orderBy([{ column: 'd.decree_date', order: 'desc' }, { column: 'd.id', order: 'desc' }]);
  return {
    institution: { ...inst, parent_code: parent?.code ?? null },
    units,
    officers,
    former,
    decrees: decrees.map((d) => ({ ...d, registered_at: d.registered_at instanceof Date ? d.registered_at.toISOString() : String(d.registered_at) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Upkeep: units and officers

export async function addUnit(
  knex: Knex, actor: Actor, institutionCode: string, unit: { code: string; name: string; parentCode?: string },
): Promise<{ institution: string; code: string; name: string; parent: string | null; created: boolean; reactivated: boolean }> {
  return withTransaction(knex, async (trx) => {
    const inst = await requireInstitution(trx, institutionCode);
    requireAdminOf(actor, inst, 'add units');
    let parentId: number | null = null;
    if (unit.parentCode) {
      const parent = await trx('units').where({ institution_id: inst.id, code: unit.parentCode }).first();
      if (!parent) throw new DataError(`parent unit ${unit.parentCode} is not a unit of ${inst.code}`, [`see \`lapor unit list --institution ${inst.code}\``]);
      parentId = parent.id;
    }
    const old = await trx('units').where({ institution_id: inst.id, code: unit.code }).forUpdate().first();
    if (old?.active) {
      if (old.name === unit.name && (old.parent_unit_id ?? null) === parentId) {
        return { institution: inst.code, code: unit.code, name: unit.name, parent: unit.parentCode ?? null, created: false, reactivated: false };
      }
      throw new DataError(`unit ${unit.code} of ${inst.code} already exists as '${old.name}'`, ['choose another code; a unit is renamed by registering a newer decree']);
    }
    if (old) await trx('units').where({ id: old.id }).update({ active: true, active_to: null, name: unit.name, parent_unit_id: parentId });
    else await trx('units').insert({ institution_id: inst.id, code: unit.code, name: unit.name, parent_unit_id: parentId });
    await trx('audit_log').insert({ actor: actor.username, action: 'unit.add', detail: JSON.stringify({ institution: inst.code, unit: unit.code, name: unit.name }) });
    return { institution: inst.code, code: unit.code, name: unit.name, parent: unit.parentCode ?? null, created: !old, reactivated: !!old };
  });
}

export async function listUnits(knex: Knex, institutionCode: string, all: boolean) {
  const inst = await requireInstitution(knex, institutionCode);
  const q = knex('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_unit_id')
    .where('u.institution_id', inst.id)
    .select(
      'u.code', 'u.name', 'p.code as parent_code', 'u.active', 'u.active_to',
      knex.raw(`(select string_agg(o.username, ', ' order by o.username) from officers o where o.unit_id = u.id and o.role = 'liaison' and o.active_to is null) as liaisons`),
      knex.raw(`(select count(*) from complaints c where c.unit_id = u.id and c.status = 'with_unit')::int as held`),
    )
    .orderBy('u.code');
  if (!all) q.where('u.active', true);
  return { institution: inst, units: await q };
}

export interface OfficerFilter {
  institution?: string;
  role?: string;
  unit?: string;
  all?: boolean;
}

export async function listOfficers(knex: Knex, f: OfficerFilter) {
  const q = knex('officers as o')
    .leftJoin('institutions as i', 'i.id', 'o.institution_id')
    .leftJoin('units as u', 'u.id', 'o.unit_id')
    .select(
      'o.username', 'o.name', 'o.role', 'i.code as institution_code', 'u.code as unit_code', 'o.nip', 'o.position',
      'o.email', 'o.phone', 'o.active_from', 'o.active_to', 'o.deactivated_reason',
    )
    .orderByRaw(`i.code nulls first, ${ROLE_ORDER}, u.code nulls first, o.username`);
  if (f.institution) {
    const inst = await requireInstitution(knex, f.institution);
    q.where('o.institution_id', inst.id);
    if (f.unit) q.where('u.code', f.unit);
  } else if (f.unit) {
    throw new UsageError('--unit needs --institution (unit codes are per institution)');
  }
  if (f.role) q.where('o.role', f.role);
  if (!f.all) q.whereNull('o.active_to');
  return q;
}

export interface DeactivateResult {
  username: string;
  name: string;
  role: string;
  institution: string | null;
  unit: string | null;
  activeTo: string;
  reason: string;
  alreadyInactive: boolean;
  heldComplaints: HeldComplaint[];
  /** The institution has no active admin left after this. */
  lastAdmin: boolean;
}

export async function deactivateOfficer(knex: Knex, actor: Actor, username: string, reason: string, date: string): Promise<DeactivateResult> {
  return withTransaction(knex, async (trx) => {
    const o = await trx('officers').where({ username }).forUpdate().first();
    if (!o) throw new DataError(`unknown officer '${username}' (see \`lapor officer list\`)`);
    if (o.role === 'super_admin') {
      requireSuperAdmin(actor, 'deactivate a super_admin');
      if (o.username === actor.username) throw new NotPermittedError('a super_admin cannot deactivate their own account');
    } else {
      const inst = (await trx('institutions').where({ id: o.institution_id }).first()) as InstitutionRow;
      requireAdminOf(actor, inst, 'deactivate officers');
    }
    const inst = o.institution_id ? await trx('institutions').where({ id: o.institution_id }).first() : undefined;
    const unit = o.unit_id ? await trx('units').where({ id: o.unit_id }).first() : undefined;
    const base = {
      username: o.username, name: o.name, role: o.role, institution: inst?.code ?? null, unit: unit?.code ?? null,
    };
    if (o.active_to !== null) {
      return { ...base, activeTo: o.active_to, reason: o.deactivated_reason ?? '', alreadyInactive: true, heldComplaints: [], lastAdmin: false };
    }
    if (date < o.active_from) throw new UsageError(`--date ${date} is before ${username} became active (${o.active_from})`);
    await trx('officers').where({ id: o.id }).update({ active_to: date, deactivated_reason: reason });
    await trx('audit_log').insert({ actor: actor.username, action: 'officer.deactivate', detail: JSON.stringify({ officer: o.username, reason, date }) });
    const held = o.role === 'liaison' && o.unit_id ? await heldComplaints(trx, [o.unit_id]) : [];
    let lastAdmin = false;
    if (o.role === 'admin') {
      const left = await trx('officers').where({ institution_id: o.institution_id, role: 'admin' }).whereNull('active_to').count({ n: '*' }).first();
      lastAdmin = Number(left?.n ?? 0) === 0;
    }
    return { ...base, activeTo: date, reason, alreadyInactive: false, heldComplaints: held, lastAdmin };
  });
}
