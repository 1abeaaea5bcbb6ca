import type { Knex } from 'knex';
import { ConflictError, isRetryablePgError } from '../errors.js';

/**
 * Runs `work` in one transaction. A serialization failure or deadlock becomes a ConflictError
 * (exit 75, "retry") instead of a raw SQL error.
 */
export async function withTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await knex.transaction(work);
  } catch (err) {
    if (isRetryablePgError(err)) {
      throw new ConflictError(`another operation changed the same data at the same time; retry (${(err as Error).message})`);
    }
    throw err;
  }
}
