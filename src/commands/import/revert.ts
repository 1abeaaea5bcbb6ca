import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, type OutputOptions } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { formatInstant } from '../../domain/time.js';
import { revertBatch } from '../../usecases/import/revert.js';
import { fill, fmt, L, STATUS, t, withDryRun } from '../../i18n/index.js';

export function revertCommand(ctx: Context): Command {
  const cmd = new Command('revert')
    .argument('<batch>', 'batch id (see `lapor import list`)')
    .option('--dry-run', 'count and list what would be removed and kept; write nothing')
    .option('--yes', 'remove without asking (needed when not on a terminal)')
    .addHelpText('after', `
Who may: a super_admin, or an admin of the batch's institution. Audited (audit_log: import.revert).
A complaint that moved on after the import (verified, forwarded, answered, closed … by an officer,
or given a later history by \`import events\`) is kept and listed. Re-importing the file afterwards
inserts the removed rows again (their keys are free). Exit codes: 0 done, 65 no such batch or a dry
run batch, 75 the batch is still running, 77 not permitted.`)
    .action(async (id: string, opts: OutputOptions & { dryRun?: boolean; yes?: boolean }) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`batch '${id}' must be a number (see \`lapor import list\`)`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const dryRun = opts.dryRun === true;
      if (!dryRun && !opts.yes) {
        if (!ctx.canPrompt()) throw new UsageError('import revert removes complaints: give --yes to do it, or --dry-run to see what it would remove');
        const preview = await revertBatch(db.knex, actor, Number(id), { dryRun: true });
        const { confirm } = await import('@inquirer/prompts');
        if (!(await confirm({ message: fmt(L.revert_confirm, ctx.lang, { removed: preview.removed, batch: id, kept: preview.kept.length }), default: false }))) {
          ctx.info(t(L.nothing_removed, ctx.lang));
          return;
        }
      }
      const r = await revertBatch(db.knex, actor, Number(id), { dryRun });
      const verb = dryRun ? L.would_be_removed : L.removed;
      await emitReport(ctx, {
        name: 'import_revert',
        title: withDryRun(fill(L.revert_of_batch, { batch: r.batchId }), dryRun),
        meta: { batch: r.batchId, source: r.source, institution: r.institution, dry_run: dryRun, found: r.found, [dryRun ? 'would_remove' : 'removed']: r.removed, kept: r.kept.length },
        sections: [{
          name: 'kept',
          title: fill(L.kept_events_since, { n: r.kept.length }),
          columns: [
            { key: 'tracking_id', header: L.tracking_id_2 },
            { key: 'external_id', header: L.external_id },
            { key: 'status', header: L.status, vocab: STATUS },
            { key: 'events_since', header: L.events_since_import, type: 'int' },
            { key: 'last', header: L.last_event },
          ],
          rows: r.kept.map((k) => ({
            tracking_id: k.trackingId, external_id: k.externalId, status: k.status, events_since: k.eventsSince,
            last: `${k.lastKind} ${formatInstant(k.lastAt, 'WIB')}${k.lastActor ? ` (${k.lastActor})` : ''}`,
          })),
          notes: [fill(L.removed_and_kept, { removed: r.removed, verb, kept: r.kept.length })],
        }],
      }, opts);
      ctx.info(dryRun ? fmt(L.revert_dry_run_summary, ctx.lang, { removed: r.removed, kept: r.kept.length })
        : fmt(L.revert_summary, ctx.lang, { batch: r.batchId, removed: r.removed, kept: r.kept.length }));
    });
  return addOutputOptions(cmd, ['table', 'json']);
}
