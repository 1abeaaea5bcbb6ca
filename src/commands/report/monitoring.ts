import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, type Report, type Section } from '../../cli/output/index.js';
import { backlogAgeing, holderCounts, monthlyTrend, overdueTimers, provincePeers, returnsAndRedispositions, unitLiaisons, unitNames, type CountRow } from '../../db/reports.js';
import { slaSummary, withReportSession, type SlaSummaryRow } from '../../db/sla.js';
import { maskPhone } from '../../domain/privacy.js';
import { addDays, localDate } from '../../domain/time.js';
import { compliancePct, type TimerName } from '../../domain/sla.js';
import { addReportOptions, checkFailOn, prepareReport, reportWarnings, type ReportOptions } from '../sla/report-options.js';
import { overdueSection, type LiaisonLookup } from './overdue.js';
import { CHANNEL, CLASS, fill, INSTITUTION_KIND, L, RETURN_KIND, STATUS, TIMER, VALUE, type Pair } from '../../i18n/index.js';

const TIMERS: TimerName[] = ['verification', 'first_follow_up', 'completion', 'auto_close'];

/** The n months up to and including `end` (YYYY-MM), oldest first. */
export function lastMonths(end: string, n: number): string[] {
  const [y, m] = end.split('-').map(Number);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const k = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

function endOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/** Counts whose keys differ only in case or spaces, summed under the most frequent spelling. */
export function mergeCaseInsensitive(rows: CountRow[]): CountRow[] {
  const groups = new Map<string, { n: number; best: CountRow }>();
  for (const r of rows) {
    const key = (r.key ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
    const g = groups.get(key);
    if (!g) groups.set(key, { n: r.n, best: { key: r.key?.trim().replace(/\s+/g, ' ') ?? null, n: r.n } });
    else {
      g.n += r.n;
      if (r.n > g.best.n) g.best = { key: r.key?.trim().replace(/\s+/g, ' ') ?? null, n: r.n };
    }
  }
  return [...groups.values()].map((g) => ({ key: g.best.key, n: g.n }))
    .sort((a, b) => b.n - a.n || String(a.key).localeCompare(String(b.key)));
}

const late = (r: SlaSummaryRow | undefined) => (r ? r.breached + r.open_late : 0);

/** One row per unit (and the institution level), the four timers' compliance and late counts; worst first. */
function rankUnits(rows: SlaSummaryRow[], names: Map<number, { code: string; name: string }>): Section {
  const byUnit = new Map<string, Map<TimerName, SlaSummaryRow>>();
  for (const r of rows) {
    const key = r.group_key ?? '';
    if (!byUnit.has(key)) byUnit.set(key, new Map());
    byUnit.get(key)!.set(r.timer, r);
  }
  const units = [...byUnit].map(([key, t]) => {
    const u = key === '' ? undefined : names.get(Number(key));
    const row: Record<string, unknown> = {
      unit: u?.code ?? '', name: u?.name ?? null, complaints: Math.max(0, ...[...t.values()].map((x) => x.total)),
    };
    for (const timer of TIMERS) {
      row[`${timer}_compliance`] = t.get(timer)?.compliance ?? null;
      row[`${timer}_late`] = late(t.get(timer));
    }
    return row;
  });
  const num = (v: unknown) => (typeof v === 'number' ? v : Infinity);
  units.sort((a, b) => num(a.completion_compliance) - num(b.completion_compliance)
    || num(a.first_follow_up_compliance) - num(b.first_follow_up_compliance)
    || (b.completion_late as number) - (a.completion_late as number) || String(a.unit).localeCompare(String(b.unit)));
  units.forEach((u, i) => { u.rank = i + 1; });
  return {
    name: 'units',
    title: L.units_worst_first,
    columns: [
      { key: 'rank', header: L.rank, type: 'int' },
      { key: 'unit', header: L.unit, vocab: { '': L.at_institution_level } },
      { key: 'name', header: L.unit_name },
      { key: 'complaints', header: L.complaints_n, type: 'int' },
      ...TIMERS.flatMap((timer) => [
        { key: `${timer}_compliance`, header: L[`compliance_${timer}`], type: 'percent' as const },
        { key: `${timer}_late`, header: L[`late_${timer}`], type: 'int' as const },
      ]),
    ],
    rows: units,
    notes: [L.units_worst_first_note],
  };
}

/** This institution beside the other kab/kota (and the province) of its province, and the nation. */
function compare(inst: number, province: SlaSummaryRow[], national: SlaSummaryRow[],
  peers: Map<number, { code: string; name: string; kind: string }>): Section {
  // Every peer, those without a complaint in the period too (0 complaints, compliance —): a
  // kab/kota missing from the list would read as not there at all.
  const byInst = new Map<number, Map<TimerName, SlaSummaryRow>>([...peers.keys()].map((id) => [id, new Map()]));
  for (const r of province) {
    if (r.group_id === null || !peers.has(r.group_id)) continue;
    byInst.get(r.group_id)!.set(r.timer, r);
  }
  if (!byInst.has(inst)) byInst.set(inst, new Map());
  const rows: Record<string, unknown>[] = [...byInst].map(([id, t]) => ({
    code: peers.get(id)?.code ?? String(id), name: peers.get(id)?.name ?? null, kind: peers.get(id)?.kind ?? null,
    self: id === inst, complaints: Math.max(0, ...[...t.values()].map((x) => x.total)),
    ...Object.fromEntries(TIMERS.map((timer) => [`${timer}_compliance`, t.get(timer)?.compliance ?? null])),
  }));
  const num = (v: unknown) => (typeof v === 'number' ? v : -1);
  rows.sort((a, b) => num(b.completion_compliance) - num(a.completion_compliance) || String(a.code).localeCompare(String(b.code)));
  const nat = (timer: TimerName) => {
    const of = national.filter((r) => r.timer === timer);
    const s = (f: 'met' | 'breached' | 'open_late' | 'total') => of.reduce((a, r) => a + r[f], 0);
    return { pct: compliancePct(s('met'), s('breached'), s('open_late')), total: s('total') };
  };
  rows.push({
    code: '', name: null, kind: 'national', self: false, complaints: Math.max(0, ...TIMERS.map((t) => nat(t).total)),
    ...Object.fromEntries(TIMERS.map((timer) => [`${timer}_compliance`, nat(timer).pct])),
  });
  return {
    name: 'comparison',
    title: L.comparison,
    columns: [
      { key: 'code', header: L.code },
      { key: 'name', header: L.name },
      { key: 'kind', header: L.kind, vocab: { ...INSTITUTION_KIND, national: L.national } },
      { key: 'self', header: L.this_institution, type: 'bool' },
      { key: 'complaints', header: L.complaints_n, type: 'int' },
      ...TIMERS.map((timer) => ({ key: `${timer}_compliance`, header: L[`compliance_${timer}`], type: 'percent' as const })),
    ],
    rows,
  };
}

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
  const limit = parseCountOption('--overdue-limit', opts.overdueLimit ?? '50');
  const k = p.db.knex;
  const [liaisonRows, unitName, peers] = await Promise.all([unitLiaisons(k, inst), unitNames(k, inst), provincePeers(k, inst)]);
  // The trend: always the 12 months up to the report's month (its --to, or the as-of date), WIB.
  const endMonth = (p.query.to ?? localDate(p.asOf, 'WIB')).slice(0, 7);
  const months = lastMonths(endMonth, 12);
  const trendQuery = { ...p.query, from: `${months[0]}-01`, to: endOfMonth(endMonth) };
  // Peers and the nation: aggregate figures only, never another institution's confidential complaints.
  const open = { ...p.query, institutionId: undefined, unitId: undefined, confidentialOf: null };
  const data = await withReportSession(k, async (trx) => ({
    counts: await holderCounts(trx, p.query, inst),
    ageing: await backlogAgeing(trx, p.query),
    overdue: await overdueTimers(trx, p.query),
    overdueLegacy: (await overdueTimers(trx, p.query, undefined, { includeLegacy: true })).length,
    returns: await returnsAndRedispositions(trx, p.query, inst),
    trend: await monthlyTrend(trx, trendQuery),
    sla: await slaSummary(trx, p.query, 'institution'),
    units: await slaSummary(trx, p.query, 'unit'),
    province: peers.province ? await slaSummary(trx, { ...open, provinceCode: peers.province }, 'institution') : [],
    national: await slaSummary(trx, { ...open, provinceCode: undefined }, 'class'),
  }));
  // Categories typed by hand differ in case and spaces: merged, under their most frequent spelling.
  data.counts.category = mergeCaseInsensitive(data.counts.category);
  const countSection = (name: 'status' | 'class' | 'channel' | 'category', title: Pair): Section => ({
    name: `by_${name}`,
    title,
    columns: [{ key: 'key', header: title, vocab: KEY_VOCAB[name] }, { key: 'n', header: L.count, type: 'int' as const }],
    rows: data.counts[name].map((r) => ({ key: r.key === null || r.key.trim() === '' ? '' : r.key, n: r.n })),
    notes: name === 'category' ? [L.category_merged] : undefined,
  });
  const slaRows = data.sla.filter((r) => r.group_id === inst);
  const liaisons: LiaisonLookup = new Map();
  for (const l of liaisonRows) {
    const e = liaisons.get(l.unit_code) ?? { unitName: l.unit_name, names: '', phones: '' };
    e.names = [e.names, l.name].filter(Boolean).join(', ');
    e.phones = [e.phones, maskPhone(l.phone)].filter(Boolean).join(', ');
    liaisons.set(l.unit_code, e);
  }
  for (const u of unitName.values()) if (!liaisons.has(u.code)) liaisons.set(u.code, { unitName: u.name, names: '', phones: '' });
  const overdue = overdueSection(data.overdue.slice(0, limit), lang, p.reveal, false, liaisons);
  const overdueComplaints = new Set(data.overdue.map((o) => o.tracking_id)).size;
  overdue.notes = [
    ...(data.overdue.length > limit ? [fill(L.overdue_top, { n: limit })] : []),
    fill(L.reconcile, { ageing: data.ageing.reduce((a, b) => a + b.n, 0), rows: data.overdue.length, complaints: overdueComplaints, legacy: data.overdueLegacy - data.overdue.length }),
  ];
  const unitsSection = rankUnits(data.units, unitName);
  const comparison = compare(inst, data.province, data.national, peers.peers);
  const trendBy = new Map(data.trend.map((t) => [t.month, t]));
  const trendRows = months.map((month) => {
    const t = trendBy.get(month) ?? { month, received: 0, completed: 0, met: 0, breached: 0, open_late: 0 };
    return { ...t, compliance: compliancePct(t.met, t.breached, t.open_late) };
  });
  const compliance = slaRows.map((r) => ({ timer: r.timer, compliance: r.compliance }));
  const report: Report = {
    name: 'monitoring',
    title: L.complaint_handling_monitoring,
    subtitle: fill(L.for_the_supervisor, { scope: p.scope.label }),
    meta: { ...p.meta, identity: p.reveal ? 'revealed' : 'masked' },
    warnings: reportWarnings(p, [...data.sla, ...data.units]),
    sections: [
      {
        name: 'sla',
        title: L.sla_compliance_per_timer,
        columns: [
          { key: 'timer', header: L.timer_2, vocab: TIMER },
          { key: 'total', header: L.total, type: 'int' },
          { key: 'met', header: L.met, type: 'int' },
          { key: 'breached', header: L.breached, type: 'int' },
          { key: 'returned_late', header: L.returned_late_of_breached, type: 'int' },
          { key: 'open_within', header: L.open_within_time, type: 'int' },
          { key: 'open_late', header: L.open_and_late, type: 'int' },
          { key: 'returned', header: L.returned, type: 'int' },
          { key: 'compliance', header: L.compliance, type: 'percent' },
          { key: 'median_days', header: L.median_wd, type: 'number' },
          { key: 'p90_days', header: L.p90_wd, type: 'number' },
        ],
        rows: slaRows.map((r) => ({
          // total = met + breached + open_within + open_late + returned (returned late is part of breached)
          timer: r.timer, total: r.total, met: r.met, breached: r.breached, returned_late: r.returned_late, open_within: r.open_within,
          open_late: r.open_late, returned: r.returned, compliance: r.compliance, median_days: r.median_days, p90_days: r.p90_days,
        })),
      },
      unitsSection,
      comparison,
      overdue,
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
        rows: trendRows,
        notes: [L.month_trend_note],
      },
    ],
  };
  return { report, failOn: p.failOn, compliance };
}

export function monitoringReportCommand(ctx: Context): Command {
  const cmd = new Command('monitoring')
    .option('--overdue-limit <n>', 'rows of the overdue list', '50');
  addReportOptions(cmd, { institutionRequired: true }).action(async (opts: ReportOptions & { overdueLimit?: string }) => {
    const { report, failOn, compliance } = await runMonitoringReport(ctx, opts);
    await emitReport(ctx, report, opts);
    checkFailOn(ctx, failOn, report, compliance);
  });
  return cmd;
}
