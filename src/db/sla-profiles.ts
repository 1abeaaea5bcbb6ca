import type { Knex } from 'knex';
import type { SlaProfileRef, SlaTargets } from '../domain/sla.js';
import type { Zone } from '../domain/time.js';

/** SLA profiles are data (DESIGN §6): named, versioned, dated; assigned to institutions from a date. */
export interface ProfileRow {
  id: number;
  name: string;
  version: number;
  title: string;
  legal_basis: string | null;
  valid_from: string;
  valid_to: string | null;
  targets: SlaTargets;
  is_default: boolean;
}

export interface AssignmentRow {
  institution_id: number;
  institution_code: string;
  profile_id: number;
  profile: string;
  version: number;
  valid_from: string;
  assigned_by: string | null;
}

function parseRow(r: Record<string, unknown>): ProfileRow {
  return {
    ...(r as unknown as ProfileRow),
    targets: (typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets) as SlaTargets,
  };
}

export async function listProfiles(knex: Knex): Promise<ProfileRow[]> {
  const rows = await knex('sla_profiles').select('*').orderBy(['name', 'version']);
  return rows.map(parseRow);
}

/** `name` (latest version) or `name@version`. */
export async function findProfile(knex: Knex, ref: string): Promise<ProfileRow | undefined> {
  const m = /^(.+?)(?:@(\d+))?$/.exec(ref)!;
  const q = knex('sla_profiles').where({ name: m[1] });
  if (m[2]) q.andWhere({ version: Number(m[2]) });
  const r = await q.orderBy('version', 'desc').first();
  return r ? parseRow(r) : undefined;
}

export async function listAssignments(knex: Knex, profileId?: number): Promise<AssignmentRow[]> {
  const q = knex('institution_sla_profiles as a')
    .join('institutions as i', 'i.id', 'a.institution_id')
    .join('sla_profiles as p', 'p.id', 'a.profile_id')
    .select('a.institution_id', { institution_code: 'i.code' }, 'a.profile_id', { profile: 'p.name' }, 'p.version',
      'a.valid_from', 'a.assigned_by')
    .orderBy(['i.code', 'a.valid_from']);
  if (profileId !== undefined) q.where('a.profile_id', profileId);
  return (await q) as AssignmentRow[];
}

export interface NewProfile {
  name: string;
  title: string;
  legal_basis?: string | null;
  valid_from: string;
  valid_to?: string | null;
  targets: SlaTargets;
  default?: boolean;
}

/** Adds a profile; an existing name gets the next version (profiles are never edited in place). */
export async function addProfile(trx: Knex, p: NewProfile): Promise<ProfileRow> {
  const prev = await trx('sla_profiles').where({ name: p.name }).max({ v: 'version' }).first();
  const version = Number(prev?.v ?? 0) + 1;
  if (p.default) await trx('sla_profiles').where({ is_default: true }).update({ is_default: false });
  const [row] = await trx('sla_profiles')
    .insert({
      name: p.name,
      version,
      title: p.title,
      legal_basis: p.legal_basis ?? null,
      valid_from: p.valid_from,
      valid_to: p.valid_to ?? null,
      targets: JSON.stringify(p.targets),
      is_default: p.default === true,
    })
    .returning('*');
  return parseRow(row);
}

/** Assigns a profile to an institution from a date on (the same date again replaces it). */
export async function assignProfile(trx: Knex, institutionId: number, profileId: number, from: string, by: string): Promise<void> {
  await trx('institution_sla_profiles')
    .insert({ institution_id: institutionId, profile_id: profileId, valid_from: from, assigned_by: by })
    .onConflict(['institution_id', 'valid_from'])
    .merge(['profile_id', 'assigned_by', 'assigned_at']);
}

export interface SlaResolvers {
  zoneOf(institutionId: number): Zone;
  profileFor(institutionId: number | null, date: string): SlaProfileRef;
  profileById(id: number): SlaProfileRef & { id: number };
}

/** What the pure engine needs from the database: zones, profiles and their assignments. */
export async function loadSlaResolvers(knex: Knex): Promise<SlaResolvers> {
  const zones = new Map<number, Zone>();
  for (const r of await knex('institutions').select('id', 'time_zone')) zones.set(r.id, r.time_zone as Zone);
  const profiles = new Map<number, SlaProfileRef & { id: number }>();
  let defaultId: number | undefined;
  for (const p of await listProfiles(knex)) {
    profiles.set(p.id, { id: p.id, name: p.name, version: p.version, targets: p.targets });
    if (p.is_default) defaultId = p.id;
  }
  if (defaultId === undefined) throw new Error('no default SLA profile (migration 0002 seeds permenpan-62-2018)');
  const byInst = new Map<number, { from: string; profileId: number }[]>();
  for (const a of await knex('institution_sla_profiles').select('institution_id', 'profile_id', 'valid_from').orderBy('valid_from')) {
    const list = byInst.get(a.institution_id) ?? [];
    list.push({ from: a.valid_from, profileId: a.profile_id });
    byInst.set(a.institution_id, list);
  }
  const def = profiles.get(defaultId)!;
  return {
    zoneOf: (id) => zones.get(id) ?? 'WIB',
    profileFor(id, date) {
      if (id === null) return def;
      let chosen: number | undefined;
      for (const a of byInst.get(id) ?? []) if (a.from <= date) chosen = a.profileId;
      return chosen === undefined ? def : profiles.get(chosen)!;
    },
    profileById: (id) => profiles.get(id)!,
  };
}
