import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, tr, type Report } from '../../cli/output/index.js';
import { backlogAgeing, holderCounts, monthlyTrend, overdueTimers, returnsAndRedispositions } from '../../db/reports.js';
import { slaSummary, withReportSession } from '../../db/sla.js';
import { compliancePct, type TimerName } from '../../domain/sla.js';
import { addReportOptions, checkFailOn, prepareReport, STATUS_LABEL, TIMER_LABEL, type ReportOptions } from '../sla/report-options.js';
import { overdueSection } from './overdue.js';
import { CHANNEL, CLASS, RETURN_KIND, STATUS, TIMER, VALUE, type Pair } from '../../i18n/index.js';
import { L } from '../../i18n/index.js';

const RETURN_LABEL: Record<string, Pair> = RETURN_KIND;

const BLANK = { '': VALUE.not_given };
const KEY_VOCAB: Record<'status' | 'class' | 'channel' | 'category', Record<string, Pair>> = {
  status: { ...STATUS, ...BLANK }, class: { ...CLASS, ...BLANK }, channel: { ...CHANNEL, ...BLANK }, category: BLANK,
};

/** `lapor report monitoring`: the Penanggungjawab's view of one institution. */
export async function runMonitoringReport(ctx: Context, opts: ReportOptions & { overdueLimit?: string }): Promise<{ report: Report; failOn?: number; compliance: { timer: TimerName; compliance: number | null }[] }> {
  const p = await prepareReport(ctx, 'monitoring', opts);
  if (p.scope.institutionId === undefined) throw new UsageError('report monitoring is for one institution: give --institution CODE');
  const lang = opts.lang ?? 'id';
  const inst = p.scope.institutionId;
  const limit = Number(opts.overdueLimit ?? 50);
  const data = await withReportSession(p.db.knex, async (trx) => ({
    counts: await holderCounts(trx, p.query, inst),
    ageing: await backlogAgeing(trx, p.query),
    overdue: await overdueTimers(trx, p.query, limit),
    returns: await returnsAndRedispositions(trx, p.query, inst),
    trend: await monthlyTrend(trx, p.query),
    sla: await slaSummary(trx, p.query, 'institution'),
  }));
  const countSection = (name: 'status' | 'class' | 'channel' | 'category', title: { id: string; en: string }) => ({
    name: `by_${name}`,
    title,
    columns: [{ key: 'key', header: title, vocab: KEY_VOCAB[name] }, { key: 'n', header: L.count, type: 'int' as const }],
    rows: data.counts[name].map((r) => ({ key: r.key === null || r.key === '' ? '' : r.key, n: r.n })),
  });
  const slaRows = data.sla.filter((r) => r.group_id === inst);
  const overdue = overdueSection(data.overdue, lang, p.reveal);
  if (data.overdue.length === limit) {
    overdue.notes = [{ id: `Hanya ${limit} teratas; lihat \`lapor report overdue\` untuk semuanya.`,
      en: `Top ${limit} only; see \`lapor report overdue\` for all.` }, ...(overdue.notes ?? [])];
  }
  const compliance = slaRows.map((r) => ({ timer: r.timer, compliance: r.compliance }));
  const report: Report = {
    name: 'monitoring',
    title: L.complaint_handling_monitoring,
    subtitle: { id: `Untuk Penanggungjawab; ${p.scope.label}`, en: `For the supervisor; ${p.scope.label}` },
    meta: { ...p.meta, identity: p.reveal ? 'revealed' : 'masked' },
    warnings: p.warnings,
    sections: [
      {
        name: 'sla',
        title: L.sla_compliance_per_timer,
        columns: [
          { key: 'timer', header: L.timer_2, vocab: TIMER },
          { key: 'met', header: L.met, type: 'int' },
          { key: 'breached', header: L.breached, type: 'int' },
          { key: 'open_within', header: L.open_within_time, type: 'int' },
          { key: 'open_late', header: L.open_and_late, type: 'int' },
          { key: 'compliance', header: L.compliance, type: 'percent' },
          { key: 'median_days', header: L.median_wd, type: 'number' },
          { key: 'p90_days', header: L.p90_wd, type: 'number' },
        ],
        rows: slaRows.map((r) => ({
          timer: r.timer, met: r.met, breached: r.breached, open_within: r.open_within,
          open_late: r.open_late, compliance: r.compliance, median_days: r.median_days, p90_days: r.p90_days,
        })),
      },
      countSection('status', L.status_2),
      countSection('class', L.class_2),
      countSection('channel', L.channel),
      countSection('category', L.category_2),
      {
        name: 'ageing',
        title: L.backlog_ageing_working_days_since_dispos,
        columns: [
          { key: 'bucket', header: L.wd },
          { key: 'n', header: L.count, type: 'int' },
        ],
        rows: data.ageing,
      },
      overdue,
      {
        name: 'returns',
        title: L.returns_and_re_dispositions,
        columns: [
          { key: 'kind', header: L.kind, vocab: RETURN_KIND },
          { key: 'n', header: L.count, type: 'int' },
        ],
        rows: data.returns.map((r) => ({ kind: r.kind, n: r.n })),
      },
      {
        name: 'trend',
        title: L.monthly_trend_month_received,
        columns: [
          { key: 'month', header: L.month },
          { key: 'received', header: L.received, type: 'int' },
          { key: 'completed', header: L.answered, type: 'int' },
          { key: 'met', header: L.met, type: 'int' },
          { key: 'breached', header: L.breached, type: 'int' },
          { key: 'open_late', header: L.open_and_late, type: 'int' },
          { key: 'compliance', header: L.completion_compliance, type: 'percent' },
        ],
        rows: data.trend.map((t) => ({ ...t, compliance: compliancePct(t.met, t.breached, t.open_late) })),
      },
    ],
  };
  return { report, failOn: p.failOn, compliance };
}

export function monitoringReportCommand(ctx: Context): Command {
  const cmd = new Command('monitoring')
    .description("the Penanggungjawab's view of one institution: counts, backlog ageing, overdue list, returns, monthly trend")
    .option('--overdue-limit <n>', 'rows of the overdue list', '50');
  addReportOptions(cmd, { institutionRequired: true }).action(async (opts: ReportOptions & { overdueLimit?: string }) => {
    const { report, failOn, compliance } = await runMonitoringReport(ctx, opts);
    await emitReport(ctx, report, opts);
    checkFailOn(ctx, failOn, report, compliance);
  });
  return cmd;
}
