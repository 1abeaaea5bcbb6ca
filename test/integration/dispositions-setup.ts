import type { Knex } from 'knex';
import type { Actor } from '../../src/domain/actor.js';
import { findOfficer } from '../../src/db/actor.js';

/**
 * The officers and units the dispositions tests act with, inserted directly (the registry's
 * `institution register` is another area's): Kota Bandung (32.73, WIB) with two units and their
 * liaisons, Kota Denpasar (51.71, WITA) with an admin, a unit and a liaison, a supervisor and a
 * patron at 32.73, a deactivated liaison, and the super_admin `adminnas` from init.
 */
export const OFFICERS = {
  superAdmin: 'adminnas',
  admin: 'budi.santoso',
  admin2: 'rina.kusuma',
  liaisonDishub: 'sari.dishub',
  liaisonDinkes: 'andi.dinkes',
  otherAdmin: 'made.putra',
  otherLiaison: 'komang.dlh',
  supervisor: 'sekda.bandung',
  patron: 'walikota.bandung',
  deactivated: 'lama.dishub',
} as const;

export interface Fixture {
  bandung: number;
  denpasar: number;
  dishub: number;
  dinkes: number;
  dlh: number;
  actors: Record<keyof typeof OFFICERS, Actor>;
}

export async function seedOfficers(knex: Knex): Promise<Fixture> {
  await knex('institutions').whereIn('code', ['32.73', '51.71', 'KEMENPANRB']).update({ status: 'active' });
  const inst = async (code: string) => (await knex('institutions').where({ code }).first('id')).id as number;
  const bandung = await inst('32.73');
  const denpasar = await inst('51.71');
  const unit = async (institution_id: number, code: string, name: string) =>
    (await knex('units').insert({ institution_id, code, name }).returning('id'))[0].id as number;
  const dishub = await unit(bandung, 'DISHUB', 'Dinas Perhubungan');
  const dinkes = await unit(bandung, 'DINKES', 'Dinas Kesehatan');
  const dlh = await unit(denpasar, 'DLH', 'Dinas Lingkungan Hidup');
  const officer = (username: string, name: string, role: string, institution_id: number, unit_id: number | null, active_to: string | null = null) =>
    ({ username, name, role, institution_id, unit_id, active_from: '2025-01-01', active_to });
  await knex('officers').insert([
    officer(OFFICERS.admin, 'Budi Santoso', 'admin', bandung, null),
    officer(OFFICERS.admin2, 'Rina Kusuma', 'admin', bandung, null),
    officer(OFFICERS.liaisonDishub, 'Sari Dewi', 'liaison', bandung, dishub),
    officer(OFFICERS.liaisonDinkes, 'Andi Wijaya', 'liaison', bandung, dinkes),
    officer(OFFICERS.otherAdmin, 'Made Putra', 'admin', denpasar, null),
    officer(OFFICERS.otherLiaison, 'Komang Ayu', 'liaison', denpasar, dlh),
    officer(OFFICERS.supervisor, 'Sekretaris Daerah', 'supervisor', bandung, null),
    officer(OFFICERS.patron, 'Wali Kota', 'patron', bandung, null),
    officer(OFFICERS.deactivated, 'Pegawai Lama', 'liaison', bandung, dishub, '2025-12-31'),
  ]);
  const actors = {} as Record<keyof typeof OFFICERS, Actor>;
  for (const [k, u] of Object.entries(OFFICERS)) actors[k as keyof typeof OFFICERS] = (await findOfficer(knex, u))!;
  return { bandung, denpasar, dishub, dinkes, dlh, actors };
}

import type { Db } from '../../src/db/engine.js';
import { runMain, type CliResult } from '../helpers/cli.js';

export type RunResult = CliResult;

/**
 * Runs one lapor command line in-process on an already open database (a PGlite in memory cannot
 * be reopened by a second process), with a fixed clock: `main` itself, so the same exit codes.
 */
export function lapor(db: Db, args: string[], opts: { now?: Date; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return runMain(args, { ...opts, db });
}

/** `lapor --as USER …` at a fixed WIB local time (`2026-03-02 09:00`). */
export function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}
