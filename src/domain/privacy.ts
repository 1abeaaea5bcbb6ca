import { VALUE } from '../i18n/index.js';
/**
 * Privacy in every export (DESIGN §5): reporter identity is masked unless a super_admin asks for it
 * (and that request is audited by the caller); an anonymous reporter is never exported; a
 * confidential complaint never leaves its own institution's reports (enforced in the SQL scope).
 */
export interface ReporterIdentity {
  name: string | null;
  phone: string | null;
  email?: string | null;
  nik?: string | null;
  anonymous: boolean;
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
export function exportReporter(r: ReporterIdentity, reveal: boolean, lang: 'id' | 'en'): { name: string | null; phone: string | null } {
  if (r.anonymous) return { name: ANONYMOUS_LABEL[lang], phone: null };
  if (reveal) return { name: r.name, phone: r.phone };
  return { name: maskName(r.name), phone: maskPhone(r.phone) };
}
