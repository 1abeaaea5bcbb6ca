import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, type Column, type Lang, type OutputOptions, type Report } from '../../cli/output/index.js';
import { onboardingRows } from '../../db/onboarding.js';
import { buildOnboarding, type Onboarding, type TotalRow } from '../../domain/onboarding.js';
import { isValidDate, localDate } from '../../domain/time.js';

const GROUP_LABEL: Record<TotalRow['group'], { id: string; en: string }> = {
  provinsi: { id: 'Provinsi', en: 'Provinces' },
  kabupaten_kota: { id: 'Kabupaten/Kota', en: 'Regencies/cities' },
  kementerian_lembaga: { id: 'Kementerian/Lembaga', en: 'Ministries/agencies' },
  bumn_lainnya: { id: 'BUMN & lainnya', en: 'SOEs & other' },
  total: { id: 'Total', en: 'Total' },
};

const pct = (n: number, of: number) => (of === 0 ? null : (100 * n) / of);

function countColumns(withLate: boolean): Column[] {
  const cols: Column[] = [
    { key: 'institutions', header: { id: 'instansi', en: 'institutions' }, type: 'int' },
    { key: 'registered', header: { id: 'SK terdaftar', en: 'decree registered' }, type: 'int' },
    { key: 'withAdmin', header: { id: 'ada admin', en: 'with admin' }, type: 'int' },
    { key: 'liaisonsComplete', header: { id: 'penghubung tiap unit', en: 'liaison for every unit' }, type: 'int' },
    { key: 'complete', header: { id: 'lengkap', en: 'complete' }, type: 'int' },
    { key: 'registeredPct', header: { id: '% terdaftar', en: '% registered' }, type: 'percent' },
  ];
  if (withLate) cols.push({ key: 'late', header: { id: 'SK terlambat', en: 'late decrees' }, type: 'int' });
  return cols;
}

export function onboardingReport(o: Onboarding, opts: { deadline?: string; province?: string; today: string; lang: Lang }): Report {
  const withLate = opts.deadline !== undefined;
  const meta: Report['meta'] = opts.lang === 'id'
    ? { tanggal: opts.today, 'batas waktu SK': opts.deadline ?? null, provinsi: opts.province ?? 'semua' }
    : { date: opts.today, 'decree deadline': opts.deadline ?? null, province: opts.province ?? 'all' };
  const sections: Report['sections'] = [
    {
      name: 'provinces',
      title: { id: 'Per provinsi (provinsi dan kabupaten/kotanya)', en: 'By province (the province and its regencies/cities)' },
      columns: [
        { key: 'provinceCode', header: { id: 'kode', en: 'code' } },
        { key: 'provinceName', header: { id: 'provinsi', en: 'province' } },
        { key: 'provinceRegistered', header: { id: 'SK provinsi', en: 'province decree' }, type: 'bool' },
        { key: 'kabKota', header: { id: 'kab/kota', en: 'regencies/cities' }, type: 'int' },
        { key: 'kabKotaRegistered', header: { id: 'kab/kota terdaftar', en: 'regencies/cities registered' }, type: 'int' },
        ...countColumns(withLate),
      ],
      rows: o.provinces.map((p) => ({ ...p, registeredPct: pct(p.registered, p.institutions) })),
    },
    {
      name: 'totals',
      title: { id: 'Total nasional', en: 'National totals' },
      columns: [{ key: 'group', header: { id: 'kelompok', en: 'group' } }, ...countColumns(withLate)],
      rows: o.totals.map((t) => ({ ...t, group: GROUP_LABEL[t.group][opts.lang], registeredPct: pct(t.registered, t.institutions) })),
    },
  ];
  if (o.detail) {
    sections.push({
      name: 'institutions',
      title: { id: `Instansi di provinsi ${opts.province}`, en: `Institutions of province ${opts.province}` },
      columns: [
        { key: 'code', header: { id: 'kode', en: 'code' } },
        { key: 'name', header: { id: 'nama', en: 'name' } },
        { key: 'kind', header: { id: 'jenis', en: 'kind' } },
        { key: 'registered', header: { id: 'SK terdaftar', en: 'registered' }, type: 'bool' },
        { key: 'decreeNumber', header: { id: 'SK berlaku', en: 'decree in force' } },
        { key: 'hasAdmin', header: { id: 'ada admin', en: 'admin' }, type: 'bool' },
        { key: 'units', header: { id: 'unit', en: 'units' }, type: 'int' },
        { key: 'unitsWithLiaison', header: { id: 'unit berpenghubung', en: 'units with liaison' }, type: 'int' },
        { key: 'liaisonsComplete', header: { id: 'penghubung tiap unit', en: 'liaison for every unit' }, type: 'bool' },
        ...(withLate ? [{ key: 'late', header: { id: 'SK terlambat', en: 'late' }, type: 'bool' as const }] : []),
      ],
      rows: o.detail.map((d) => ({ ...d })),
    });
  }
  sections.push({
    name: 'late_decrees',
    title: withLate
      ? { id: `SK yang diterima setelah batas waktu ${opts.deadline}`, en: `Decrees received after the deadline ${opts.deadline}` }
      : { id: 'SK terlambat', en: 'Late decrees' },
    columns: [
      { key: 'code', header: { id: 'kode', en: 'code' } },
      { key: 'name', header: { id: 'instansi', en: 'institution' } },
      { key: 'kind', header: { id: 'jenis', en: 'kind' } },
      { key: 'decreeNumber', header: { id: 'nomor SK', en: 'decree' } },
      { key: 'receivedAt', header: { id: 'diterima', en: 'received' }, type: 'date' },
      { key: 'deadline', header: { id: 'batas waktu', en: 'deadline' }, type: 'date' },
      { key: 'daysLate', header: { id: 'hari terlambat', en: 'days late' }, type: 'int' },
    ],
    rows: o.late.map((l) => ({ ...l })),
    notes: withLate
      ? [{ id: 'Keterlambatan dihitung dari SK pertama tiap instansi (tanggal diterima KemenPANRB).', en: "Lateness is judged on each institution's first decree (the day KemenPANRB received it)." }]
      : [{ id: 'Beri --deadline YYYY-MM-DD untuk daftar SK yang terlambat.', en: 'Give --deadline YYYY-MM-DD to list the late decrees.' }],
  });
  return {
    name: 'onboarding',
    title: { id: 'Laporan onboarding SP4N-LAPOR!: SK Tim Pengelola Pengaduan', en: 'SP4N-LAPOR! onboarding: complaint-team decrees' },
    meta,
    sections,
  };
}

export function onboardingCommand(ctx: Context): Command {
  const cmd = new Command('onboarding')
    .description('which provinces, kabupaten/kota and K/L have a registered decree, an admin and a liaison for every unit; decrees received after the deadline')
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
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html']);
}
