/**
 * The SK Tim Pengelola Pengaduan as a file: a YAML header (number, date, signer, institution,
 * Pembina, Penanggungjawab, Admin Instansi) and its lampiran, the roster of units and their
 * Pejabat Penghubung, as a CSV beside it (or inline). Parsing and validation are pure: the caller
 * reads the files, passes the reference list of institutions and today's date, and gets back
 * either a normalised decree or every problem at once (file:line, field, how to fix).
 */
import { createHash } from 'node:crypto';
import { ROLE, type Pair as Label } from '../i18n/index.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseNip } from './nip.js';
import { isValidEmail, normalizeEmail, normalizePhone } from './phone.js';
import { isValidDate } from './time.js';

export type InstitutionKind = 'kementerian' | 'lembaga' | 'provinsi' | 'kabupaten' | 'kota' | 'bumn' | 'other';
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['kementerian', 'lembaga', 'provinsi', 'kabupaten', 'kota', 'bumn', 'other'];
export const PEMDA_KINDS: readonly InstitutionKind[] = ['provinsi', 'kabupaten', 'kota'];
export type DecreeRole = 'patron' | 'supervisor' | 'admin' | 'liaison';
export const DECREE_ROLES: readonly DecreeRole[] = ['patron', 'supervisor', 'admin', 'liaison'];

export const ROLE_LABELS: Record<DecreeRole | 'super_admin', Label> = ROLE;

export interface DecreePerson {
  role: DecreeRole;
  name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  /** Liaisons (and an admin seated in a unit): the unit's code. */
  unitCode: string | null;
  /** Where the person is written: `file:line`. */
  source: string;
}

export interface DecreeUnit {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface Decree {
  number: string;
  date: string;
  signedBy: string;
  receivedAt: string | null;
  effectiveFrom: string;
  institution: { code: string; name: string; kind: InstitutionKind; regionCode: string | null };
  units: DecreeUnit[];
  people: DecreePerson[];
}

export interface Problem {
  /** `file:line field` (or just `file` when the whole file is wrong). */
  where: string;
  message: string;
  hint: string;
}

export interface ReferenceEntry {
  code: string;
  name: string;
  kind: InstitutionKind;
}

export interface DecreeInput {
  yamlFile: string;
  yamlText: string;
  /** The roster CSV named by `roster:`, when the YAML names one and it could be read. */
  rosterFile?: string;
  rosterText?: string;
}

export type DecreeResult = { ok: true; decree: Decree; hash: string } | { ok: false; problems: Problem[] };

export function formatProblem(p: Problem): string {
  return `${p.where}: ${p.message} — ${p.hint}`;
}

const TOP_KEYS = ['number', 'date', 'signed_by', 'received_at', 'effective_from', 'institution', 'patron', 'supervisor', 'admins', 'units', 'roster'];
const INSTITUTION_KEYS = ['code', 'name', 'kind', 'region_code'];
const PERSON_KEYS = ['name', 'nip', 'position', 'email', 'phone', 'unit_code'];
const UNIT_KEYS = ['code', 'name', 'parent'];

/** Roster columns, with the Indonesian headers a lampiran may carry. */
const COLUMN_ALIASES: Record<string, string> = {
  unit_code: 'unit_code', kode_unit: 'unit_code', unit: 'unit_code',
  unit_name: 'unit_name', nama_unit: 'unit_name', unit_kerja: 'unit_name',
  role: 'role', peran: 'role', kedudukan: 'role', jabatan_tim: 'role',
  name: 'name', nama: 'name',
  nip: 'nip',
  position: 'position', jabatan: 'position',
  email: 'email', surel: 'email', 'e-mail': 'email',
  phone: 'phone', telepon: 'phone', hp: 'phone', no_hp: 'phone', telp: 'phone',
};
const ROSTER_COLUMNS = ['unit_code', 'unit_name', 'role', 'name', 'nip', 'position', 'email', 'phone'];

const ROLE_ALIASES: Record<string, DecreeRole> = {
  liaison: 'liaison', 'pejabat penghubung': 'liaison', pejabat_penghubung: 'liaison', penghubung: 'liaison', pp: 'liaison',
  admin: 'admin', 'admin instansi': 'admin', admin_instansi: 'admin',
  supervisor: 'supervisor', penanggungjawab: 'supervisor', 'penanggung jawab': 'supervisor',
  patron: 'patron', pembina: 'patron',
};

export function parseRole(text: string): DecreeRole | undefined {
  return ROLE_ALIASES[text.trim().toLowerCase().replace(/\s+/g, ' ')];
}

const UNIT_CODE_RE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
export function normalizeUnitCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, '-');
}
export function isValidUnitCode(code: string): boolean {
  return UNIT_CODE_RE.test(code);
}

/** Region codes: `32` (provinsi), `32.04` (kabupaten 01–69), `32.73` (kota 71–99). */
export function regionKindOfCode(code: string): 'provinsi' | 'kabupaten' | 'kota' | undefined {
  if (/^\d{2}$/.test(code)) return 'provinsi';
  const m = /^\d{2}\.(\d{2})$/.exec(code);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n >= 1 && n <= 69) return 'kabupaten';
  if (n >= 71 && n <= 99) return 'kota';
  return undefined;
}

/** Titles and honorifics that are not part of a name (`Dr. H. Budi Santoso, S.Kom., M.Si.`). */
export function personKey(p: Pick<DecreePerson, 'nip' | 'name'>): string {
  if (p.nip) return `nip:${p.nip}`;
  return `name:${bareName(p.name).toLowerCase()}`;
}

const PREFIX_TITLES = new Set(['dr', 'drs', 'dra', 'ir', 'h', 'hj', 'prof', 'kh', 'rr', 'raden', 'r', 'st', 'drg', 'apt', 'ns']);
export function bareName(name: string): string {
  const beforeComma = name.split(',')[0];
  const words = beforeComma.trim().split(/\s+/).filter(Boolean);
  while (words.length > 1 && PREFIX_TITLES.has(words[0].replace(/\.$/, '').toLowerCase())) words.shift();
  return words.join(' ');
}

/** The normalised decree's hash: the same decree written differently (spacing, phone style) hashes the same. */
export function decreeHash(decree: Decree): string {
  const canonical = {
    ...decree,
    units: [...decree.units].sort((a, b) => a.code.localeCompare(b.code)),
    people: decree.people
      .map(({ source: _s, ...p }) => p)
      .sort((a, b) => `${a.role}|${a.unitCode}|${a.nip}|${a.name}`.localeCompare(`${b.role}|${b.unitCode}|${b.nip}|${b.name}`)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The `roster:` value when it names a CSV file (so the caller can read it before validating). */
export function rosterFileOf(yamlText: string): string | undefined {
  const doc = parseDocument(yamlText, { schema: 'failsafe' });
  if (!isMap(doc.contents)) return undefined;
  const v: unknown = doc.contents.get('roster', true);
  if (!isScalar(v)) return undefined;
  const text = String(v.value ?? '').trim();
  return text === '' ? undefined : text;
}

interface RawPerson {
  /** null: the row's role could not be read (already reported); the row still declares its unit. */
  role: DecreeRole | null;
  fields: Record<string, { value: string; where: string }>;
  where: string;
  source: string;
}

/**
 * Validates a decree. `reference` holds every known institution (regions and K/L) by code;
 * `today` is the local date that "not in the future" is measured against.
 */
export function validateDecree(input: DecreeInput, reference: ReadonlyMap<string, ReferenceEntry>, today: string): DecreeResult {
  const problems: Problem[] = [];
  const file = input.yamlFile;
  const lc = new LineCounter();
  const doc = parseDocument(input.yamlText, { schema: 'failsafe', lineCounter: lc, uniqueKeys: true, prettyErrors: true });
  const lineOf = (node: Node | Pair | null | undefined): number | undefined => {
    const range = (node as Node | null | undefined)?.range ?? ((node as Pair | undefined)?.key as Node | undefined)?.range;
    return range ? lc.linePos(range[0]).line : undefined;
  };
  const at = (node: Node | null | undefined, field: string) => {
    const line = lineOf(node);
    return `${file}${line ? `:${line}` : ''} ${field}`.trimEnd();
  };
  const add = (where: string, message: string, hint: string) => problems.push({ where, message, hint });
  // PostgreSQL cannot store a NUL byte in text: name where it is, and read no further.
  for (const [name, text] of [[file, input.yamlText], [input.rosterFile ?? 'roster', input.rosterText]] as const) {
    const i = text?.indexOf('\0') ?? -1;
    if (text !== undefined && i >= 0) {
      const line = text.slice(0, i).split('\n').length;
      const lineStart = text.lastIndexOf('\n', i) + 1;
      const before = text.slice(lineStart, i);
      const column = name === file ? '' : ` ${columnOfNul(text, lineStart, before)}`;
      add(`${name}:${line}${column}`, 'contains a NUL byte (\\0)', 'remove it: a name or value cannot hold a NUL byte');
      return { ok: false, problems };
    }
  }

  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line;
    add(`${file}${line ? `:${line}` : ''}`, `YAML syntax: ${e.message.split('\n')[0]}`, 'fix the YAML syntax (indentation, a missing colon or quote)');
  }
  if (doc.errors.length > 0) return { ok: false, problems };
  const top = doc.contents;
  if (!isMap(top)) {
    add(file, 'the decree must be a YAML mapping (number:, date:, institution:, …)', 'start from fixtures/decrees/kota-bandung-2025.yaml');
    return { ok: false, problems };
  }

  const unknownKeys = (map: YAMLMap, allowed: string[], prefix: string) => {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        add(at(pair.key as Node, `${prefix}${key}`), `unknown field '${key}'`, `allowed here: ${allowed.join(', ')}`);
      }
    }
  };
  /** A scalar field as text ('' when absent); a problem if it is a list or mapping. */
  const scalar = (map: YAMLMap, key: string, path: string): { value: string; node: Node | null } => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined || node === null) return { value: '', node: null };
    if (!isScalar(node)) {
      add(at(node, path), 'expected a single value, found a list or mapping', `write ${key}: <value>`);
      return { value: '', node };
    }
    return { value: node.value === null || node.value === undefined ? '' : String(node.value).trim(), node };
  };
  const required = (map: YAMLMap, key: string, path: string, hint: string): { value: string; node: Node | null } => {
    const r = scalar(map, key, path);
    if (r.value === '') add(at(r.node ?? map, path), `${path} is missing`, hint);
    return r;
  };

  unknownKeys(top, TOP_KEYS, '');
  const number = required(top, 'number', 'number', 'give the SK number as written on the decree, e.g. number: 800/Kep.117-Diskominfo/2025');
  const signedBy = required(top, 'signed_by', 'signed_by', 'give who signed the SK, e.g. signed_by: Wali Kota Bandung');

  const dateField = (key: string, path: string, needed: boolean): string | null => {
    const r = needed ? required(top, key, path, `give ${key}: YYYY-MM-DD`) : scalar(top, key, path);
    if (r.value === '') return null;
    if (!isValidDate(r.value)) {
      add(at(r.node, path), `'${r.value}' is not a date`, 'write the date as YYYY-MM-DD, e.g. 2025-02-03');
      return null;
    }
    if (r.value > today) {
      add(at(r.node, path), `${path} ${r.value} is in the future (today is ${today})`, 'check the year and month on the SK');
      return null;
    }
    return r.value;
  };
  const date = dateField('date', 'date', true);
  const receivedAt = dateField('received_at', 'received_at', false);
  if (date && receivedAt && receivedAt < date) {
    add(at(top.get('received_at', true) as Node, 'received_at'), `received_at ${receivedAt} is before the SK date ${date}`, 'received_at is the day KemenPANRB received the SK; it cannot precede its date');
  }
  let effectiveFrom = date;
  {
    const r = scalar(top, 'effective_from', 'effective_from');
    if (r.value !== '') {
      if (!isValidDate(r.value)) add(at(r.node, 'effective_from'), `'${r.value}' is not a date`, 'write the date as YYYY-MM-DD, or leave effective_from out (it defaults to date)');
      else effectiveFrom = r.value;
    }
  }

  // Institution.
  let institution: Decree['institution'] | null = null;
  const instNode = top.get('institution', true) as Node | undefined;
  if (!instNode) {
    add(at(top, 'institution'), 'institution is missing', 'add institution: {code: "32.73", kind: kota} (a Pemda by kode wilayah, a K/L by abbreviation)');
  } else if (!isMap(instNode)) {
    add(at(instNode, 'institution'), 'institution must be a mapping with code and kind', 'write institution:\\n  code: "32.73"\\n  kind: kota');
  } else {
    unknownKeys(instNode, INSTITUTION_KEYS, 'institution.');
    const codeR = required(instNode, 'code', 'institution.code', 'a Pemda by kode wilayah ("32.73"), a K/L by abbreviation (KEMENPANRB)');
    const kindR = required(instNode, 'kind', 'institution.kind', `one of ${INSTITUTION_KINDS.join(', ')}`);
    const nameR = scalar(instNode, 'name', 'institution.name');
    const regionR = scalar(instNode, 'region_code', 'institution.region_code');
    const kind = kindR.value.toLowerCase() as InstitutionKind;
    if (kindR.value && !INSTITUTION_KINDS.includes(kind)) {
      add(at(kindR.node, 'institution.kind'), `unknown kind '${kindR.value}'`, `use one of ${INSTITUTION_KINDS.join(', ')}`);
    } else if (codeR.value && kindR.value) {
      if (PEMDA_KINDS.includes(kind)) {
        const code = codeR.value;
        const ref = reference.get(code);
        const shape = regionKindOfCode(code);
        if (!shape) {
          add(at(codeR.node, 'institution.code'), `'${code}' is not a kode wilayah`, 'a provinsi is 2 digits (32), a kabupaten NN.01–NN.69 (32.04), a kota NN.71–NN.99 (32.73); quote it: code: "32.73"');
        } else if (!ref || !PEMDA_KINDS.includes(ref.kind)) {
          add(at(codeR.node, 'institution.code'), `region ${code} is not in the region list`, `check the kode wilayah (\`lapor institution list --province ${code.slice(0, 2)}\` lists that province)`);
        } else if (shape !== kind || ref.kind !== kind) {
          add(at(kindR.node, 'institution.kind'), `${code} (${ref.name}) is a ${ref.kind}, not a ${kind}`, `write kind: ${ref.kind}, or correct the code (kabupaten 01–69, kota 71–99)`);
        } else {
          if (regionR.value && regionR.value !== code) {
            add(at(regionR.node, 'institution.region_code'), `region_code ${regionR.value} differs from code ${code}`, 'a Pemda is identified by its kode wilayah: leave region_code out');
          }
          institution = { code, name: ref.name, kind, regionCode: code };
        }
      } else {
        const code = codeR.value.toUpperCase();
        const ref = reference.get(code);
        if (regionR.value) {
          add(at(regionR.node, 'institution.region_code'), `a ${kind} has no region code`, 'remove institution.region_code (only provinsi, kabupaten and kota have one)');
        } else if (regionKindOfCode(code) || /^\d/.test(code)) {
          add(at(codeR.node, 'institution.code'), `'${codeR.value}' looks like a kode wilayah, but kind is ${kind}`, 'a K/L is identified by its abbreviation (KEMENPANRB); for a Pemda write kind: provinsi, kabupaten or kota');
        } else if (ref && ref.kind !== kind) {
          add(at(kindR.node, 'institution.kind'), `${code} (${ref.name}) is a ${ref.kind}, not a ${kind}`, `write kind: ${ref.kind}`);
        } else if (ref && PEMDA_KINDS.includes(ref.kind)) {
          add(at(codeR.node, 'institution.code'), `${code} is a region`, 'use kind provinsi, kabupaten or kota');
        } else if (!ref && nameR.value === '') {
          add(at(instNode, 'institution.name'), `${code} is not in the K/L list, so its name is needed`, 'add institution.name (the full official name), or correct the abbreviation (`lapor institution list --kind kementerian`)');
        } else if (!/^[A-Z][A-Z0-9 ./&-]{1,39}$/.test(code)) {
          add(at(codeR.node, 'institution.code'), `'${codeR.value}' is not a usable abbreviation`, 'use 2–40 letters, digits, space . / & -, starting with a letter');
        } else {
          institution = { code, name: ref?.name ?? nameR.value, kind, regionCode: null };
        }
      }
    }
  }

  // People in the YAML.
  const raw: RawPerson[] = [];
  const personFrom = (node: Node, role: DecreeRole, path: string) => {
    if (!isMap(node)) {
      add(at(node, path), `${path} must be a mapping (name:, nip:, position:, …)`, `write ${path.replace(/\[\d+\]$/, '')} as name/nip/position/email/phone fields`);
      return;
    }
    unknownKeys(node, PERSON_KEYS, `${path}.`);
    const fields: RawPerson['fields'] = {};
    for (const k of PERSON_KEYS) {
      const r = scalar(node, k, `${path}.${k}`);
      fields[k] = { value: r.value, where: at(r.node ?? node, `${path}.${k}`) };
    }
    const line = lineOf(node);
    raw.push({ role, fields, where: at(node, path), source: `${file}${line ? `:${line}` : ''}` });
  };
  for (const [key, role] of [['patron', 'patron'], ['supervisor', 'supervisor']] as const) {
    const node = top.get(key, true) as Node | undefined;
    if (node) personFrom(node, role, key);
  }
  const adminsNode = top.get('admins', true) as Node | undefined;
  if (adminsNode) {
    if (isSeq(adminsNode)) adminsNode.items.forEach((n, i) => personFrom(n as Node, 'admin', `admins[${i}]`));
    else if (isMap(adminsNode)) personFrom(adminsNode, 'admin', 'admins');
    else add(at(adminsNode, 'admins'), 'admins must be a list of people', 'write admins:\\n  - name: …\\n    nip: …');
  }

  // Units declared in the YAML.
  const units = new Map<string, { unit: DecreeUnit; where: string; rowsNamed: string[]; unreadable?: boolean }>();
  const unitsNode = top.get('units', true) as Node | undefined;
  const declareUnit = (codeText: string, name: string, parent: string, where: string) => {
    const code = normalizeUnitCode(codeText);
    if (!isValidUnitCode(code)) {
      add(where, `unit code '${codeText}' is not usable`, 'use up to 40 letters, digits, . _ or -, e.g. DISKOMINFO');
      return undefined;
    }
    const existing = units.get(code);
    if (existing) {
      if (name && existing.unit.name && name !== existing.unit.name) {
        add(where, `unit ${code} is named '${name}' here but '${existing.unit.name}' at ${existing.where}`, 'give each unit one name (or distinct codes for distinct units)');
      } else if (name && !existing.unit.name) existing.unit.name = name;
      if (parent && !existing.unit.parentCode) existing.unit.parentCode = normalizeUnitCode(parent);
      return existing;
    }
    const entry: { unit: DecreeUnit; where: string; rowsNamed: string[]; unreadable?: boolean } = { unit: { code, name, parentCode: parent ? normalizeUnitCode(parent) : null }, where, rowsNamed: [] };
    units.set(code, entry);
    return entry;
  };
  if (unitsNode) {
    if (!isSeq(unitsNode)) {
      add(at(unitsNode, 'units'), 'units must be a list', 'write units:\\n  - code: DISKOMINFO\\n    name: Dinas Komunikasi dan Informatika');
    } else {
      unitsNode.items.forEach((n, i) => {
        const path = `units[${i}]`;
        if (!isMap(n)) {
          add(at(n as Node, path), `${path} must be a mapping with code and name`, 'write - code: …\\n    name: …');
          return;
        }
        unknownKeys(n, UNIT_KEYS, `${path}.`);
        const code = required(n, 'code', `${path}.code`, 'give the unit code, e.g. DISKOMINFO');
        const name = required(n, 'name', `${path}.name`, 'give the unit name as in the lampiran');
        const parent = scalar(n, 'parent', `${path}.parent`);
        if (code.value) declareUnit(code.value, name.value, parent.value, at(n, path));
      });
    }
  }

  // The roster lampiran: a CSV beside the YAML, or a list inline.
  const rosterNode = top.get('roster', true) as Node | undefined;
  if (!rosterNode) {
    add(at(top, 'roster'), 'roster is missing', 'name the lampiran CSV (roster: lampiran.csv) or list its rows inline');
  } else if (isScalar(rosterNode)) {
    if (input.rosterText === undefined) {
      add(at(rosterNode, 'roster'), `cannot read the roster file '${String(rosterNode.value)}'`, 'put the lampiran CSV beside the YAML file, with the name given in roster:');
    } else {
      readRosterCsv(input.rosterFile ?? String(rosterNode.value), input.rosterText, raw, add);
    }
  } else if (isSeq(rosterNode)) {
    rosterNode.items.forEach((n, i) => {
      const path = `roster[${i}]`;
      if (!isMap(n)) {
        add(at(n as Node, path), `${path} must be a mapping`, `fields: ${ROSTER_COLUMNS.join(', ')}`);
        return;
      }
      unknownKeys(n, ROSTER_COLUMNS, `${path}.`);
      const fields: RawPerson['fields'] = {};
      for (const k of ROSTER_COLUMNS) {
        const r = scalar(n, k, `${path}.${k}`);
        fields[k] = { value: r.value, where: at(r.node ?? n, `${path}.${k}`) };
      }
      const roleText = fields.role.value;
      const role = parseRole(roleText) ?? null;
      if (!role) add(fields.role.where, roleText ? `unknown role '${roleText}'` : 'role is missing', 'use liaison (Pejabat Penghubung), admin, supervisor or patron');
      const line = lineOf(n);
      raw.push({ role, fields, where: at(n, path), source: `${file}${line ? `:${line}` : ''}` });
    });
  } else {
    add(at(rosterNode, 'roster'), 'roster must name a CSV file or list rows', 'write roster: lampiran.csv');
  }
  // Every person: fields, then the roster-wide rules.
  const people: DecreePerson[] = [];
  for (const r of raw) {
    const f = r.fields;
    const get = (k: string) => f[k]?.value ?? '';
    if (r.role === null) {
      if (get('unit_code')) {
        const entry = declareUnit(get('unit_code'), get('unit_name'), '', f.unit_code.where);
        if (entry) entry.unreadable = true;
      }
      continue;
    }
    const whereOf = (k: string) => f[k]?.where ?? r.where;
    const label = `${ROLE_LABELS[r.role].en}${get('name') ? ` ${get('name')}` : ''}`;
    let ok = true;
    const name = get('name');
    if (!name) {
      add(whereOf('name'), `the ${ROLE_LABELS[r.role].en}'s name is missing`, 'give the full name as written in the SK');
      ok = false;
    }
    let nip: string | null = null;
    if (get('nip')) {
      const res = parseNip(get('nip'), today);
      if (res.ok) nip = res.nip;
      else {
        add(whereOf('nip'), `${label}: ${res.problem}`, res.hint);
        ok = false;
      }
    } else if (r.role === 'admin' || r.role === 'liaison') {
      add(whereOf('nip'), `${label}: NIP is missing`, 'an admin or liaison gets an account, matched across decrees by NIP: give the 18-digit NIP');
      ok = false;
    }
    let email: string | null = null;
    if (get('email')) {
      if (isValidEmail(get('email'))) email = normalizeEmail(get('email'));
      else {
        add(whereOf('email'), `${label}: '${get('email')}' is not an e-mail address`, 'write it as name@domain.go.id (one @, no spaces)');
        ok = false;
      }
    } else if (r.role === 'admin' || r.role === 'liaison') {
      add(whereOf('email'), `${label}: e-mail is missing`, 'an admin or liaison needs an e-mail address for the LAPOR! account');
      ok = false;
    }
    let phone: string | null = null;
    if (get('phone')) {
      phone = normalizePhone(get('phone')) ?? null;
      if (!phone) {
        add(whereOf('phone'), `${label}: '${get('phone')}' is not an Indonesian phone number`, 'write it as 08…, +62… or 62…: a mobile has 9–12 digits after 62, a landline 8–11');
        ok = false;
      }
    }
    if ((r.role === 'patron' || r.role === 'supervisor') && !get('position')) {
      add(whereOf('position'), `${label}: position is missing`, 'give the position (jabatan), e.g. Wali Kota Bandung or Sekretaris Daerah');
      ok = false;
    }
    let unitCode: string | null = null;
    const unitText = get('unit_code');
    if (unitText) {
      const entry = declareUnit(unitText, get('unit_name'), '', whereOf('unit_code'));
      if (entry) {
        unitCode = entry.unit.code;
        if (r.role === 'liaison') entry.rowsNamed.push(r.source);
      } else ok = false;
    } else if (r.role === 'liaison') {
      add(whereOf('unit_code'), `${label}: a liaison needs a unit`, 'give unit_code (and unit_name on its first row)');
      ok = false;
    }
    if (ok) {
      people.push({ role: r.role, name, nip, position: get('position') || null, email, phone, unitCode, source: r.source });
    }
  }

  // Roster-wide rules.
  const roleCount = (role: DecreeRole) => raw.filter((r) => r.role === role).length;
  const unreadableRoles = raw.some((r) => r.role === null);
  if (roleCount('admin') === 0 && !unreadableRoles) {
    add(at(top, 'admins'), 'the decree names no Admin Instansi', 'add at least one person under admins: (or a roster row with role admin)');
  }
  if (roleCount('patron') === 0) add(at(top, 'patron'), 'the decree names no Pembina (patron)', 'add patron: with the head of the institution (name, position)');
  if (roleCount('patron') > 1) add(at(top, 'patron'), `the decree names ${roleCount('patron')} Pembina`, 'an SK has one Pembina: keep one');
  if (roleCount('supervisor') === 0) add(at(top, 'supervisor'), 'the decree names no Penanggungjawab (supervisor)', 'add supervisor: (e.g. the Sekretaris Daerah: name, nip, position)');
  if (units.size === 0) add(at(rosterNode ?? top, 'roster'), 'the roster names no unit', 'list each unit kerja with its Pejabat Penghubung');
  for (const [code, entry] of units) {
    if (!entry.unit.name) add(entry.where, `unit ${code} has no name`, 'give unit_name on the unit\'s first roster row (or under units:)');
    if (entry.rowsNamed.length === 0 && !entry.unreadable) {
      add(entry.where, `unit ${code}${entry.unit.name ? ` (${entry.unit.name})` : ''} has no Pejabat Penghubung`, 'add a roster row with role liaison for this unit, or remove the unit');
    }
    if (entry.unit.parentCode && !units.has(entry.unit.parentCode)) {
      add(entry.where, `unit ${code}: parent unit ${entry.unit.parentCode} is not in the decree`, 'declare the parent unit too, or remove parent');
    }
  }
  // The same person twice: by NIP; by name without titles when one of the two rows has no NIP.
  const byNip = new Map<string, RawPerson>();
  const byName = new Map<string, { r: RawPerson; nip: string | null }[]>();
  for (const r of raw) {
    if (r.role === null) continue;
    const nipRes = r.fields.nip?.value ? parseNip(r.fields.nip.value) : undefined;
    const nip = nipRes?.ok ? nipRes.nip : null;
    const name = r.fields.name?.value ?? '';
    if (!nip && !name) continue;
    const nameKey = personKey({ nip: null, name });
    let first = nip ? byNip.get(nip) : undefined;
    if (!first && name) first = (byName.get(nameKey) ?? []).find((x) => x.nip === null || nip === null)?.r;
    if (nip && !byNip.has(nip)) byNip.set(nip, r);
    if (name) byName.set(nameKey, [...(byName.get(nameKey) ?? []), { r, nip }]);
    if (!first) continue;
    const who = nip ? `NIP ${nip}` : `'${bareName(name)}'`;
    const firstUnit = first.fields.unit_code?.value ? normalizeUnitCode(first.fields.unit_code.value) : '';
    const thisUnit = r.fields.unit_code?.value ? normalizeUnitCode(r.fields.unit_code.value) : '';
    if (first.role !== r.role && first.role !== null) {
      add(r.where, `${who} (${name}) is named as ${ROLE_LABELS[r.role].en} here and as ${ROLE_LABELS[first.role].en} at ${first.source}: conflicting roles`, 'one person has one role in the team: keep one of the two rows');
    } else if (firstUnit !== thisUnit) {
      add(r.where, `${who} (${name}) is ${ROLE_LABELS[r.role].en} of ${thisUnit || 'no unit'} here and of ${firstUnit || 'no unit'} at ${first.source}`, 'an officer serves one unit: name another person for one of them');
    } else {
      add(r.where, `${who} (${name}) is listed twice (also at ${first.source})`, 'remove the duplicate row');
    }
  }

  if (problems.length > 0 || !institution || !date || !number.value || !signedBy.value || !effectiveFrom) {
    if (problems.length === 0) add(file, 'the decree is incomplete', 'see the sample in fixtures/decrees/');
    return { ok: false, problems };
  }
  const decree: Decree = {
    number: number.value,
    date,
    signedBy: signedBy.value,
    receivedAt,
    effectiveFrom,
    institution,
    units: [...units.values()].map((e) => e.unit),
    people,
  };
  return { ok: true, decree, hash: decreeHash(decree) };
}

/** The roster column holding a NUL byte, by the header names and the commas before it. */
function columnOfNul(text: string, lineStart: number, before: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', '|'].find((d) => header.split(d).length > header.split(',').length) ?? ',';
  const names = header.split(delimiter).map((h) => COLUMN_ALIASES[h.trim().toLowerCase().replace(/\s+/g, '_')] ?? h.trim());
  if (lineStart === 0) return 'header';
  return names[before.split(delimiter).length - 1] ?? `column ${before.split(delimiter).length}`;
}

function readRosterCsv(
  file: string,
  text: string,
  raw: RawPerson[],
  add: (where: string, message: string, hint: string) => void,
): void {
  let records: { record: string[]; info: { lines: number } }[];
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', '|'].find((d) => firstLine.split(d).length > firstLine.split(',').length) ?? ',';
  try {
    records = parseCsv(body, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    add(`${file}${e.lines ? `:${e.lines}` : ''}`, `CSV: ${e.message}`, 'fix the quoting of that line');
    return;
  }
  if (records.length === 0) {
    add(file, 'the roster CSV is empty', `give a header row: ${ROSTER_COLUMNS.join(',')}`);
    return;
  }
  const header = records[0].record.map((h) => COLUMN_ALIASES[h.trim().toLowerCase().replace(/\s+/g, '_')] ?? `?${h}`);
  const headerLine = records[0].info.lines;
  header.forEach((h, i) => {
    if (h.startsWith('?')) add(`${file}:${headerLine} column ${i + 1}`, `unknown column '${h.slice(1)}'`, `columns: ${ROSTER_COLUMNS.join(', ')}`);
  });
  for (const need of ['unit_code', 'role', 'name']) {
    if (!header.includes(need)) add(`${file}:${headerLine}`, `column ${need} is missing`, `the header row needs ${ROSTER_COLUMNS.join(', ')}`);
  }
  if (!header.includes('role') || !header.includes('name')) return;
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const fields: RawPerson['fields'] = {};
    header.forEach((h, i) => {
      if (!h.startsWith('?')) fields[h] = { value: (record[i] ?? '').trim(), where: `${file}:${line} ${h}` };
    });
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      add(`${file}:${line}`, `${record.length} values but ${header.length} columns`, 'quote values that contain the delimiter');
    }
    const roleText = fields.role?.value ?? '';
    const role = parseRole(roleText) ?? null;
    if (!role) add(`${file}:${line} role`, roleText ? `unknown role '${roleText}'` : 'role is missing', 'use liaison (Pejabat Penghubung), admin, supervisor or patron');
    raw.push({ role, fields, where: `${file}:${line}`, source: `${file}:${line}` });
  }
}
