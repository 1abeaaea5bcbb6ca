import type { Knex } from 'knex';
import type { ReferenceInstitution } from '../domain/reference-csv.js';

/** Inserts the institutions that are not there yet; returns how many were new. Existing rows are kept as they are. */
export async function upsertReferenceInstitutions(knex: Knex, rows: ReferenceInstitution[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      region_code: r.regionCode,
      province_code: r.provinceCode,
      time_zone: r.timeZone,
    }));
    const res = await knex('institutions').insert(chunk).onConflict('code').ignore().returning('id');
    inserted += res.length;
  }
  // kabupaten/kota → their province (DESIGN §4 parent).
  await knex.raw(
    `update institutions c set parent_id = p.id
     from institutions p
     where c.kind in ('kabupaten','kota') and p.kind = 'provinsi' and p.code = c.province_code
       and c.parent_id is distinct from p.id`,
  );
  return inserted;
}

export interface SuperAdminResult {
  username: string;
  created: boolean;
}

/** Creates the super_admin account unless it exists; refuses to turn another officer into one. */
export async function ensureSuperAdmin(knex: Knex, username: string, today: string): Promise<SuperAdminResult> {
  const existing = await knex('officers').where({ username }).first();
  if (existing) {
    if (existing.role !== 'super_admin') {
      throw new Error(`username '${username}' already belongs to a ${existing.role}; choose another --admin name`);
    }
    return { username, created: false };
  }
  await knex('officers').insert({ username, name: username, role: 'super_admin', active_from: today });
  return { username, created: true };
}

export async function countSuperAdmins(knex: Knex): Promise<number> {
  const r = await knex('officers').where({ role: 'super_admin' }).whereNull('active_to').count({ n: '*' }).first();
  return Number(r?.n ?? 0);
}
