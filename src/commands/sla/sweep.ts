import { unofficialYearNotice } from '../../domain/calendar.js';
import { assertAsOfInRange } from '../../cli/options.js';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, tr, type OutputOptions, type Section } from '../../cli/output/index.js';
import { runSweep, type SweepItem } from '../../db/sweep.js';
import { judgeStoppedSpans } from '../../db/sla.js';
import { formatInstant, parseInstant } from '../../domain/time.js';
import { fmt, L, type Lang } from '../../i18n/index.js';

/** What the sweep says on stderr, in `lang`: how many it closed (or would) of the responded complaints it looked at, and how many it skipped. */
export function sweepNotice(r: { closed: number; examined: number; skipped: number; asOf: Date; dryRun: boolean }, lang: Lang): string {
  return fmt(r.dryRun ? L.sweep_would_close : L.sweep_closed, lang, {
    n: r.closed, examined: r.examined, as_of: formatInstant(r.asOf, 'WIB'),
    skipped: r.skipped ? fmt(L.sweep_skipped, lang, { n: r.skipped }) : '',
  });
}

/** A row's outcome is a code (JSON: outcome, outcome_label); people read its label. */
const OUTCOME = { closed: L.sweep_outcome_closed, would_close: L.sweep_outcome_would_close, skipped: L.sweep_outcome_skipped } as const;

/** The complaints the sweep closed (or would close, or skipped). */
export function sweptSection(closed: readonly SweepItem[]): Section {
  return {
    name: 'auto_closed',
    title: L.auto_closed,
    columns: [
      { key: 'tracking_id', header: L.tracking_id },
      { key: 'institution', header: L.institution },
      { key: 'unit', header: L.unit },
      { key: 'responded_at', header: L.last_follow_up, type: 'datetime', zoneKey: 'zone' },
      { key: 'working_days', header: L.working_days, type: 'int' },
      { key: 'deadline', header: L.reply_deadline, type: 'datetime', zoneKey: 'zone' },
      { key: 'closed_at', header: L.closed_at, type: 'datetime', zoneKey: 'zone' },
      { key: 'outcome', header: L.outcome, vocab: OUTCOME },
    ],
    rows: closed.map((c) => ({
      tracking_id: c.trackingId,
      institution: c.institution,
      unit: c.unit,
      responded_at: c.respondedAt,
      zone: c.zone,
      working_days: c.workingDays,
      deadline: c.deadline,
      closed_at: c.closedAt,
      outcome: c.outcome,
    })),
  };
}

export function sweepCommand(ctx: Context): Command {
  const cmd = new Command('sweep')
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
      // The nightly run also stores the judgement of the timers stopped since (reports read it).
      if (!opts.dryRun) await judgeStoppedSpans(db.knex, now);
      // Nothing to close: nothing at all on stdout or stderr, so a cron job mails nobody.
      if (result.closed.length === 0) return;
      for (const y of result.unofficialYears) {
        ctx.warn(tr(unofficialYearNotice(y), ctx.lang));
      }
      const done = result.closed.filter((c) => c.outcome !== 'skipped').length;
      const skipped = result.closed.length - done;
      ctx.info(sweepNotice({ closed: done, examined: result.examined, skipped, asOf, dryRun: opts.dryRun === true }, ctx.lang));
      await emitList(ctx, sweptSection(result.closed), opts);
    });
  return addOutputOptions(cmd);
}
