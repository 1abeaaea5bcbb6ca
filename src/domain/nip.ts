/**
 * NIP (Nomor Induk Pegawai) of an Indonesian civil servant: 18 digits,
 *   yyyymmdd  birth date
 *   yyyymm    month of appointment (TMT CPNS)
 *   s         sex: 1 man, 2 woman
 *   nnn       serial number
 * Pure: no clock (the caller passes "today" when it wants the future checked).
 */
import { fmt, L, t, type Lang, type Pair } from '../i18n/index.js';

export interface NipParts {
  birthDate: string;
  appointmentMonth: string;
  sex: 'M' | 'F';
  serial: string;
}

/** Why a NIP is refused, as a code: the wizard words it in the run's language (src/i18n, L.nip_*). */
export type NipProblem = 'not_digits' | 'length' | 'birth_date' | 'appointment_month' | 'appointment_before_birth' | 'future' | 'sex_digit' | 'serial';

/** Each refusal's problem and hint, in both languages. */
const NIP_TEXT: Record<NipProblem, { problem: Pair; hint: Pair }> = {
  not_digits: { problem: L.nip_not_digits, hint: L.nip_not_digits_hint },
  length: { problem: L.nip_length, hint: L.nip_length_hint },
  birth_date: { problem: L.nip_birth_date, hint: L.nip_birth_date_hint },
  appointment_month: { problem: L.nip_appointment_month, hint: L.nip_appointment_month_hint },
  appointment_before_birth: { problem: L.nip_appointment_before_birth, hint: L.nip_appointment_before_birth_hint },
  future: { problem: L.nip_future, hint: L.nip_future_hint },
  sex_digit: { problem: L.nip_sex_digit, hint: L.nip_sex_digit_hint },
  serial: { problem: L.nip_serial, hint: L.nip_serial_hint },
};

type NipValues = Record<string, string | number>;

/**
 * A refusal has the English problem and hint (the decree file's errors list them), and the same as
 * a code with its values: text (as given), nip (digits only), digits, birth, month, digit.
 */
export type NipResult = { ok: true; nip: string; parts: NipParts }
  | { ok: false; problem: string; hint: string; code: NipProblem; values: NipValues };

function refused(code: NipProblem, values: NipValues): NipResult {
  return { ok: false, problem: fmt(NIP_TEXT[code].problem, 'en', values), hint: t(NIP_TEXT[code].hint, 'en'), code, values };
}

/** A refusal in `lang` as one line, problem — hint (the wizard's answer to a NIP it refuses). */
export function nipRefusal(code: NipProblem, values: NipValues, lang: Lang): string {
  return `${fmt(NIP_TEXT[code].problem, lang, values)} — ${t(NIP_TEXT[code].hint, lang)}`;
}

function isDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Accepts the NIP with the spaces officials usually write (`19850312 201001 1 003`). */
export function normalizeNip(text: string): string {
  return text.replace(/[\s.-]/g, '');
}

export function parseNip(text: string, today?: string): NipResult {
  const nip = normalizeNip(text);
  if (!/^\d+$/.test(nip)) {
    return refused('not_digits', { text });
  }
  if (nip.length !== 18) {
    return refused('length', { text, digits: nip.length });
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  if (by < 1900 || !isDate(by, bm, bd)) {
    return refused('birth_date', { nip, birth: nip.slice(0, 8) });
  }
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  if (am < 1 || am > 12 || ay < 1900) {
    return refused('appointment_month', { nip, month: nip.slice(8, 14) });
  }
  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const appointmentMonth = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
  if (appointmentMonth <= birthDate.slice(0, 7)) {
    return refused('appointment_before_birth', { nip, month: appointmentMonth, birth: birthDate });
  }
  if (today !== undefined && (birthDate > today || appointmentMonth > today.slice(0, 7))) {
    return refused('future', { nip });
  }
  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2') {
    return refused('sex_digit', { nip, digit: sexDigit });
  }
  if (nip.slice(15) === '000') {
    return refused('serial', { nip });
  }
  return { ok: true, nip, parts: { birthDate, appointmentMonth, sex: sexDigit === '1' ? 'M' : 'F', serial: nip.slice(15) } };
}
