/**
 * The onboarding report (DESIGN §8): which provinces, kabupaten/kota and K/L have a registered
 * decree, an admin, and a liaison for every unit; which decrees came after the deadline. Pure:
 * the database layer gives one row per institution, this counts them.
 */
import type { InstitutionKind } from './decree.js';

export interface OnboardingInstitution {
  code: string;
  name: string;
  kind: InstitutionKind;
  provinceCode: string | null;
  /** A decree is in force and the institution is active. */
  registered: boolean;
  decreeNumber: string | null;
  hasAdmin: boolean;
  units: number;
  unitsWithLiaison: number;
  /** The institution's first decree: when it reached KemenPANRB (onboarding lateness is about the first). */
  firstDecreeNumber: string | null;
  firstReceivedAt: string | null;
}

export interface OnboardingCounts {
  institutions: number;
  registered: number;
  withAdmin: number;
  liaisonsComplete: number;
  complete: number;
  late: number;
}

export interface ProvinceRow extends OnboardingCounts {
  provinceCode: string;
  provinceName: string;
  provinceRegistered: boolean;
  kabKota: number;
  kabKotaRegistered: number;
}

export interface TotalRow extends OnboardingCounts {
  group: 'provinsi' | 'kabupaten_kota' | 'kementerian_lembaga' | 'bumn_lainnya' | 'total';
}

export interface LateRow {
  code: string;
  name: string;
  kind: InstitutionKind;
  decreeNumber: string;
  receivedAt: string;
  deadline: string;
  daysLate: number;
}

export interface DetailRow {
  code: string;
  name: string;
  kind: InstitutionKind;
  registered: boolean;
  decreeNumber: string | null;
  hasAdmin: boolean;
  units: number;
  unitsWithLiaison: number;
  liaisonsComplete: boolean;
  late: boolean | null;
}

export interface Onboarding {
  provinces: ProvinceRow[];
  totals: TotalRow[];
  late: LateRow[];
  /** With a province filter: every institution of it. */
  detail: DetailRow[] | null;
}

/** Every unit has a liaison (and there is at least one unit). */
export function liaisonsComplete(i: OnboardingInstitution): boolean {
  return i.registered && i.units > 0 && i.unitsWithLiaison === i.units;
}

export function isLate(i: OnboardingInstitution, deadline: string | undefined): boolean {
  return deadline !== undefined && i.firstReceivedAt !== null && i.firstReceivedAt > deadline;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function count(list: OnboardingInstitution[], deadline: string | undefined): OnboardingCounts {
  let registered = 0, withAdmin = 0, complete = 0, liaisons = 0, late = 0;
  for (const i of list) {
    const reg = i.registered;
    const admin = reg && i.hasAdmin;
    const liaison = liaisonsComplete(i);
    if (reg) registered++;
    if (admin) withAdmin++;
    if (liaison) liaisons++;
    if (reg && admin && liaison) complete++;
    if (isLate(i, deadline)) late++;
  }
  return { institutions: list.length, registered, withAdmin, liaisonsComplete: liaisons, complete, late };
}

const PEMDA = new Set(['provinsi', 'kabupaten', 'kota']);

export function buildOnboarding(all: OnboardingInstitution[], opts: { deadline?: string; province?: string }): Onboarding {
  const { deadline } = opts;
  const provinces: ProvinceRow[] = [];
  const provs = all.filter((i) => i.kind === 'provinsi').sort((a, b) => a.code.localeCompare(b.code));
  for (const p of provs) {
    if (opts.province && p.code !== opts.province) continue;
    const members = all.filter((i) => PEMDA.has(i.kind) && i.provinceCode === p.code);
    const kabKota = members.filter((i) => i.kind !== 'provinsi');
    provinces.push({
      provinceCode: p.code,
      provinceName: p.name,
      provinceRegistered: p.registered,
      kabKota: kabKota.length,
      kabKotaRegistered: kabKota.filter((i) => i.registered).length,
      ...count(members, deadline),
    });
  }
  const groups: [TotalRow['group'], (i: OnboardingInstitution) => boolean][] = [
    ['provinsi', (i) => i.kind === 'provinsi'],
    ['kabupaten_kota', (i) => i.kind === 'kabupaten' || i.kind === 'kota'],
    ['kementerian_lembaga', (i) => i.kind === 'kementerian' || i.kind === 'lembaga'],
    ['bumn_lainnya', (i) => i.kind === 'bumn' || i.kind === 'other'],
  ];
  const totals: TotalRow[] = groups.map(([group, f]) => ({ group, ...count(all.filter(f), deadline) }));
  totals.push({ group: 'total', ...count(all, deadline) });

  const inScope = (i: OnboardingInstitution) => !opts.province || (PEMDA.has(i.kind) && i.provinceCode === opts.province);
  const late: LateRow[] = deadline === undefined ? [] : all
    .filter((i) => inScope(i) && isLate(i, deadline))
    .map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      decreeNumber: i.firstDecreeNumber ?? '',
      receivedAt: i.firstReceivedAt!,
      deadline,
      daysLate: daysBetween(deadline, i.firstReceivedAt!),
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.code.localeCompare(b.code));

  const detail = opts.province === undefined ? null : all
    .filter(inScope)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      registered: i.registered,
      decreeNumber: i.decreeNumber,
      hasAdmin: i.registered && i.hasAdmin,
      units: i.units,
      unitsWithLiaison: i.unitsWithLiaison,
      liaisonsComplete: liaisonsComplete(i),
      late: deadline === undefined ? null : isLate(i, deadline),
    }));
  return { provinces, totals, late, detail };
}
