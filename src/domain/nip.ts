/**
 * NIP (Nomor Induk Pegawai) of an Indonesian civil servant: 18 digits,
 *   yyyymmdd  birth date
 *   yyyymm    month of appointment (TMT CPNS)
 *   s         sex: 1 man, 2 woman
 *   nnn       serial number
 * Pure: no clock (the caller passes "today" when it wants the future checked).
 */
export interface NipParts {
  birthDate: string;
  appointmentMonth: string;
  sex: 'M' | 'F';
  serial: string;
}

/** Why a NIP is refused, as a code: the wizard words it in the run's language (src/i18n, L.nip_*). */
export type NipProblem = 'not_digits' | 'length' | 'birth_date' | 'appointment_month' | 'appointment_before_birth' | 'future' | 'sex_digit' | 'serial';

/**
 * A refusal has the English problem and hint (the decree file's errors list them), and the same as
 * a code with its values: text (as given), nip (digits only), digits, birth, month, digit.
 */
export type NipResult = { ok: true; nip: string; parts: NipParts }
  | { ok: false; problem: string; hint: string; code: NipProblem; values: Record<string, string | number> };

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
    return { ok: false, problem: `NIP '${text}' contains characters other than digits`, hint: 'a NIP is 18 digits, e.g. 198503122010011003', code: 'not_digits', values: { text } };
  }
  if (nip.length !== 18) {
    return { ok: false, problem: `NIP '${text}' has ${nip.length} digits, not 18`, hint: 'copy the NIP from the SK: 18 digits, e.g. 198503122010011003', code: 'length', values: { text, digits: nip.length } };
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  if (by < 1900 || !isDate(by, bm, bd)) {
    return { ok: false, problem: `NIP '${nip}': birth date ${nip.slice(0, 8)} is not a valid date`, hint: 'the first 8 digits are the birth date yyyymmdd', code: 'birth_date', values: { nip, birth: nip.slice(0, 8) } };
  }
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  if (am < 1 || am > 12 || ay < 1900) {
    return { ok: false, problem: `NIP '${nip}': appointment month ${nip.slice(8, 14)} is not a valid month`, hint: 'digits 9–14 are the month of appointment yyyymm', code: 'appointment_month', values: { nip, month: nip.slice(8, 14) } };
  }
  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const appointmentMonth = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
  if (appointmentMonth <= birthDate.slice(0, 7)) {
    return {
      ok: false, problem: `NIP '${nip}': appointment month ${appointmentMonth} is not after the birth date ${birthDate}`, hint: 'check digits 1–8 (birth date) and 9–14 (appointment month)',
      code: 'appointment_before_birth', values: { nip, month: appointmentMonth, birth: birthDate },
    };
  }
  if (today !== undefined && (birthDate > today || appointmentMonth > today.slice(0, 7))) {
    return { ok: false, problem: `NIP '${nip}': its dates lie in the future`, hint: 'check the birth date (digits 1–8) and appointment month (digits 9–14)', code: 'future', values: { nip } };
  }
  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2') {
    return { ok: false, problem: `NIP '${nip}': digit 15 is '${sexDigit}', not 1 (man) or 2 (woman)`, hint: 'digit 15 of a NIP is the sex digit, 1 or 2', code: 'sex_digit', values: { nip, digit: sexDigit } };
  }
  if (nip.slice(15) === '000') {
    return { ok: false, problem: `NIP '${nip}': serial number 000 is not issued`, hint: 'the last 3 digits are a serial number from 001', code: 'serial', values: { nip } };
  }
  return { ok: true, nip, parts: { birthDate, appointmentMonth, sex: sexDigit === '1' ? 'M' : 'F', serial: nip.slice(15) } };
}
