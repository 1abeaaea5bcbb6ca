import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import { NotPermittedError, UsageError } from '../errors.js';

export async function findOfficer(knex: Knex, username: string): Promise<Actor | undefined> {
  const r = await knex('officers').where({ username }).first();
  if (!r) return undefined;
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    institutionId: r.institution_id,
    unitId: r.unit_id,
    active: r.active_to === null,
  };
}

/**
 * The acting officer: must be named, known and active. Every write records who did it,
 * so a missing or deactivated actor is refused before anything is read or written.
 */
export async function requireActor(knex: Knex, username: string | undefined): Promise<Actor> {
  // A PostgreSQL login made by `lapor db roles --operator` is bound to one officer (DESIGN §5):
  // through it lapor acts as that officer only.
  const bound = await boundOfficer(knex);
  if (bound !== undefined) {
    if (username && username !== bound) {
      throw new NotPermittedError(`this database login is bound to officer '${bound}'; it cannot act as '${username}'`);
    }
    username = bound;
  }
  if (!username) throw new UsageError('this command needs an acting officer: give --as USERNAME or set LAPOR_ACTOR');
  const actor = await findOfficer(knex, username);
  if (!actor) throw new NotPermittedError(`unknown officer '${username}' (see \`lapor officer list\`)`);
  if (!actor.active) throw new NotPermittedError(`officer '${username}' is deactivated and may no longer act`);
  return actor;
}

/**
 * The officer the current database login is bound to: the role setting `lapor.officer`, which
 * `lapor db roles --operator` sets (ALTER ROLE … SET). Undefined for other logins and on PGlite.
 */
export async function boundOfficer(knex: Knex): Promise<string | undefined> {
  const r = await knex.raw(`select nullif(current_setting('lapor.officer', true), '') as o`);
  const o = (r.rows?.[0] as { o?: string | null } | undefined)?.o;
  return o ?? undefined;
}
