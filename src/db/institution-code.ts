import type { Knex } from 'knex';
import { DataError } from '../errors.js';
import { suggestInstitutionCode } from '../domain/institution-code.js';

/**
 * The one error for an institution code that matches nothing, wherever it was typed (an option,
 * an argument, a plan row): exit 65, with the nearest code when there is one.
 */
export async function unknownInstitutionError(knex: Knex, code: string): Promise<DataError> {
  const codes = (await knex('institutions').select('code')).map((r: { code: string }) => r.code);
  const near = suggestInstitutionCode(code, codes);
  return new DataError(`unknown institution '${code}'${near ? `: did you mean ${near}?` : ''}`,
    ['a Pemda by kode wilayah (32.73), a K/L by abbreviation (KEMENPANRB); see `lapor institution list`']);
}
