import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { emitReport, tr, type Report, type Section } from '../../cli/output/index.js';
import { slaSummary, withReportSession, type SlaGroupBy, type SlaSummaryRow } from '../../db/sla.js';
import { compliancePct, TIMERS, type TimerName } from '../../domain/sla.js';
import { addReportOptions, checkFailOn, prepareReport, reportWarnings, type ReportOptions } from '../sla/report-options.js';
import { CHANNEL, CLASS, fill, GROUP_BY, L, TIMER, VALUE } from '../../i18n/index.js';

const COUNT_COLUMNS = [
  { key: 'total', header: L.total, type: 'int' as const },
  { key: 'met', header: L.met, type: 'int' as const },
  { key: 'breached', header: L.breached, type: 'int' as const },
  // A Bukan Wewenang return after the first-follow-up deadline: breached, and shown as its own sub-count.
  { key: 'returned_late', header: L.returned_late_of_breached, type: 'int' as const },
  { key: 'open_within', header: L.open_within_time, type: 'int' as const },
  { key: 'open_late', header: L.open_and_late, type: 'int' as const },
  { key: 'returned', header: L.returned, type: 'int' as const },
  { key: 'compliance', header: L.compliance, type: 'percent' as const },
  { key: 'median_days', header: L.median_wd, type: 'number' as const },
  { key: 'p90_days', header: L.p90_wd, type: 'number' as const },
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
      timer, label: tr(TIMER[timer], lang), total: sum('total'), ...s, returned_late: sum('returned_late'), returned: sum('returned'),
      compliance: compliancePct(s.met, s.breached, s.open_late),
    };
  });
  const groupHeader = GROUP_BY[opts.by];
  const unassigned = tr(VALUE.unassigned, lang);
  const bySection: Section = {
    name: `by_${opts.by}`,
    title: fill(L.sla_compliance_by, { group: groupHeader }),
    columns: [
      // class and channel are codes: people read their labels, JSON gets both (group, group_label)
      { key: 'group', header: groupHeader, ...(opts.by === 'class' ? { vocab: CLASS } : opts.by === 'channel' ? { vocab: CHANNEL } : {}) },
      ...(opts.by === 'institution' || opts.by === 'unit' || opts.by === 'province' ? [{ key: 'name', header: L.name }] : []),
      { key: 'timer', header: L.timer_2, vocab: TIMER },
      ...COUNT_COLUMNS,
    ],
    rows: rows.map((r) => {
      const n = r.group_key === null ? undefined : names.get(r.group_key);
      return {
        group: r.group_key === null ? unassigned : n?.code ?? r.group_key,
        name: n?.name ?? null,
        timer: r.timer,
        total: r.total, met: r.met, breached: r.breached, returned_late: r.returned_late, open_within: r.open_within, open_late: r.open_late,
        returned: r.returned, compliance: r.compliance, median_days: r.median_days, p90_days: r.p90_days,
      };
    }),
  };
  const report: Report = {
    name: 'sla',
    title: L.complaint_handling_sla_compliance,
    subtitle: fill(L.working_days_scope, { scope: p.scope.label }),
    meta: { ...p.meta, by: opts.by },
    warnings: reportWarnings(p, rows),
    sections: [
      {
        name: 'summary',
        title: L.summary_per_timer,
        columns: [{ key: 'timer', header: L.timer_2, vocab: TIMER }, ...COUNT_COLUMNS.filter((c) => !c.key.endsWith('_days'))],
        rows: summary.map(({ label: _l, ...rest }) => rest),
        notes: [L.sla_summary_note],
      },
      bySection,
    ],
  };
  return { report, failOn: p.failOn, summary: summary.map((s) => ({ timer: s.timer, compliance: s.compliance })) };
}

export function slaReportCommand(ctx: Context): Command {
  const cmd = new Command('sla')
    .addOption(new Option('--by <dimension>', 'group by').choices(['institution', 'unit', 'province', 'class', 'channel']).default('institution'));
  addReportOptions(cmd).action(async (opts: ReportOptions & { by: SlaGroupBy }) => {
    const { report, summary, failOn } = await runSlaReport(ctx, opts);
    await emitReport(ctx, report, opts);
    checkFailOn(ctx, failOn, report, summary);
  });
  return cmd;
}
