import { Option } from 'commander';
import type { Knex } from 'knex';
import { UsageError } from '../../errors.js';
import type { Zone } from '../../domain/time.js';
import { unknownInstitutionError } from '../../db/institution-code.js';

export const tzOption = () =>
  new Option('--tz <zone>', 'local time zone: WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9)').choices(['WIB', 'WITA', 'WIT']);

/** The zone to count in: --tz, else the institution's, else WIB (K/L and national steps). */
export async function resolveZone(knex: Knex, opts: { tz?: Zone; institution?: string }): Promise<Zone> {
  if (opts.tz && opts.institution) throw new UsageError('give either --tz or --institution, not both');
  if (opts.tz) return opts.tz;
  if (opts.institution) {
    const inst = await knex('institutions').where({ code: opts.institution }).first('time_zone');
    if (!inst) throw await unknownInstitutionError(knex, opts.institution);
    return inst.time_zone as Zone;
  }
  return 'WIB';
}
