/**
 * Indonesian phone numbers and e-mail addresses, as officials and legacy files write them.
 * Shared by the registry (decree rosters) and the legacy import. Pure.
 */

/**
 * Normalises a phone number to E.164 `+62…`: accepts `0812-3456-7890`, `+62 812 3456 7890`,
 * `62812…`, `812…`, `(022) 4234567`, `0062…`. The national number (after 62) must start with
 * 2–9: a mobile number (8xx…) has 9–12 digits, a landline (area code + subscriber) 8–11. Returns undefined for
 * anything else, including numbers of other countries.
 */
export function normalizePhone(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  let s = text.trim();
  if (s === '') return undefined;
  // Separators people type: spaces (incl. NBSP), dashes, dots, slashes, parentheses.
  s = s.replace(/[\s\u00a0\-./()]/g, '');
  if (/^\+/.test(s)) {
    if (!s.startsWith('+62')) return undefined;
    s = s.slice(3);
  } else if (s.startsWith('0062')) {
    s = s.slice(4);
  } else if (s.startsWith('62') && s.length >= 10) {
    s = s.slice(2);
  } else if (s.startsWith('0')) {
    s = s.slice(1);
  }
  // A trunk zero after the country code (`+62 0812…`) is a common slip.
  if (s.startsWith('0')) s = s.slice(1);
  // Mobile numbers (8xx) have 9–12 digits after 62; landlines (area code + subscriber) 8–11.
  if (s.startsWith('8') ? !/^8\d{8,11}$/.test(s) : !/^[2-79]\d{7,10}$/.test(s)) return undefined;
  return `+62${s}`;
}

/**
 * A pragmatic e-mail check: one @, a local part of the usual characters, a domain of labels with
 * a letter-only top level. Rejects spaces, double dots, leading/trailing dots and a missing TLD.
 */
export function isValidEmail(text: string): boolean {
  if (typeof text !== 'string') return false;
  const s = text.trim();
  if (s.length > 254) return false;
  const m = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})$/.exec(s);
  return m !== null && m[1].length <= 64;
}

/** The address as stored: trimmed, domain in lower case. */
export function normalizeEmail(text: string): string {
  const s = text.trim();
  const at = s.lastIndexOf('@');
  return at < 0 ? s : s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}
