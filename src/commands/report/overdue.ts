import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, tr, type Lang, type Report, type Section } from '../../cli/output/index.js';
import { overdueTimers, type OverdueRow } from '../../db/reports.js';
import { withReportSession } from '../../db/sla.js';
import { exportReporter } from '../../domain/privacy.js';
import { formatInstant, type Zone } from '../../domain/time.js';
import { addReportOptions, prepareReport, STATUS_LABEL, TIMER_LABEL, type ReportOptions } from '../sla/report-options.js';
import type { TimerName } from '../../domain/sla.js';

export function overdueSection(rows: OverdueRow[], lang: Lang, reveal: boolean, includeLegacy = false): Section {
  return {
    name: 'overdue',
    title: { id: 'Laporan melewati batas waktu', en: 'Complaints past a deadline' },
    notes: includeLegacy ? [] : [{
      id: 'Pengaduan lama hasil impor tidak ditampilkan (tanpa peringatan); tambahkan --include-legacy pada report overdue.',
      en: 'Imported legacy complaints are not listed (they raise no alerts); add --include-legacy to report overdue.',
    }],
    columns: [
      { key: 'tracking_id', header: { id: 'nomor tiket', en: 'tracking id' } },
      { key: 'timer', header: { id: 'tahap', en: 'timer' } },
      { key: 'institution', header: { id: 'instansi', en: 'institution' } },
      { key: 'unit', header: { id: 'unit kerja', en: 'unit' } },
      { key: 'class', header: { id: 'klasifikasi', en: 'class' } },
      { key: 'status', header: { id: 'status', en: 'status' } },
      { key: 'started', header: { id: 'mulai', en: 'started' }, type: 'datetime' },
      { key: 'deadline', header: { id: 'batas waktu', en: 'deadline' }, type: 'date' },
      { key: 'used', header: { id: 'HK terpakai', en: 'WD used' }, type: 'int' },
      { key: 'target', header: { id: 'target HK', en: 'target WD' }, type: 'int' },
      { key: 'late_by', header: { id: 'HK terlambat', en: 'WD late' }, type: 'int' },
      { key: 'title', header: { id: 'judul', en: 'title' } },
      { key: 'reporter', header: { id: 'pelapor', en: 'reporter' } },
      { key: 'reporter_phone', header: { id: 'telepon pelapor', en: 'reporter phone' } },
    ],
    rows: rows.map((r) => {
      const who = exportReporter({ name: r.reporter_name, phone: r.reporter_phone, anonymous: r.anonymous }, reveal, lang);
      return {
        tracking_id: r.tracking_id,
        timer: tr(TIMER_LABEL[r.timer as TimerName], lang),
        institution: r.institution_code,
        unit: r.unit_code,
        class: r.class,
        status: STATUS_LABEL[r.status] ? tr(STATUS_LABEL[r.status], lang) : r.status,
        started: formatInstant(new Date(r.start_at), 'WIB' as Zone),
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
    title: { id: 'Laporan Pengaduan Melewati Batas Waktu', en: 'Overdue complaints' },
    subtitle: { id: `Diurutkan menurut HK keterlambatan; ${p.scope.label}`, en: `Sorted by working days late; ${p.scope.label}` },
    meta: { ...p.meta, count: rows.length, identity: p.reveal ? 'revealed' : 'masked', legacy: opts.includeLegacy ? 'included' : 'excluded' },
    warnings: p.warnings,
    sections: [overdueSection(rows, lang, p.reveal, opts.includeLegacy)],
  };
}

export function overdueReportCommand(ctx: Context): Command {
  const cmd = new Command('overdue')
    .description('complaints past a deadline now (open and late), for intervention, sorted by working days late')
    .option('--limit <n>', 'at most N rows')
    .option('--include-legacy', 'also list imported legacy complaints (they raise no alerts by default)');
  addReportOptions(cmd).action(async (opts: ReportOptions & { limit?: string; includeLegacy?: boolean }) => {
    const report = await runOverdueReport(ctx, opts);
    await emitReport(ctx, report, opts);
    if (opts.failOnBreach !== undefined && report.sections[0].rows.length > 0 && Number(opts.failOnBreach) > 0) {
      // For the overdue list, any overdue complaint is a finding when --fail-on-breach is given.
      ctx.exitCode = 3;
      ctx.info(`lapor: overdue: ${report.sections[0].rows.length} complaint timer(s) past their deadline`);
    }
  });
  return cmd;
}
