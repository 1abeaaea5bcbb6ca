import { normalizePhone, isValidEmail, normalizeEmail } from './phone.js';
import { nikProblem, normalizeRegionCode } from './import/values.js';
import { nikProblemText } from '../i18n/rejects.js';

/**
 * The checks a keyed-in complaint (`complaint add`) shares with the bulk import: the same
 * validators (src/domain/import/values.ts, src/domain/phone.ts), the same per-field size limit,
 * and — for both — no NUL byte, which PostgreSQL cannot store in text.
 */

/** The most characters one field of a complaint may hold (import and `complaint add`). */
export const MAX_FIELD_CHARS = 1_000_000;

export interface ComplaintFieldsInput {
  body: string;
  title: string | null;
  category: string | null;
  regionCode: string | null;
  reporterName: string | null;
  reporterNik: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Where the NUL byte is, or undefined: character position from 1. */
export function nulPosition(text: string): number | undefined {
  const i = text.indexOf('\0');
  return i < 0 ? undefined : i + 1;
}

export function checkComplaintFields(
  input: ComplaintFieldsInput,
  ref: { regions: ReadonlySet<string>; provinces: ReadonlySet<string>; maxFieldChars: number },
  labels: Partial<Record<keyof ComplaintFieldsInput, string>> = {},
): { ok: true; value: ComplaintFieldsInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const label = (k: keyof ComplaintFieldsInput) => labels[k] ?? k;
  const out: ComplaintFieldsInput = { ...input };
  for (const k of Object.keys(input) as (keyof ComplaintFieldsInput)[]) {
    const v = input[k];
    if (v === null) continue;
    const nul = nulPosition(v);
    if (nul !== undefined) problems.push({ field: label(k), message: `contains a NUL byte (\\0) at character ${nul}; remove it` });
    else if (v.length > ref.maxFieldChars) problems.push({ field: label(k), message: `is ${v.length} characters long; the limit is ${ref.maxFieldChars}` });
  }
  if (problems.length) return { ok: false, problems };
  if (input.regionCode !== null) {
    const r = normalizeRegionCode(input.regionCode);
    if (!r || !ref.regions.has(r)) problems.push({ field: label('regionCode'), message: `'${input.regionCode}' is not a known kode wilayah (e.g. 32 or 32.73)` });
    else out.regionCode = r;
  }
  if (input.reporterNik !== null) {
    const nik = input.reporterNik.replace(/[\s.-]/g, '');
    const why = nikProblem(nik, ref.provinces);
    if (why) problems.push({ field: label('reporterNik'), message: nikProblemText(why, 'en') });
    else out.reporterNik = nik;
  }
  if (input.reporterPhone !== null) {
    const p = normalizePhone(input.reporterPhone);
    if (!p) problems.push({ field: label('reporterPhone'), message: `'${input.reporterPhone}' is not an Indonesian phone number (08…, +628…, 628…)` });
    else out.reporterPhone = p;
  }
  if (input.reporterEmail !== null) {
    if (!isValidEmail(input.reporterEmail)) problems.push({ field: label('reporterEmail'), message: `'${input.reporterEmail}' is not an e-mail address` });
    else out.reporterEmail = normalizeEmail(input.reporterEmail);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
