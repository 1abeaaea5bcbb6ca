import pg from 'pg';
import type { Knex } from 'knex';

export interface ReaderRoleResult {
  role: string;
  created: boolean;
  schema: string;
}

/**
 * A read-only login role for cron report jobs (DESIGN §5): it can read every lapor table, now and
 * after later migrations (default privileges), and write nothing. Utility statements take no bind
 * parameters, so names and the password are quoted with pg's own escape functions.
 */
export async function ensureReaderRole(knex: Knex, role: string, password: string | undefined): Promise<ReaderRoleResult> {
  const schema = String((await knex.raw('select current_schema() as s')).rows[0].s);
  const id = pg.escapeIdentifier(role);
  const sch = pg.escapeIdentifier(schema);
  const exists = (await knex.raw('select 1 from pg_roles where rolname = ?', [role])).rows.length > 0;
  const pw = password === undefined ? '' : ` password ${pg.escapeLiteral(password)}`;
  await knex.transaction(async (trx) => {
    if (!exists) await trx.raw(`create role ${id} login${pw}`);
    else if (password !== undefined) await trx.raw(`alter role ${id} login${pw}`);
    await trx.raw(`grant usage on schema ${sch} to ${id}`);
    await trx.raw(`grant select on all tables in schema ${sch} to ${id}`);
    await trx.raw(`grant select on all sequences in schema ${sch} to ${id}`);
    await trx.raw(`alter default privileges in schema ${sch} grant select on tables to ${id}`);
    await trx.raw(`revoke create on schema ${sch} from ${id}`);
  });
  return { role, created: !exists, schema };
}
