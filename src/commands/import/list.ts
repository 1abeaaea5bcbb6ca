import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { listBatches } from '../../db/import/batches.js';

export const STATUS_LABEL: Record<string, string> = { running: 'berjalan', done: 'selesai', failed: 'gagal', aborted: 'dihentikan', reverted: 'dibatalkan' };

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .description('list import batches, newest first (an admin sees their own institution\'s)')
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
      const lang = opts.lang ?? 'id';
      await emitList(ctx, {
        name: 'import_batches',
        title: { id: 'Batch impor', en: 'Import batches' },
        columns: [
          { key: 'id', header: { id: 'batch', en: 'batch' }, type: 'int' },
          { key: 'started_at', header: { id: 'mulai', en: 'started' }, type: 'datetime' },
          { key: 'source', header: { id: 'sumber', en: 'source' } },
          { key: 'file_name', header: { id: 'berkas', en: 'file' } },
          { key: 'institution', header: { id: 'instansi', en: 'institution' } },
          { key: 'status', header: { id: 'status', en: 'status' } },
          { key: 'dry_run', header: { id: 'uji coba', en: 'dry run' }, type: 'bool' },
          { key: 'read', header: { id: 'dibaca', en: 'read' }, type: 'int' },
          { key: 'inserted', header: { id: 'dimasukkan', en: 'inserted' }, type: 'int' },
          { key: 'duplicates', header: { id: 'duplikat', en: 'duplicates' }, type: 'int' },
          { key: 'rejected', header: { id: 'ditolak', en: 'rejected' }, type: 'int' },
          { key: 'actor', header: { id: 'oleh', en: 'by' } },
        ],
        rows: rows.map((b) => ({
          id: b.id, started_at: b.started_at, source: b.source, file_name: b.file_name, institution: b.institution_code,
          status: lang === 'id' && opts.format !== 'json' ? STATUS_LABEL[b.status] ?? b.status : b.status,
          dry_run: b.dry_run, read: b.rows_read, inserted: b.rows_inserted, duplicates: b.rows_duplicate,
          rejected: b.rows_rejected, actor: b.actor,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
