import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { emitReport, tr, type Report, type Section } from '../../cli/output/index.js';
import { slaSummary, withReportSession, type SlaGroupBy, type SlaSummaryRow } from '../../db/sla.js';
import { compliancePct, TIMERS, type TimerName } from '../../domain/sla.js';
import { addReportOptions, checkFailOn, prepareReport, TIMER_LABEL, type ReportOptions } from '../sla/report-options.js';

const COUNT_COLUMNS = [
  { key: 'total', header: { id: 'jumlah', en: 'total' }, type: 'int' as const },
  { key: 'met', header: { id: 'tepat waktu', en: 'met' }, type: 'int' as const },
  { key: 'breached', header: { id: 'terlambat', en: 'breached' }, type: 'int' as const },
  { key: 'open_within', header: { id: 'berjalan dalam batas', en: 'open within time' }, type: 'int' as const },
  { key: 'open_late', header: { id: 'berjalan lewat batas', en: 'open and late' }, type: 'int' as const },
  { key: 'returned', header: { id: 'dikembalikan', en: 'returned' }, type: 'int' as const },
  { key: 'compliance', header: { id: 'kepatuhan %', en: 'compliance %' }, type: 'percent' as const },
  { key: 'median_days', header: { id: 'median HK', en: 'median WD' }, type: 'number' as const },
  { key: 'p90_days', header: { id: 'p90 HK', en: 'p90 WD' }, type: 'number' as const },
];

export interface SlaReportData {
  report: Report;
  failOn?: number;
  summary: { timer: TimerName; compliance: number | null }[];
}

/** `lapor report sla`: per group and timer, the four states, compliance, median and p90 working days. */
export async function runSlaReport(ctx: Context, opts: ReportOptions & { by: SlaGroupBy }): Promise<SlaReportData> {
  const p = await prepareReport(ctx, 'sla', opts);
  const lang = opts.lang ?? 'id';
  const rows = await withReportSession(p.db.knex, (trx) => slaSummary(trx, p.query, opts.by));
  const k = p.db.knex;
  const names = new Map<string, { code: string; name: string }>();
  if (opts.by === 'institution' || opts.by === 'province') {
    for (const i of await k('institutions').select('id', 'code', 'name', 'kind', 'province_code')) {
      if (opts.by === 'institution') names.set(String(i.id), { code: i.code, name: i.name });
      else if (i.kind === 'provinsi') names.set(i.province_code, { code: i.province_code, name: i.name });
    }
  } else if (opts.by === 'unit') {
    for (const u of await k('units as u').join('institutions as i', 'i.id', 'u.institution_id').select('u.id', 'u.code', 'u.name', { inst: 'i.code' })) {
      names.set(String(u.id), { code: `${u.inst}/${u.code}`, name: u.name });
    }
  }
  // Overall per timer: sums of the groups; median/p90 are not additive, so they are left to the groups.
  const summary = TIMERS.map((timer) => {
    const of = rows.filter((r) => r.timer === timer);
    const sum = (f: keyof SlaSummaryRow) => of.reduce((a, r) => a + (r[f] as number), 0);
    const s = { met: sum('met'), breached: sum('breached'), open_within: sum('open_within'), open_late: sum('open_late') };
    return {
      timer, label: tr(TIMER_LABEL[timer], lang), total: sum('total'), ...s, returned: sum('returned'),
      compliance: compliancePct(s.met, s.breached, s.open_late),
    };
  });
  const groupHeader = {
    institution: { id: 'instansi', en: 'institution' }, unit: { id: 'unit kerja', en: 'unit' },
    province: { id: 'provinsi', en: 'province' }, class: { id: 'klasifikasi', en: 'class' }, channel: { id: 'kanal', en: 'channel' },
  }[opts.by];
  const unassigned = lang === 'id' ? '(belum terdisposisi)' : '(not yet disposed)';
  const bySection: Section = {
    name: `by_${opts.by}`,
    title: { id: `Kepatuhan SLA per ${groupHeader.id}`, en: `SLA compliance by ${groupHeader.en}` },
    columns: [
      { key: 'group', header: groupHeader },
      ...(opts.by === 'institution' || opts.by === 'unit' || opts.by === 'province' ? [{ key: 'name', header: { id: 'nama', en: 'name' } }] : []),
      { key: 'timer', header: { id: 'tahap', en: 'timer' } },
      ...COUNT_COLUMNS,
    ],
    rows: rows.map((r) => {
      const n = r.group_key === null ? undefined : names.get(r.group_key);
      return {
        group: r.group_key === null ? unassigned : n?.code ?? r.group_key,
        name: n?.name ?? null,
        timer: tr(TIMER_LABEL[r.timer], lang),
        total: r.total, met: r.met, breached: r.breached, open_within: r.open_within, open_late: r.open_late,
        returned: r.returned, compliance: r.compliance, median_days: r.median_days, p90_days: r.p90_days,
      };
    }),
  };
  const report: Report = {
    name: 'sla',
    title: { id: 'Laporan Kepatuhan SLA Pengelolaan Pengaduan', en: 'Complaint handling SLA compliance' },
    subtitle: { id: `Hari kerja (HK); ${p.scope.label}`, en: `Working days (WD); ${p.scope.label}` },
    meta: { ...p.meta, by: opts.by },
    warnings: p.warnings,
    sections: [
      {
        name: 'summary',
        title: { id: 'Ringkasan per tahap', en: 'Summary per timer' },
        columns: [{ key: 'timer', header: { id: 'tahap', en: 'timer' } }, ...COUNT_COLUMNS.filter((c) => !c.key.endsWith('_days'))],
        rows: summary.map(({ label, timer: _t, ...rest }) => ({ timer: label, ...rest })),
        notes: [{
          id: 'Kepatuhan = tepat waktu ÷ (tepat waktu + terlambat + berjalan lewat batas). Median/p90: HK yang terpakai pada tahap yang sudah selesai.',
          en: 'Compliance = met ÷ (met + breached + open and late). Median/p90: working days used by timers that have stopped.',
        }],
      },
      bySection,
    ],
  };
  return { report, failOn: p.failOn, summary: summary.map((s) => ({ timer: s.timer, compliance: s.compliance })) };
}

export function slaReportCommand(ctx: Context): Command {
  const cmd = new Command('sla')
    .description('SLA compliance per institution (or unit, province, class, channel) and timer: met, breached, open, compliance %, median and p90 working days')
    .addOption(new Option('--by <dimension>', 'group by').choices(['institution', 'unit', 'province', 'class', 'channel']).default('institution'));
  addReportOptions(cmd).action(async (opts: ReportOptions & { by: SlaGroupBy }) => {
    const { report, summary, failOn } = await runSlaReport(ctx, opts);
    await emitReport(ctx, report, opts);
    checkFailOn(ctx, failOn, report, summary);
  });
  return cmd;
}
