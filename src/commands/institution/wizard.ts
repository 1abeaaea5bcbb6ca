/**
 * The onboarding wizard: `lapor institution register` on a terminal, without --decree. It asks for
 * the same data a decree file holds (institution picked by searching the region and K/L list,
 * admins, units and liaisons in loops), checks each answer as it is given, shows a summary, and
 * returns the decree and the file name to save it under. Saving and registering are the caller's.
 * Every question, check and note is a catalogue label in the run's language (issue 12); what it
 * writes into the decree (the signer's title, a default position) is the SK's Indonesian.
 */
import path from 'node:path';
import type { Prompter, Choice } from '../../cli/prompts.js';
import { UsageError } from '../../errors.js';
import {
  INSTITUTION_KINDS, isValidUnitCode, normalizeUnitCode, PEMDA_KINDS,
  type Decree, type DecreePerson, type DecreeRole, type InstitutionKind,
} from '../../domain/decree.js';
import { nipRefusal, parseNip } from '../../domain/nip.js';
import { isValidEmail, normalizeEmail, normalizePhone } from '../../domain/phone.js';
import { isValidDate } from '../../domain/time.js';
import { fmt, INSTITUTION_KIND, L, label, t, type Lang, type Pair } from '../../i18n/index.js';

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
  /** The language of the questions, checks and notes (default: Bahasa Indonesia). */
  lang?: Lang;
}

export interface WizardResult {
  decree: Decree;
  yamlPath: string;
  rosterFileName: string;
}

const NEW_KL = '__new__';

/** The decree's roles as the wizard names them: the SK's word, and in English the role with it. */
export const WIZARD_ROLE: Record<DecreeRole, Pair> = {
  patron: L.wizard_role_patron, supervisor: L.wizard_role_supervisor, admin: L.wizard_role_admin, liaison: L.wizard_role_liaison,
};

export function validDate(today: string, notBefore?: { date: string; label: string }, lang: Lang = 'id') {
  return (v: string): true | string => {
    const s = v.trim();
    if (!isValidDate(s)) return t(L.wizard_date_format, lang);
    if (s > today) return fmt(L.wizard_date_future, lang, { date: s, today });
    if (notBefore && s < notBefore.date) return fmt(L.wizard_date_before, lang, { label: notBefore.label, date: notBefore.date });
    return true;
  };
}

export function validNip(used: ReadonlySet<string>, today: string, required: boolean, lang: Lang = 'id') {
  return (v: string): true | string => {
    if (v.trim() === '') return required ? t(L.wizard_nip_required, lang) : true;
    const r = parseNip(v, today);
    if (!r.ok) return nipRefusal(r.code, r.values, lang);
    if (used.has(r.nip)) return fmt(L.wizard_nip_taken, lang, { nip: r.nip });
    return true;
  };
}

export function validEmail(required: boolean, lang: Lang = 'id') {
  return (v: string): true | string => {
    if (v.trim() === '') return required ? t(L.wizard_email_required, lang) : true;
    return isValidEmail(v) ? true : fmt(L.wizard_email_invalid, lang, { value: v.trim() });
  };
}

export function validPhone(lang: Lang = 'id') {
  return (v: string): true | string => {
    if (v.trim() === '') return true;
    return normalizePhone(v) ? true : fmt(L.wizard_phone_invalid, lang, { value: v.trim() });
  };
}

const nonEmpty = (what: Pair, lang: Lang) => (v: string): true | string => (v.trim() === '' ? fmt(L.wizard_required, lang, { what: what[lang] }) : true);

function signerFor(inst: { name: string; kind: InstitutionKind }): string {
  if (inst.kind === 'kota') return `Wali ${inst.name}`;
  if (inst.kind === 'kabupaten') return inst.name.replace(/^Kabupaten /, 'Bupati ');
  if (inst.kind === 'provinsi') return `Gubernur ${inst.name}`;
  return '';
}

function searchInstitutions(all: WizardInstitution[], term: string | undefined, lang: Lang): Choice<string>[] {
  const q = (term ?? '').trim().toLowerCase();
  const hits = q === ''
    ? all.filter((i) => i.kind === 'provinsi' || !PEMDA_KINDS.includes(i.kind))
    : all.filter((i) => i.code.toLowerCase().startsWith(q) || i.name.toLowerCase().includes(q));
  const choices: Choice<string>[] = hits.slice(0, 30).map((i) => ({
    name: `${i.code}  ${i.name} (${label(INSTITUTION_KIND, i.kind, lang)})${i.status === 'active' ? t(L.wizard_already_registered, lang) : ''}`,
    value: i.code,
  }));
  choices.push({ name: t(L.wizard_other_kl, lang), value: NEW_KL });
  return choices;
}

export async function runDecreeWizard(p: Prompter, deps: WizardDeps): Promise<WizardResult> {
  const { today } = deps;
  const lang = deps.lang ?? 'id';
  const say = (text: Pair) => t(text, lang);
  deps.print(say(L.wizard_intro));

  // 1. The institution.
  const picked = await p.search<string>({
    message: say(L.wizard_institution),
    source: (term) => searchInstitutions(deps.institutions, term, lang),
  });
  let institution: Decree['institution'];
  if (picked === NEW_KL) {
    const known = new Set(deps.institutions.map((i) => i.code));
    const code = (await p.input({
      message: say(L.wizard_kl_code),
      validate: (v) => {
        const c = v.trim().toUpperCase();
        if (!/^[A-Z][A-Z0-9 ./&-]{1,39}$/.test(c)) return say(L.wizard_kl_code_invalid);
        if (known.has(c)) return fmt(L.wizard_kl_code_known, lang, { code: c });
        return true;
      },
    })).trim().toUpperCase();
    const name = (await p.input({ message: say(L.wizard_kl_name), validate: nonEmpty(L.wizard_what_name, lang) })).trim();
    const kind = await p.select<InstitutionKind>({
      message: say(L.wizard_kl_kind),
      choices: INSTITUTION_KINDS.filter((k) => !PEMDA_KINDS.includes(k)).map((k) => ({ name: label(INSTITUTION_KIND, k, lang), value: k })),
    });
    institution = { code, name, kind, regionCode: null };
  } else {
    const inst = deps.institutions.find((i) => i.code === picked)!;
    institution = { code: inst.code, name: inst.name, kind: inst.kind, regionCode: PEMDA_KINDS.includes(inst.kind) ? inst.code : null };
    if (inst.status === 'active') deps.print(fmt(L.wizard_supersedes, lang, { code: inst.code }));
  }

  // 2. The decree itself.
  const number = (await p.input({ message: say(L.wizard_number), validate: nonEmpty(L.wizard_what_number, lang) })).trim();
  const date = (await p.input({ message: say(L.wizard_date), validate: validDate(today, undefined, lang) })).trim();
  const signedBy = (await p.input({
    message: say(L.wizard_signed_by), default: signerFor(institution) || undefined, validate: nonEmpty(L.wizard_what_signed_by, lang),
  })).trim();
  const receivedAt = (await p.input({
    message: say(L.wizard_received),
    default: today,
    validate: validDate(today, { date, label: say(L.wizard_the_decree_date) }, lang),
  })).trim();

  // 3. People.
  const used = new Set<string>();
  const people: DecreePerson[] = [];
  const askPerson = async (role: DecreeRole, opts: { unitCode?: string; defaultPosition?: string }): Promise<DecreePerson> => {
    const who = { role: WIZARD_ROLE[role][lang] };
    const account = role === 'admin' || role === 'liaison';
    const name = (await p.input({ message: fmt(L.wizard_person_name, lang, who), validate: nonEmpty(L.wizard_what_name, lang) })).trim();
    const nipText = await p.input({
      message: fmt(account ? L.wizard_person_nip : L.wizard_person_nip_optional, lang, who),
      validate: validNip(used, today, account, lang),
    });
    const nipRes = nipText.trim() ? parseNip(nipText, today) : undefined;
    const nip = nipRes?.ok ? nipRes.nip : null;
    if (nip) used.add(nip);
    const position = (await p.input({
      message: fmt(L.wizard_person_position, lang, who),
      default: opts.defaultPosition,
      validate: account ? () => true : nonEmpty(L.wizard_what_position, lang),
    })).trim();
    const email = (await p.input({
      message: fmt(account ? L.wizard_person_email : L.wizard_person_email_optional, lang, who), validate: validEmail(account, lang),
    })).trim();
    const phone = (await p.input({ message: fmt(L.wizard_person_phone, lang, who), validate: validPhone(lang) })).trim();
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
  } while (await p.confirm({ message: say(L.wizard_another_admin), default: false }));

  // 4. Units and their liaisons.
  const units: Decree['units'] = [];
  do {
    const code = normalizeUnitCode(await p.input({
      message: say(L.wizard_unit_code),
      validate: (v) => {
        const c = normalizeUnitCode(v);
        if (!c) return say(L.wizard_unit_code_missing);
        if (!isValidUnitCode(c)) return say(L.wizard_unit_code_invalid);
        if (units.some((u) => u.code === c)) return fmt(L.wizard_unit_code_taken, lang, { code: c });
        return true;
      },
    }));
    const name = (await p.input({ message: fmt(L.wizard_unit_name, lang, { code }), validate: nonEmpty(L.wizard_what_unit_name, lang) })).trim();
    units.push({ code, name, parentCode: null });
    do {
      people.push(await askPerson('liaison', { unitCode: code }));
    } while (await p.confirm({ message: fmt(L.wizard_another_liaison, lang, { code }), default: false }));
  } while (await p.confirm({ message: say(L.wizard_another_unit), default: true }));

  const decree: Decree = { number, date, signedBy, receivedAt, effectiveFrom: date, institution, units, people };
  deps.print(summary(decree, lang));
  if (!(await p.confirm({ message: say(L.wizard_save_and_register), default: true }))) {
    throw new UsageError('cancelled; nothing was written');
  }

  const suggested = `sk-${institution.code.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${date}.yaml`;
  const yamlAnswer = (await p.input({
    message: say(L.wizard_save_as),
    default: suggested,
    validate: (v) => {
      const f = v.trim();
      if (!/\.ya?ml$/i.test(f)) return say(L.wizard_file_not_yaml);
      const abs = path.resolve(deps.cwd, f);
      if (!deps.dirExists(path.dirname(abs))) return fmt(L.wizard_folder_missing, lang, { dir: path.dirname(abs) });
      if (deps.fileExists(abs) || deps.fileExists(rosterPathFor(abs))) return fmt(L.wizard_file_exists, lang, { file: f });
      return true;
    },
  })).trim();
  const yamlPath = path.resolve(deps.cwd, yamlAnswer);
  return { decree, yamlPath, rosterFileName: path.basename(rosterPathFor(yamlPath)) };
}

export function rosterPathFor(yamlPath: string): string {
  return yamlPath.replace(/\.ya?ml$/i, '') + '-lampiran.csv';
}

/** What the wizard is about to save, in the run's language. */
export function summary(d: Decree, lang: Lang = 'id'): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(fmt(L.wizard_summary, lang, { number: d.number, date: d.date, received: d.receivedAt ?? '—', signed_by: d.signedBy }));
  lines.push(fmt(L.wizard_summary_institution, lang, { code: d.institution.code, name: d.institution.name, kind: label(INSTITUTION_KIND, d.institution.kind, lang) }));
  const who = (x: DecreePerson) => `${x.name}${x.nip ? `, NIP ${x.nip}` : ''}${x.position ? `, ${x.position}` : ''}${x.email ? `, ${x.email}` : ''}${x.phone ? `, ${x.phone}` : ''}`;
  for (const role of ['patron', 'supervisor', 'admin'] as const) {
    for (const x of d.people.filter((q) => q.role === role)) lines.push(`  ${WIZARD_ROLE[role][lang]}: ${who(x)}`);
  }
  lines.push(fmt(L.wizard_summary_units, lang, { n: d.units.length }));
  for (const u of d.units) {
    lines.push(`  ${u.code} ${u.name}`);
    for (const x of d.people.filter((q) => q.role === 'liaison' && q.unitCode === u.code)) lines.push(`    ${WIZARD_ROLE.liaison[lang]}: ${who(x)}`);
  }
  lines.push('');
  return lines.join('\n');
}
