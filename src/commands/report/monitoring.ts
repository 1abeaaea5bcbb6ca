import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, tr, type Report } from '../../cli/output/index.js';
import { backlogAgeing, holderCounts, monthlyTrend, overdueTimers, returnsAndRedispositions } from '../../db/reports.js';
import { slaSummary, withReportSession } from '../../db/sla.js';
import { compliancePct, type TimerName } from '../../domain/sla.js';
import { addReportOptions, checkFailOn, prepareReport, STATUS_LABEL, TIMER_LABEL, type ReportOptions } from '../sla/report-options.js';
import { overdueSection } from './overdue.js';

const RETURN_LABEL: Record<string, { id: string; en: string }> = {
  return: { id: 'Dikembalikan ke nasional (Bukan Wewenang)', en: 'Returned to national (not our authority)' },
  return_to_admin: { id: 'Dikembalikan unit ke admin instansi', en: 'Returned by a unit to the admin' },
  redisposition_received: { id: 'Diterima sebagai disposisi ulang', en: 'Received as a re-disposition' },
};

/** `lapor report monitoring`: the Penanggungjawab's view of one institution. */
export async function runMonitoringReport(ctx: Context, opts: ReportOptions & { overdueLimit?: string }): Promise<{ report: Report; failOn?: number; compliance: { timer: TimerName; compliance: number | null }[] }> {
  const p = await prepareReport(ctx, 'monitoring', opts);
  if (p.scope.institutionId === undefined) throw new UsageError('report monitoring is for one institution: give --institution CODE');
  const lang = opts.lang ?? 'id';
  const inst = p.scope.institutionId;
  const limit = parseCountOption('--overdue-limit', opts.overdueLimit ?? '50');
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
    columns: [{ key: 'key', header: title }, { key: 'n', header: { id: 'jumlah', en: 'count' }, type: 'int' as const }],
    rows: data.counts[name].map((r) => ({
      key: r.key === null || r.key === '' ? tr({ id: '(tidak diisi)', en: '(not given)' }, lang)
        : name === 'status' && STATUS_LABEL[r.key] ? tr(STATUS_LABEL[r.key], lang) : r.key,
      n: r.n,
    })),
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
    title: { id: 'Laporan Pemantauan Pengelolaan Pengaduan', en: 'Complaint handling monitoring' },
    subtitle: { id: `Untuk Penanggungjawab; ${p.scope.label}`, en: `For the supervisor; ${p.scope.label}` },
    meta: { ...p.meta, identity: p.reveal ? 'revealed' : 'masked' },
    warnings: p.warnings,
    sections: [
      {
        name: 'sla',
        title: { id: 'Kepatuhan SLA per tahap', en: 'SLA compliance per timer' },
        columns: [
          { key: 'timer', header: { id: 'tahap', en: 'timer' } },
          { key: 'met', header: { id: 'tepat waktu', en: 'met' }, type: 'int' },
          { key: 'breached', header: { id: 'terlambat', en: 'breached' }, type: 'int' },
          { key: 'open_within', header: { id: 'berjalan dalam batas', en: 'open within time' }, type: 'int' },
          { key: 'open_late', header: { id: 'berjalan lewat batas', en: 'open and late' }, type: 'int' },
          { key: 'compliance', header: { id: 'kepatuhan %', en: 'compliance %' }, type: 'percent' },
          { key: 'median_days', header: { id: 'median HK', en: 'median WD' }, type: 'number' },
          { key: 'p90_days', header: { id: 'p90 HK', en: 'p90 WD' }, type: 'number' },
        ],
        rows: slaRows.map((r) => ({
          timer: tr(TIMER_LABEL[r.timer], lang), met: r.met, breached: r.breached, open_within: r.open_within,
          open_late: r.open_late, compliance: r.compliance, median_days: r.median_days, p90_days: r.p90_days,
        })),
      },
      countSection('status', { id: 'Status', en: 'Status' }),
      countSection('class', { id: 'Klasifikasi', en: 'Class' }),
      countSection('channel', { id: 'Kanal', en: 'Channel' }),
      countSection('category', { id: 'Kategori', en: 'Category' }),
      {
        name: 'ageing',
        title: { id: 'Umur tunggakan (HK sejak disposisi)', en: 'Backlog ageing (working days since disposition)' },
        columns: [
          { key: 'bucket', header: { id: 'HK', en: 'WD' } },
          { key: 'n', header: { id: 'jumlah', en: 'count' }, type: 'int' },
        ],
        rows: data.ageing,
      },
      overdue,
      {
        name: 'returns',
        title: { id: 'Pengembalian dan disposisi ulang', en: 'Returns and re-dispositions' },
        columns: [
          { key: 'kind', header: { id: 'jenis', en: 'kind' } },
          { key: 'n', header: { id: 'jumlah', en: 'count' }, type: 'int' },
        ],
        rows: data.returns.map((r) => ({ kind: tr(RETURN_LABEL[r.kind], lang), n: r.n })),
      },
      {
        name: 'trend',
        title: { id: 'Tren bulanan (bulan diterima)', en: 'Monthly trend (month received)' },
        columns: [
          { key: 'month', header: { id: 'bulan', en: 'month' } },
          { key: 'received', header: { id: 'diterima', en: 'received' }, type: 'int' },
          { key: 'completed', header: { id: 'ditindaklanjuti', en: 'answered' }, type: 'int' },
          { key: 'met', header: { id: 'tepat waktu', en: 'met' }, type: 'int' },
          { key: 'breached', header: { id: 'terlambat', en: 'breached' }, type: 'int' },
          { key: 'open_late', header: { id: 'berjalan lewat batas', en: 'open and late' }, type: 'int' },
          { key: 'compliance', header: { id: 'kepatuhan penyelesaian %', en: 'completion compliance %' }, type: 'percent' },
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
