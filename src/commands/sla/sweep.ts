import { unofficialYearNotice } from '../../domain/calendar.js';
import { assertAsOfInRange } from '../../cli/options.js';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { runSweep } from '../../db/sweep.js';
import { formatInstant, parseInstant } from '../../domain/time.js';

export function sweepCommand(ctx: Context): Command {
  const cmd = new Command('sweep')
    .description('auto-close responded complaints after 10 working days without a reply (idempotent; safe from cron)')
    .option('--as-of <instant>', 'count up to this instant (ISO, or WIB local time); default now; never in the future')
    .option('--dry-run', 'show what would be closed, write nothing')
    .action(async (opts: OutputOptions & { asOf?: string; dryRun?: boolean }) => {
      const now = ctx.now();
      const asOf = opts.asOf === undefined ? now : parseInstant(opts.asOf, 'WIB');
      if (!asOf) throw new UsageError(`--as-of '${opts.asOf}' is not an ISO instant or date`);
      assertAsOfInRange('--as-of', opts.asOf ?? '', asOf);
      if (asOf.getTime() > now.getTime()) throw new UsageError(`--as-of ${opts.asOf} is in the future: the sweep never closes ahead of time`);
      const db = await ctx.db();
      const result = await runSweep(db.knex, { asOf, dryRun: opts.dryRun === true });
      for (const y of result.unofficialYears) {
        ctx.warn(unofficialYearNotice(y).en);
      }
      const done = result.closed.filter((c) => c.outcome !== 'skipped').length;
      const skipped = result.closed.length - done;
      ctx.info(`${opts.dryRun ? 'would close' : 'closed'} ${done} of ${result.examined} responded complaint(s) ` +
        `(no reply within the auto-close period of their SLA profile, as of ${formatInstant(asOf, 'WIB')})` +
        (skipped ? `; ${skipped} skipped because they changed meanwhile` : ''));
      await emitList(ctx, {
        name: 'auto_closed',
        title: { id: 'Ditutup otomatis', en: 'Auto-closed' },
        columns: [
          { key: 'tracking_id', header: { id: 'nomor', en: 'tracking id' } },
          { key: 'institution', header: { id: 'instansi', en: 'institution' } },
          { key: 'unit', header: { id: 'unit kerja', en: 'unit' } },
          { key: 'responded_at', header: { id: 'tindak lanjut terakhir', en: 'last follow-up' } },
          { key: 'working_days', header: { id: 'HK', en: 'working days' }, type: 'int' },
          { key: 'deadline', header: { id: 'batas tanggapan', en: 'reply deadline' } },
          { key: 'closed_at', header: { id: 'ditutup', en: 'closed at' } },
          { key: 'outcome', header: { id: 'hasil', en: 'outcome' } },
        ],
        rows: result.closed.map((c) => ({
          tracking_id: c.trackingId,
          institution: c.institution,
          unit: c.unit,
          responded_at: formatInstant(c.respondedAt, c.zone),
          working_days: c.workingDays,
          deadline: formatInstant(c.deadline, c.zone),
          closed_at: formatInstant(c.closedAt, c.zone),
          outcome: c.note ? `${c.outcome}: ${c.note}` : c.outcome,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
