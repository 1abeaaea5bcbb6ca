import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, type Column, type Lang, type OutputOptions, type Report } from '../../cli/output/index.js';
import { onboardingRows } from '../../db/onboarding.js';
import { buildOnboarding, type Onboarding, type TotalRow } from '../../domain/onboarding.js';
import { isValidDate, localDate } from '../../domain/time.js';
import { INSTITUTION_KIND, type Pair } from '../../i18n/index.js';
import { fill, L } from '../../i18n/index.js';

const GROUP_LABEL: Record<TotalRow['group'], Pair> = INSTITUTION_KIND;

const pct = (n: number, of: number) => (of === 0 ? null : (100 * n) / of);

function countColumns(withLate: boolean): Column[] {
  const cols: Column[] = [
    { key: 'institutions', header: L.institutions_2, type: 'int' },
    { key: 'registered', header: L.decree_registered, type: 'int' },
    { key: 'withAdmin', header: L.with_admin, type: 'int' },
    { key: 'liaisonsComplete', header: L.liaison_for_every_unit, type: 'int' },
    { key: 'complete', header: L.complete, type: 'int' },
    { key: 'registeredPct', header: L.registered, type: 'percent' },
  ];
  if (withLate) cols.push({ key: 'late', header: L.late_decrees, type: 'int' });
  return cols;
}

export function onboardingReport(o: Onboarding, opts: { deadline?: string; province?: string; today: string; lang: Lang }): Report {
  const withLate = opts.deadline !== undefined;
  // English keys (the JSON contract); people see them through the META labels.
  const meta: Report['meta'] = { date: opts.today, deadline: opts.deadline ?? null, province: opts.province ?? 'all' };
  const sections: Report['sections'] = [
    {
      name: 'provinces',
      title: L.by_province_the_province_and_its_regenci,
      columns: [
        { key: 'provinceCode', header: L.code },
        { key: 'provinceName', header: L.province },
        { key: 'provinceRegistered', header: L.province_decree, type: 'bool' },
        { key: 'kabKota', header: L.regencies_cities, type: 'int' },
        { key: 'kabKotaRegistered', header: L.regencies_cities_registered, type: 'int' },
        ...countColumns(withLate),
      ],
      rows: o.provinces.map((p) => ({ ...p, registeredPct: pct(p.registered, p.institutions) })),
    },
    {
      name: 'totals',
      title: L.national_totals,
      columns: [{ key: 'group', header: L.group }, ...countColumns(withLate)],
      rows: o.totals.map((t) => ({ ...t, group: GROUP_LABEL[t.group][opts.lang], registeredPct: pct(t.registered, t.institutions) })),
    },
  ];
  if (o.detail) {
    sections.push({
      name: 'institutions',
      title: fill(L.institutions_of_province, { province: opts.province ?? '' }),
      columns: [
        { key: 'code', header: L.code },
        { key: 'name', header: L.name },
        { key: 'kind', header: L.kind, vocab: INSTITUTION_KIND },
        { key: 'registered', header: L.registered_2, type: 'bool' },
        { key: 'decreeNumber', header: L.decree_in_force },
        { key: 'hasAdmin', header: L.admin, type: 'bool' },
        { key: 'units', header: L.units, type: 'int' },
        { key: 'unitsWithLiaison', header: L.units_with_liaison, type: 'int' },
        { key: 'liaisonsComplete', header: L.liaison_for_every_unit, type: 'bool' },
        ...(withLate ? [{ key: 'late', header: L.late, type: 'bool' as const }] : []),
      ],
      rows: o.detail.map((d) => ({ ...d })),
    });
  }
  sections.push({
    name: 'late_decrees',
    title: withLate
      ? fill(L.decrees_after_deadline, { deadline: opts.deadline ?? '' })
      : L.late_decrees_2,
    columns: [
      { key: 'code', header: L.code },
      { key: 'name', header: L.institution },
      { key: 'kind', header: L.kind, vocab: INSTITUTION_KIND },
      { key: 'decreeNumber', header: L.decree },
      { key: 'receivedAt', header: L.received, type: 'date' },
      { key: 'deadline', header: L.deadline, type: 'date' },
      { key: 'daysLate', header: L.days_late, type: 'int' },
    ],
    rows: o.late.map((l) => ({ ...l })),
    notes: withLate
      ? [L.lateness_is_judged_on_each_institution_s]
      : [L.give_deadline_yyyy_mm_dd_to_list_the_lat],
  });
  return {
    name: 'onboarding',
    title: L.sp4n_lapor_onboarding_complaint_team_dec,
    meta,
    sections,
  };
}

export function onboardingCommand(ctx: Context): Command {
  const cmd = new Command('onboarding')
    .option('--deadline <yyyy-mm-dd>', 'decrees received after this date are late')
    .option('--province <code>', 'only this province (2 digits), with each of its institutions')
    .action(async (opts: OutputOptions & { deadline?: string; province?: string }) => {
      if (opts.deadline !== undefined && !isValidDate(opts.deadline)) throw new UsageError(`--deadline '${opts.deadline}' is not a date (YYYY-MM-DD)`);
      if (opts.province !== undefined && !/^\d{2}$/.test(opts.province)) throw new UsageError(`--province '${opts.province}' must be a 2-digit province code (e.g. 32)`);
      const db = await ctx.db();
      const rows = await onboardingRows(db.knex);
      if (opts.province && !rows.some((r) => r.kind === 'provinsi' && r.code === opts.province)) {
        throw new UsageError(`--province ${opts.province} is not a province code`, ['see `lapor institution list --kind provinsi`']);
      }
      const o = buildOnboarding(rows, { deadline: opts.deadline, province: opts.province });
      const lang = opts.lang ?? 'id';
      await emitReport(ctx, onboardingReport(o, { deadline: opts.deadline, province: opts.province, today: localDate(ctx.now(), 'WIB'), lang }), opts);
    });
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html', 'pdf']);
}
