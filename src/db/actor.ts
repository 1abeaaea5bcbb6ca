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
  if (!username) throw new UsageError('this command needs an acting officer: give --as USERNAME or set LAPOR_ACTOR');
  const actor = await findOfficer(knex, username);
  if (!actor) throw new NotPermittedError(`unknown officer '${username}' (see \`lapor officer list\`)`);
  if (!actor.active) throw new NotPermittedError(`officer '${username}' is deactivated and may no longer act`);
  return actor;
}
