/**
 * The institution registry's queries: the look-ups behind `institution list|show`, `unit list`
 * and `officer list`, and the complaints a unit still holds. Registering a decree, adding a unit
 * and deactivating an officer are use cases: src/usecases/registry.ts.
 */
import type { Knex } from 'knex';
import { DataError, UsageError } from '../errors.js';
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


export interface HeldComplaint {
  trackingId: string;
  unitCode: string;
  unitName: string;
  status: string;
  receivedAt: string;
  title: string | null;
  unitHasLiaison: boolean;
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

/** An officer as the officers table holds them: who, and how to reach them. */
export interface OfficerContact {
  username: string;
  name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
}

export interface RosterEntry extends OfficerContact {
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

