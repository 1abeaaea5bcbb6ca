import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { listBatches } from '../../db/import/batches.js';
import { IMPORT_STATUS, L } from '../../i18n/index.js';


export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .option('--source <name>', 'only batches of this source')
    .option('--limit <n>', 'at most N batches', '50')
    .action(async (opts: OutputOptions & { source?: string; limit: string }) => {
      parseCountOption('--limit', opts.limit);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const rows = await listBatches(db.knex, {
        source: opts.source,
        limit: Number(opts.limit),
        institutionId: actor.role === 'super_admin' ? undefined : actor.institutionId ?? -1,
      });
      await emitList(ctx, {
        name: 'import_batches',
        title: L.import_batches,
        columns: [
          { key: 'id', header: L.batch, type: 'int' },
          { key: 'started_at', header: L.started, type: 'datetime' },
          { key: 'source', header: L.source },
          { key: 'file_name', header: L.file },
          { key: 'institution', header: L.institution },
          { key: 'status', header: L.status, vocab: IMPORT_STATUS },
          { key: 'dry_run', header: L.dry_run, type: 'bool' },
          { key: 'read', header: L.read, type: 'int' },
          { key: 'inserted', header: L.inserted, type: 'int' },
          { key: 'duplicates', header: L.duplicates, type: 'int' },
          { key: 'rejected', header: L.rejected, type: 'int' },
          { key: 'actor', header: L.by },
        ],
        rows: rows.map((b) => ({
          id: b.id, started_at: b.started_at, source: b.source, file_name: b.file_name, institution: b.institution_code,
          status: b.status,
          dry_run: b.dry_run, read: b.rows_read, inserted: b.rows_inserted, duplicates: b.rows_duplicate,
          rejected: b.rows_rejected, actor: b.actor,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
