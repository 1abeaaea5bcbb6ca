/**
 * `lapor import revert BATCH`: removes the complaints a batch inserted that have had no event since
 * the import (their whole history is the import's), and lists and keeps the ones that moved on (an
 * officer verified, forwarded, answered … them: removing those would lose real work). One
 * transaction: their events (the SLA spans follow by trigger), the complaints, the batch marked
 * `reverted`, an audit_log entry. A dry run counts and lists, and writes nothing. Who may: a
 * super_admin, or an admin of the batch's institution (policy.ts).
 */
import type { Knex } from 'knex';
import { ConflictError, DataError, NotPermittedError } from '../../errors.js';
import type { Actor } from '../../domain/actor.js';
import { checkBatchAccess, checkCapability } from '../../domain/policy.js';
import { withTransaction } from '../../db/tx.js';
import { LOCK_BATCH } from '../../db/import/batches.js';

export interface KeptComplaint {
  trackingId: string;
  externalId: string;
  status: string;
  /** Events written after the import (by officers, the sweep, or a later history import). */
  eventsSince: number;
  lastKind: string;
  lastAt: Date;
  lastActor: string | null;
}

export interface RevertResult {
  batchId: number;
  source: string;
  institution: string | null;
  dryRun: boolean;
  /** Complaints of the batch still in the database before the revert. */
  found: number;
  removed: number;
  kept: KeptComplaint[];
}

export async function revertBatch(knex: Knex, actor: Actor, batchId: number, o: { dryRun: boolean }): Promise<RevertResult> {
  // The role first: who may not revert learns nothing of which batches exist.
  const roleRefusal = checkCapability(actor, 'revert_import');
  if (roleRefusal) throw new NotPermittedError(roleRefusal.message);
  return withTransaction(knex, async (trx) => {
    const b = await trx('import_batches as b').leftJoin('institutions as i', 'i.id', 'b.institution_id')
      .select('b.id', 'b.source', 'b.status', 'b.dry_run', 'b.institution_id', 'b.finished_at', 'b.options', 'i.code')
      .where('b.id', batchId).forUpdate('b').first();
    if (!b) throw new DataError(`no import batch ${batchId} (see \`lapor import list\`)`);
    const refusal = checkBatchAccess(actor, 'revert_import', { id: b.id, institutionId: b.institution_id });
    if (refusal) throw new NotPermittedError(refusal.message);
    if (b.dry_run) throw new DataError(`batch ${batchId} was a dry run: it inserted no complaint, there is nothing to revert`);
    const options = typeof b.options === 'string' ? JSON.parse(b.options) : b.options;
    if (options?.kind === 'events') {
      throw new DataError(`batch ${batchId} imported histories (\`import events\`), not complaints: revert is for a batch of \`import complaints\``);
    }
    if (b.status === 'running') {
      const got = await trx.raw('select pg_try_advisory_lock(?, ?) as ok', [LOCK_BATCH, batchId]);
      if (!got.rows[0].ok) throw new ConflictError(`batch ${batchId} is still running; revert it once it has finished`);
      await trx.raw('select pg_advisory_unlock(?, ?)', [LOCK_BATCH, batchId]);
    }
    // An event "since the import": not written by the import (legacy), or written after the batch ended.
    const since = `(not e.legacy or e.recorded_at > coalesce(b.finished_at, 'infinity'::timestamptz))`;
    const rows = (await trx.raw(`
      select c.id, c.tracking_id, c.external_id, c.status,
             count(*) filter (where ${since})::int as since,
             (array_agg(e.kind order by e.seq desc))[1] as last_kind,
             max(e.at) as last_at,
             (array_agg(e.actor order by e.seq desc))[1] as last_actor
      from complaints c join import_batches b on b.id = c.import_batch_id
      left join complaint_events e on e.complaint_id = c.id
      where c.import_batch_id = ?
      group by c.id, c.tracking_id, c.external_id, c.status
      order by c.id`, [batchId])).rows as Array<{ id: string; tracking_id: string; external_id: string; status: string; since: number; last_kind: string; last_at: Date; last_actor: string | null }>;
    const kept: KeptComplaint[] = rows.filter((r) => r.since > 0).map((r) => ({
      trackingId: r.tracking_id, externalId: r.external_id, status: r.status, eventsSince: r.since,
      lastKind: r.last_kind, lastAt: new Date(r.last_at), lastActor: r.last_actor,
    }));
    const removable = rows.filter((r) => r.since === 0).map((r) => Number(r.id));
    if (!o.dryRun) {
      for (let i = 0; i < removable.length; i += 10_000) {
        const ids = removable.slice(i, i + 10_000);
        await trx.raw('delete from complaint_events where complaint_id = any(?::bigint[])', [ids]);
        await trx.raw('delete from complaints where id = any(?::bigint[])', [ids]);
      }
      const message = kept.length
        ? `reverted by ${actor.username}: ${removable.length} complaint(s) removed, ${kept.length} kept (they had events since the import)`
        : `reverted by ${actor.username}: ${removable.length} complaint(s) removed`;
      await trx('import_batches').where('id', batchId).update({ status: 'reverted', message, finished_at: trx.raw('coalesce(finished_at, now())') });
      await trx('audit_log').insert({
        actor: actor.username, action: 'import.revert',
        detail: JSON.stringify({ batch: batchId, source: b.source, institution: b.code ?? null, removed: removable.length, kept: kept.map((k) => k.trackingId) }),
      });
    }
    return { batchId, source: b.source, institution: b.code ?? null, dryRun: o.dryRun, found: rows.length, removed: removable.length, kept };
  });
}
