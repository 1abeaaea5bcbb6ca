import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, NotPermittedError, UsageError } from '../../errors.js';
import { emitReport, type OutputOptions, addOutputOptions } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { batchRejects, batchStatusCounts, getBatch, type RejectRow } from '../../db/import/batches.js';
import { checkBatchAccess, checkCapability } from '../../domain/policy.js';
import { maskRawLine, maskReason } from '../../domain/privacy.js';
import { fill, L, STATUS } from '../../i18n/index.js';
import { isRejectCode, rejectText } from '../../i18n/rejects.js';

export function showCommand(ctx: Context): Command {
  const cmd = new Command('show')
    .argument('<batch>', 'batch id (see `lapor import list`)')
    .option('--rejects <n>', 'show at most N rejected rows', '100')
    .option('--reveal-identity', "super_admin: show rejected rows' original lines unmasked (written to the audit log)")
    .action(async (id: string, opts: OutputOptions & { rejects: string; revealIdentity?: boolean }) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`batch '${id}' must be a number (see \`lapor import list\`)`);
      if (!/^\d+$/.test(opts.rejects)) throw new UsageError(`--rejects '${opts.rejects}' must be a whole number`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const b = await getBatch(db.knex, Number(id));
      if (!b) throw new DataError(`no import batch ${id} (see \`lapor import list\`)`);
      const refusal = checkBatchAccess(actor, 'read', { id: b.id, institutionId: b.institution_id });
      if (refusal) throw new NotPermittedError(refusal.message);
      if (opts.revealIdentity) {
        const reveal = checkCapability(actor, 'reveal_identity');
        if (reveal) throw new NotPermittedError(reveal.message);
      }
      const statuses = await batchStatusCounts(db.knex, b.id);
      const rejects = await batchRejects(db.knex, b.id, Number(opts.rejects));
      const json = opts.format === 'json';
      const reveal = opts.revealIdentity === true;
      if (reveal) {
        await db.knex('audit_log').insert({
          at: ctx.now(), actor: actor.username, action: 'reveal_identity',
          detail: JSON.stringify({ import_batch: b.id, rejected_rows_shown: rejects.length }),
        });
      }
      const delimiter = typeof (b.options as { delimiter?: unknown } | null)?.delimiter === 'string' ? (b.options as { delimiter: string }).delimiter : 'auto';
      const shownRaw = (raw: string) => (reveal ? raw : maskRawLine(raw, delimiter));
      // A reason in the reader's language when its code is stored; a row from before migration 0003
      // (or with a code this version does not know) shows its stored English text. Masked either way.
      const shownReason = (r: RejectRow) => {
        const text = isRejectCode(r.reason_code) ? rejectText({ code: r.reason_code, params: r.reason_params ?? {} }, ctx.lang) : r.reason;
        return reveal ? text : maskReason(text, r.field);
      };
      await emitReport(ctx, {
        name: 'import_batch',
        title: fill(L.import_batch_n, { batch: b.id }),
        meta: {
          batch: b.id, status: b.status, source: b.source,
          file: b.file_name, file_sha256: b.file_hash, institution: b.institution_code ?? null, dry_run: b.dry_run,
          actor: b.actor, started_at: new Date(b.started_at).toISOString(),
          finished_at: b.finished_at ? new Date(b.finished_at).toISOString() : null,
          read: b.rows_read, inserted: b.rows_inserted, duplicates: b.rows_duplicate, rejected: b.rows_rejected,
          options: b.options ? JSON.stringify(b.options) : null, message: b.message,
        },
        sections: [
          {
            name: 'statuses',
            title: L.inserted_complaints_by_status,
            columns: [
              { key: 'status', header: L.status, vocab: STATUS },
              { key: 'n', header: L.count, type: 'int' },
            ],
            rows: statuses,
          },
          {
            name: 'rejects',
            title: fill(L.rejected_rows_of, { n: rejects.length, total: b.rows_rejected }),
            columns: [
              { key: 'line', header: L.line, type: 'int' },
              { key: 'field', header: L.field_2 },
              { key: 'reason', header: L.reason },
              { key: 'reason_code', header: L.reason_code },
              { key: 'raw', header: L.original_line },
            ],
            rows: rejects.map((r) => ({ line: r.line_no, field: r.field, reason: shownReason(r), reason_code: r.reason_code, raw: json || shownRaw(r.raw).length <= 120 ? shownRaw(r.raw) : `${shownRaw(r.raw).slice(0, 117)}…` })),
          },
        ],
      }, opts);
    });
  return addOutputOptions(cmd, ['table', 'json']);
}
