import { VALUE } from '../i18n/index.js';
/**
 * Privacy in every export (DESIGN §5): reporter identity is masked unless a super_admin asks for it
 * (and that request is audited by the caller); an anonymous reporter is never exported; a
 * confidential complaint never leaves its own institution's reports (enforced in the SQL scope).
 */
/** Who reported a complaint, as stored (every part may be missing). */
export interface ReporterIdentity {
  name: string | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
}

/** 'Budi Santoso' → 'B*** S***'. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.trim().split(/\s+/).map((w) => `${[...w][0]}***`).join(' ');
}

/** '081234567890' → '0812****7890' (at most the first four and last four digits stay). */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const p = phone.replace(/\s+/g, '');
  if (p.length <= 8) return '*'.repeat(p.length);
  return `${p.slice(0, 4)}${'*'.repeat(p.length - 8)}${p.slice(-4)}`;
}

/** '3273014501900001' → '32************01': a NIK's province code is not a secret, the rest is. */
export function maskNik(nik: string | null | undefined): string | null {
  if (!nik) return null;
  const t = nik.trim();
  if (t.length <= 4) return '*'.repeat(t.length);
  return t.slice(0, 2) + '*'.repeat(t.length - 4) + t.slice(-2);
}

/** 'budi@example.id' → 'b***@example.id'. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

export const ANONYMOUS_LABEL = VALUE.anonymous;

/** The reporter as an export shows it: masked, or in full when revealed; anonymous never. */
export function exportReporter(
  r: Pick<ReporterIdentity, 'name' | 'phone'> & { anonymous: boolean }, reveal: boolean, lang: 'id' | 'en',
): { name: string | null; phone: string | null } {
  if (r.anonymous) return { name: ANONYMOUS_LABEL[lang], phone: null };
  if (reveal) return { name: r.name, phone: r.phone };
  return { name: maskName(r.name), phone: maskPhone(r.phone) };
}

/**
 * A rejected import row's raw line, masked (DESIGN §5: identity shown anywhere, a raw line
 * included, follows the masking rule). The line keeps its shape — one masked value per field —
 * so an officer can still find the row in the source file by its line number: dates and short
 * codes stay; e-mail addresses, long digit runs (phone, NIK) and words (names, text) are masked.
 */
export function maskRawLine(raw: string, delimiter = ','): string {
  const d = delimiter === 'auto' || delimiter === '' ? guessDelimiter(raw) : delimiter;
  return raw.split(d).map(maskRawField).join(d);
}

function guessDelimiter(raw: string): string {
  return [';', '\t', '|'].find((x) => raw.split(x).length > raw.split(',').length) ?? ',';
}

function maskRawField(field: string): string {
  const f = field.trim().replace(/^"|"$/g, '');
  if (f === '') return field;
  // A date or time (12/03/2019 10:00, 2019-03-12T10:00:00+07:00): no digit run longer than 4.
  if (/^[\d\s/.:T+-]+$/.test(f) && !/\d{5,}/.test(f)) return field;
  if (f.includes('@')) return maskEmail(f) ?? '***';
  if (/\d{6,}/.test(f)) return f.replace(/\d{6,}/g, (run) => run.slice(0, 2) + '*'.repeat(run.length - 4) + run.slice(-2));
  if (f.length <= 3) return f;
  return maskName(f) ?? '***';
}

/**
 * A rejection reason quotes the rejected value ("'32730115…': NIK must be 16 digits"): for a
 * reporter-identity field the quoted value is masked like the raw line.
 */
export function maskReason(reason: string, field: string | null): string {
  if (!field || !/^reporter_/.test(field)) return reason;
  return reason.replace(/'([^']*)'/g, (_m, v: string) => `'${maskRawField(v)}'`);
}

export type IdentityView = 'masked' | 'revealed' | 'anonymous';

/**
 * The reporter as show/list print it: masked unless a super_admin asks to reveal it (and that is
 * audited by the caller); an anonymous complaint shows no identity at all unless revealed.
 */
export function viewIdentity(id: ReporterIdentity, anonymous: boolean, reveal: boolean): { view: IdentityView; identity: ReporterIdentity } {
  if (reveal) return { view: 'revealed', identity: id };
  if (anonymous) return { view: 'anonymous', identity: { name: null, nik: null, phone: null, email: null } };
  return {
    view: 'masked',
    identity: {
      name: maskName(id.name),
      nik: maskNik(id.nik),
      phone: maskPhone(id.phone),
      email: maskEmail(id.email),
    },
  };
}
