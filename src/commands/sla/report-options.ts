import { unofficialYearNotice, unofficialYearsTouched } from '../../domain/calendar.js';
import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, type OutputOptions, type Report, type Text } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { checkCapability } from '../../domain/policy.js';
import { deny } from '../../usecases/refusal.js';
import { audit, earliestReceipt, resolveScope, timerQuery, type ReportScope } from '../../db/reports.js';
import type { TimerQuery } from '../../db/sla.js';
import type { Actor } from '../../domain/actor.js';
import type { TimerName } from '../../domain/sla.js';
import { addDays, formatInstant, isValidDate, localDate, parseInstant } from '../../domain/time.js';
import type { Db } from '../../db/engine.js';
import { fmt, L, label, TIMER, type Lang } from '../../i18n/index.js';

/** Options every report shares (docs/sla.md). */
export interface ReportOptions extends OutputOptions {
  from?: string;
  to?: string;
  month?: string;
  institution?: string;
  province?: string;
  asOf?: string;
  failOnBreach?: string;
  revealIdentity?: boolean;
}

export function addReportOptions(cmd: Command, opts: { institutionRequired?: boolean } = {}): Command {
  cmd
    .option('--from <date>', 'complaints received from this date (YYYY-MM-DD, WIB)')
    .option('--to <date>', 'complaints received up to and including this date')
    .option('--month <yyyy-mm>', 'complaints received in this month (instead of --from/--to)')
    .option('--institution <code>', opts.institutionRequired ? 'the institution (default: your own)' : 'only this institution')
    .option('--province <code>', 'only institutions of this province (two digits, super_admin)')
    .option('--as-of <instant>', 'judge every timer as of this instant (default: now); makes a cron run reproducible')
    .option('--fail-on-breach <pct>', 'exit 3 when the compliance of any timer is below PCT')
    .option('--reveal-identity', "show reporters' identity unmasked (super_admin only; written to the audit log)");
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html', 'pdf']);
}

export interface PreparedReport {
  db: Db;
  actor: Actor;
  scope: ReportScope;
  query: TimerQuery;
  asOf: Date;
  reveal: boolean;
  failOn?: number;
  /** Years without an official holiday list in the period up to as-of (issue 16 rule 5). */
  unofficialYears: number[];
  /** Their notices; a report that shows timers uses `reportWarnings` to add their deadlines' years. */
  warnings: Text[];
  meta: Record<string, string | number | boolean | null>;
}

export async function prepareReport(ctx: Context, name: string, opts: ReportOptions): Promise<PreparedReport> {
  let from = opts.from;
  let to = opts.to;
  if (opts.month) {
    if (from || to) throw new UsageError('give either --month or --from/--to, not both');
    if (!/^\d{4}-\d{2}$/.test(opts.month) || !isValidDate(`${opts.month}-01`)) throw new UsageError(`--month '${opts.month}' must look like 2026-11`);
    from = `${opts.month}-01`;
    const [y, m] = opts.month.split('-').map(Number);
    to = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  }
  for (const [flag, v] of [['--from', from], ['--to', to]] as const) {
    if (v !== undefined && !isValidDate(v)) throw new UsageError(`${flag} '${v}' must be a date YYYY-MM-DD`);
  }
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const asOf = opts.asOf ? parseInstant(opts.asOf, 'WIB') : ctx.now();
  if (!asOf) throw new UsageError(`--as-of '${opts.asOf}' is not an ISO instant or date`);
  let failOn: number | undefined;
  if (opts.failOnBreach !== undefined) {
    failOn = Number(opts.failOnBreach);
    if (!/^\d+(\.\d+)?$/.test(opts.failOnBreach) || failOn > 100) throw new UsageError(`--fail-on-breach '${opts.failOnBreach}' must be a percentage from 0 to 100`);
  }
  const db = await ctx.db();
  const actor = await requireActor(db.knex, ctx.actorName());
  if (opts.revealIdentity) deny(checkCapability(actor, 'reveal_identity'));
  const scope = await resolveScope(db.knex, actor, { institution: opts.institution, province: opts.province });
  if (opts.revealIdentity) {
    await audit(db.knex, actor.username, 'report.reveal_identity', {
      report: name, scope: scope.label, from: from ?? null, to: to ?? null, as_of: asOf.toISOString(),
    });
  }
  const cal = await loadWorkCalendar(db.knex);
  const earliest = from ? undefined : await earliestReceipt(db.knex);
  const start = from ?? localDate(earliest ?? asOf, 'WIB');
  // Issue 16 rule 5: the period up to as-of; a report that shows deadlines also passes the latest one
  // (`deadlines`), so a 60-HK timer running into a year without a list is warned about too.
  const unofficialYears = unofficialYearsTouched(cal, [{ from: start, to: localDate(asOf, 'WIB') }]);
  return {
    db, actor, scope, asOf, failOn, unofficialYears, warnings: unofficialYears.map(unofficialYearNotice), reveal: opts.revealIdentity === true,
    query: timerQuery(scope, { asOf, from, to }),
    meta: {
      scope: scope.label,
      from: from ?? null,
      to: to ?? null,
      as_of: formatInstant(asOf, 'WIB'),
      actor: actor.username,
    },
  };
}


/**
 * Rule 5 for a report of timers: the period's years without an official list, and those its
 * timers reach (`unofficial_years` of the summary rows: a 60-HK deadline running into next year).
 */
export function reportWarnings(p: PreparedReport, rows: readonly { unofficial_years: readonly number[] }[]): Text[] {
  const years = new Set<number>(p.unofficialYears);
  for (const r of rows) for (const y of r.unofficial_years) years.add(y);
  return [...years].sort((a, b) => a - b).map(unofficialYearNotice);
}

/** --fail-on-breach's finding, in `lang`: the report, the threshold, and each timer below it (by its label) with its compliance. */
export function complianceBelowNotice(name: string, failOn: number, below: readonly { timer: TimerName; compliance: number | null }[], lang: Lang): string {
  return fmt(L.compliance_below, lang, { report: name, pct: failOn, timers: below.map((b) => `${label(TIMER, b.timer, lang)} ${b.compliance!.toFixed(1)}%`).join(', ') });
}

/** --fail-on-breach: exit 3 (after printing) when any timer's compliance is below the threshold. */
export function checkFailOn(ctx: Context, failOn: number | undefined, report: Report, compliance: { timer: TimerName; compliance: number | null }[]): void {
  if (failOn === undefined) return;
  const below = compliance.filter((c) => c.compliance !== null && c.compliance < failOn);
  if (below.length > 0) {
    ctx.exitCode = 3;
    ctx.info(complianceBelowNotice(report.name, failOn, below, ctx.lang));
  }
}
