import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, tr, type Lang, type Report, type Section } from '../../cli/output/index.js';
import { overdueTimers, type OverdueRow } from '../../db/reports.js';
import { withReportSession } from '../../db/sla.js';
import { exportReporter } from '../../domain/privacy.js';
import { formatInstant, type Zone } from '../../domain/time.js';
import { addReportOptions, prepareReport, type ReportOptions } from '../sla/report-options.js';
import type { TimerName } from '../../domain/sla.js';
import { CLASS, fill, fmt, L, STATUS, t, TIMER } from '../../i18n/index.js';

/** Who to call about a unit's complaint: its liaisons, name and masked phone (monitoring report). */
export type LiaisonLookup = Map<string, { unitName: string; names: string; phones: string }>;

export function overdueSection(rows: OverdueRow[], lang: Lang, reveal: boolean, includeLegacy = false, liaisons?: LiaisonLookup): Section {
  const withLiaison = liaisons !== undefined;
  return {
    name: 'overdue',
    title: L.complaints_past_a_deadline,
    notes: includeLegacy ? [] : [L.legacy_not_listed],
    columns: [
      { key: 'tracking_id', header: L.tracking_id_2 },
      { key: 'timer', header: L.timer_2, vocab: TIMER },
      { key: 'institution', header: L.institution },
      { key: 'unit', header: L.unit },
      ...(withLiaison ? [
        { key: 'unit_name', header: L.unit_name },
        { key: 'liaison', header: L.liaison },
        { key: 'liaison_phone', header: L.liaison_phone },
      ] : []),
      { key: 'class', header: L.class, vocab: CLASS },
      { key: 'status', header: L.status, vocab: STATUS },
      { key: 'started', header: L.started, type: 'datetime', zoneKey: 'zone' },
      { key: 'deadline', header: L.deadline, type: 'date' },
      { key: 'used', header: L.wd_used, type: 'int' },
      { key: 'target', header: L.target_wd, type: 'int' },
      { key: 'late_by', header: L.wd_late, type: 'int' },
      { key: 'title', header: L.title },
      { key: 'reporter', header: L.reporter },
      { key: 'reporter_phone', header: L.reporter_phone },
    ],
    rows: rows.map((r) => {
      const who = exportReporter({ name: r.reporter_name, phone: r.reporter_phone, anonymous: r.anonymous }, reveal, lang);
      return {
        tracking_id: r.tracking_id,
        timer: r.timer,
        institution: r.institution_code,
        unit: r.unit_code,
        ...(withLiaison ? {
          unit_name: r.unit_code ? liaisons.get(r.unit_code)?.unitName ?? null : null,
          liaison: r.unit_code ? liaisons.get(r.unit_code)?.names || t(L.no_liaison, lang) : t(L.at_institution_level, lang),
          liaison_phone: r.unit_code ? liaisons.get(r.unit_code)?.phones || null : null,
        } : {}),
        class: r.class,
        status: r.status,
        started: new Date(r.start_at),
        zone: 'WIB' as Zone,
        deadline: r.deadline,
        used: r.used,
        target: r.target,
        late_by: r.late_by,
        title: r.title,
        reporter: who.name,
        reporter_phone: who.phone,
      };
    }),
  };
}

/** `lapor report overdue`: what is past a deadline now, for intervention, the latest first. */
export async function runOverdueReport(ctx: Context, opts: ReportOptions & { limit?: string; includeLegacy?: boolean }): Promise<Report> {
  const limit = opts.limit === undefined ? undefined : parseCountOption('--limit', opts.limit);
  const p = await prepareReport(ctx, 'overdue', opts);
  const lang = opts.lang ?? 'id';
  const rows = await withReportSession(p.db.knex, (trx) => overdueTimers(trx, p.query, limit, { includeLegacy: opts.includeLegacy }));
  return {
    name: 'overdue',
    title: L.overdue_complaints,
    subtitle: fill(L.sorted_by_days_late, { scope: p.scope.label }),
    meta: { ...p.meta, count: rows.length, identity: p.reveal ? 'revealed' : 'masked', legacy: opts.includeLegacy ? 'included' : 'excluded' },
    warnings: p.warnings,
    sections: [overdueSection(rows, lang, p.reveal, opts.includeLegacy)],
  };
}

export function overdueReportCommand(ctx: Context): Command {
  const cmd = new Command('overdue')
    .option('--limit <n>', 'at most N rows')
    .option('--include-legacy', 'also list imported legacy complaints (they raise no alerts by default)');
  addReportOptions(cmd).action(async (opts: ReportOptions & { limit?: string; includeLegacy?: boolean }) => {
    const report = await runOverdueReport(ctx, opts);
    await emitReport(ctx, report, opts);
    if (opts.failOnBreach !== undefined && report.sections[0].rows.length > 0 && Number(opts.failOnBreach) > 0) {
      // For the overdue list, any overdue complaint is a finding when --fail-on-breach is given.
      ctx.exitCode = 3;
      ctx.info(fmt(L.overdue_finding, ctx.lang, { n: report.sections[0].rows.length }));
    }
  });
  return cmd;
}
