/**
 * The onboarding wizard: `lapor institution register` on a terminal, without --decree. It asks for
 * the same data a decree file holds (institution picked by searching the region and K/L list,
 * admins, units and liaisons in loops), checks each answer as it is given, shows a summary, and
 * returns the decree and the file name to save it under. Saving and registering are the caller's.
 */
import path from 'node:path';
import type { Prompter, Choice } from '../../cli/prompts.js';
import { UsageError } from '../../errors.js';
import {
  INSTITUTION_KINDS, isValidUnitCode, normalizeUnitCode, PEMDA_KINDS, ROLE_LABELS,
  type Decree, type DecreePerson, type DecreeRole, type InstitutionKind,
} from '../../domain/decree.js';
import { parseNip } from '../../domain/nip.js';
import { isValidEmail, normalizeEmail, normalizePhone } from '../../domain/phone.js';
import { isValidDate } from '../../domain/time.js';

export interface WizardInstitution {
  code: string;
  name: string;
  kind: InstitutionKind;
  status: string;
}

export interface WizardDeps {
  institutions: WizardInstitution[];
  /** Local date: SK and receipt dates may not be after it. */
  today: string;
  /** Where the decree file is saved (relative names are taken from here). */
  cwd: string;
  fileExists(p: string): boolean;
  dirExists(p: string): boolean;
  /** The summary and notes (stderr). */
  print(text: string): void;
}

export interface WizardResult {
  decree: Decree;
  yamlPath: string;
  rosterFileName: string;
}

const NEW_KL = '__new__';

export function validDate(today: string, notBefore?: { date: string; label: string }) {
  return (v: string): true | string => {
    const s = v.trim();
    if (!isValidDate(s)) return 'tulis tanggal sebagai YYYY-MM-DD, misalnya 2025-02-03';
    if (s > today) return `tanggal ${s} ada di masa depan (hari ini ${today})`;
    if (notBefore && s < notBefore.date) return `tidak boleh sebelum ${notBefore.label} (${notBefore.date})`;
    return true;
  };
}

export function validNip(used: ReadonlySet<string>, today: string, required: boolean) {
  return (v: string): true | string => {
    if (v.trim() === '') return required ? 'NIP wajib diisi (18 digit)' : true;
    const r = parseNip(v, today);
    if (!r.ok) return `${r.problem} — ${r.hint}`;
    if (used.has(r.nip)) return `NIP ${r.nip} sudah dipakai orang lain di SK ini`;
    return true;
  };
}

export function validEmail(required: boolean) {
  return (v: string): true | string => {
    if (v.trim() === '') return required ? 'e-mail wajib diisi (untuk akun LAPOR!)' : true;
    return isValidEmail(v) ? true : `'${v.trim()}' bukan alamat e-mail (contoh: nama@bandung.go.id)`;
  };
}

export function validPhone(v: string): true | string {
  if (v.trim() === '') return true;
  return normalizePhone(v) ? true : `'${v.trim()}' bukan nomor telepon Indonesia (tulis 08…, +62… atau 62…)`;
}

const nonEmpty = (what: string) => (v: string): true | string => (v.trim() === '' ? `${what} wajib diisi` : true);

function signerFor(inst: { name: string; kind: InstitutionKind }): string {
  if (inst.kind === 'kota') return `Wali ${inst.name}`;
  if (inst.kind === 'kabupaten') return inst.name.replace(/^Kabupaten /, 'Bupati ');
  if (inst.kind === 'provinsi') return `Gubernur ${inst.name}`;
  return '';
}

function searchInstitutions(all: WizardInstitution[], term: string | undefined): Choice<string>[] {
  const t = (term ?? '').trim().toLowerCase();
  const hits = t === ''
    ? all.filter((i) => i.kind === 'provinsi' || !PEMDA_KINDS.includes(i.kind))
    : all.filter((i) => i.code.toLowerCase().startsWith(t) || i.name.toLowerCase().includes(t));
  const choices: Choice<string>[] = hits.slice(0, 30).map((i) => ({
    name: `${i.code}  ${i.name} (${i.kind})${i.status === 'active' ? ' — sudah terdaftar' : ''}`,
    value: i.code,
  }));
  choices.push({ name: '(K/L lain, belum ada di daftar)', value: NEW_KL });
  return choices;
}

export async function runDecreeWizard(p: Prompter, deps: WizardDeps): Promise<WizardResult> {
  const { today } = deps;
  deps.print('Pendaftaran SK Tim Pengelola Pengaduan. Jawab setiap pertanyaan; Ctrl-C membatalkan tanpa menyimpan apa pun.');

  // 1. The institution.
  const picked = await p.search<string>({
    message: 'Instansi (ketik kode wilayah, singkatan K/L atau nama):',
    source: (term) => searchInstitutions(deps.institutions, term),
  });
  let institution: Decree['institution'];
  if (picked === NEW_KL) {
    const known = new Set(deps.institutions.map((i) => i.code));
    const code = (await p.input({
      message: 'Singkatan K/L (mis. KEMENPANRB):',
      validate: (v) => {
        const c = v.trim().toUpperCase();
        if (!/^[A-Z][A-Z0-9 ./&-]{1,39}$/.test(c)) return 'singkatan: 2–40 huruf/angka, diawali huruf';
        if (known.has(c)) return `${c} sudah ada di daftar: pilih dari pencarian`;
        return true;
      },
    })).trim().toUpperCase();
    const name = (await p.input({ message: 'Nama resmi instansi:', validate: nonEmpty('nama') })).trim();
    const kind = await p.select<InstitutionKind>({
      message: 'Jenis instansi:',
      choices: INSTITUTION_KINDS.filter((k) => !PEMDA_KINDS.includes(k)).map((k) => ({ name: k, value: k })),
    });
    institution = { code, name, kind, regionCode: null };
  } else {
    const inst = deps.institutions.find((i) => i.code === picked)!;
    institution = { code: inst.code, name: inst.name, kind: inst.kind, regionCode: PEMDA_KINDS.includes(inst.kind) ? inst.code : null };
    if (inst.status === 'active') deps.print(`${inst.code} sudah punya SK terdaftar: SK ini akan menggantikannya bila tanggalnya lebih baru.`);
  }

  // 2. The decree itself.
  const number = (await p.input({ message: 'Nomor SK:', validate: nonEmpty('nomor SK') })).trim();
  const date = (await p.input({ message: 'Tanggal SK (YYYY-MM-DD):', validate: validDate(today) })).trim();
  const signedBy = (await p.input({ message: 'Ditandatangani oleh:', default: signerFor(institution) || undefined, validate: nonEmpty('penanda tangan') })).trim();
  const receivedAt = (await p.input({
    message: 'Tanggal SK diterima KemenPANRB (YYYY-MM-DD):',
    default: today,
    validate: validDate(today, { date, label: 'tanggal SK' }),
  })).trim();

  // 3. People.
  const used = new Set<string>();
  const people: DecreePerson[] = [];
  const askPerson = async (role: DecreeRole, opts: { unitCode?: string; defaultPosition?: string }): Promise<DecreePerson> => {
    const label = ROLE_LABELS[role].id;
    const account = role === 'admin' || role === 'liaison';
    const name = (await p.input({ message: `${label} — nama lengkap:`, validate: nonEmpty('nama') })).trim();
    const nipText = await p.input({
      message: `${label} — NIP (18 digit${account ? '' : ', kosongkan bila tidak ada'}):`,
      validate: validNip(used, today, account),
    });
    const nipRes = nipText.trim() ? parseNip(nipText, today) : undefined;
    const nip = nipRes?.ok ? nipRes.nip : null;
    if (nip) used.add(nip);
    const position = (await p.input({
      message: `${label} — jabatan:`,
      default: opts.defaultPosition,
      validate: account ? () => true : nonEmpty('jabatan'),
    })).trim();
    const email = (await p.input({ message: `${label} — e-mail${account ? '' : ' (boleh kosong)'}:`, validate: validEmail(account) })).trim();
    const phone = (await p.input({ message: `${label} — telepon (boleh kosong):`, validate: validPhone })).trim();
    return {
      role,
      name,
      nip,
      position: position || null,
      email: email ? normalizeEmail(email) : null,
      phone: phone ? normalizePhone(phone) ?? null : null,
      unitCode: opts.unitCode ?? null,
      source: 'wizard',
    };
  };

  people.push(await askPerson('patron', { defaultPosition: signedBy }));
  people.push(await askPerson('supervisor', { defaultPosition: PEMDA_KINDS.includes(institution.kind) ? 'Sekretaris Daerah' : undefined }));
  do {
    people.push(await askPerson('admin', {}));
  } while (await p.confirm({ message: 'Tambah Admin Instansi lain?', default: false }));

  // 4. Units and their liaisons.
  const units: Decree['units'] = [];
  do {
    const code = normalizeUnitCode(await p.input({
      message: 'Kode unit kerja (mis. DISKOMINFO):',
      validate: (v) => {
        const c = normalizeUnitCode(v);
        if (!c) return 'kode unit wajib diisi';
        if (!isValidUnitCode(c)) return 'kode unit: huruf, angka, . _ atau -, paling panjang 40';
        if (units.some((u) => u.code === c)) return `unit ${c} sudah ditambahkan`;
        return true;
      },
    }));
    const name = (await p.input({ message: `Nama unit ${code}:`, validate: nonEmpty('nama unit') })).trim();
    units.push({ code, name, parentCode: null });
    do {
      people.push(await askPerson('liaison', { unitCode: code }));
    } while (await p.confirm({ message: `Tambah Pejabat Penghubung lain untuk ${code}?`, default: false }));
  } while (await p.confirm({ message: 'Tambah unit kerja lain?', default: true }));

  const decree: Decree = { number, date, signedBy, receivedAt, effectiveFrom: date, institution, units, people };
  deps.print(summary(decree));
  if (!(await p.confirm({ message: 'Simpan SK ini ke berkas dan daftarkan?', default: true }))) {
    throw new UsageError('cancelled; nothing was written');
  }

  const suggested = `sk-${institution.code.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${date}.yaml`;
  const yamlAnswer = (await p.input({
    message: 'Simpan sebagai (berkas .yaml):',
    default: suggested,
    validate: (v) => {
      const f = v.trim();
      if (!/\.ya?ml$/i.test(f)) return 'nama berkas harus berakhiran .yaml';
      const abs = path.resolve(deps.cwd, f);
      if (!deps.dirExists(path.dirname(abs))) return `folder ${path.dirname(abs)} tidak ada`;
      if (deps.fileExists(abs) || deps.fileExists(rosterPathFor(abs))) return `${f} (atau lampirannya) sudah ada: pilih nama lain`;
      return true;
    },
  })).trim();
  const yamlPath = path.resolve(deps.cwd, yamlAnswer);
  return { decree, yamlPath, rosterFileName: path.basename(rosterPathFor(yamlPath)) };
}

export function rosterPathFor(yamlPath: string): string {
  return yamlPath.replace(/\.ya?ml$/i, '') + '-lampiran.csv';
}

export function summary(d: Decree): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(`Ringkasan SK ${d.number} tanggal ${d.date} (diterima ${d.receivedAt ?? '—'}), ditandatangani ${d.signedBy}`);
  lines.push(`Instansi: ${d.institution.code} ${d.institution.name} (${d.institution.kind})`);
  const who = (x: DecreePerson) => `${x.name}${x.nip ? `, NIP ${x.nip}` : ''}${x.position ? `, ${x.position}` : ''}${x.email ? `, ${x.email}` : ''}${x.phone ? `, ${x.phone}` : ''}`;
  for (const role of ['patron', 'supervisor', 'admin'] as const) {
    for (const x of d.people.filter((q) => q.role === role)) lines.push(`  ${ROLE_LABELS[role].id}: ${who(x)}`);
  }
  lines.push(`Unit kerja (${d.units.length}):`);
  for (const u of d.units) {
    lines.push(`  ${u.code} ${u.name}`);
    for (const x of d.people.filter((q) => q.role === 'liaison' && q.unitCode === u.code)) lines.push(`    ${ROLE_LABELS.liaison.id}: ${who(x)}`);
  }
  lines.push('');
  return lines.join('\n');
}
