import { describe, expect, it } from 'vitest';
import { NIK_PROBLEM, nikProblemText, REJECT, rejectText } from '../../src/i18n/rejects.js';
import { nikProblem } from '../../src/domain/import/values.js';
import { checkComplaintFields } from '../../src/domain/complaint-fields.js';
import { maskReason } from '../../src/domain/privacy.js';

describe('reject reasons (issue 12, one language)', () => {
  it('every reason code has an Indonesian and an English text, naming the same values', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, pair] of Object.entries(REJECT)) {
      expect(pair.id.trim(), code).not.toBe('');
      expect(pair.en.trim(), code).not.toBe('');
      expect(names(pair.id), code).toEqual(names(pair.en));
    }
  });
  it('renders a reason in either language', () => {
    const r = { code: 'bad_date', params: { value: "'31/02/2019'" } } as const;
    expect(rejectText(r, 'en')).toMatch(/^'31\/02\/2019' is not a date\/time/);
    expect(rejectText(r, 'id')).toMatch(/^'31\/02\/2019' bukan tanggal\/waktu/);
  });
  it('the NIK check gives codes and values, not English: each in Indonesian and English (import and complaint add)', () => {
    const prov = new Set(['32']);
    const cases = [
      { nik: '327301150188000', code: 'nik_length', id: "'327301150188000': NIK harus 16 digit, ada 15 digit", en: "'327301150188000': NIK must be 16 digits, got 15 digit(s)" },
      { nik: '9973014506850002', code: 'nik_province', id: "'9973014506850002': NIK diawali 99, yang bukan kode provinsi", en: "'9973014506850002': NIK starts with 99, which is not a province code" },
      { nik: '3273013213850002', code: 'nik_birth_date', id: "'3273013213850002': bagian tanggal lahir NIK '321385' bukan tanggal (DDMMYY, perempuan DD+40)", en: "'3273013213850002': NIK birth date part '321385' is not a date (DDMMYY, women DD+40)" },
    ] as const;
    for (const c of cases) {
      const p = nikProblem(c.nik, prov);
      expect(p?.code, c.nik).toBe(c.code);
      const r = { code: p!.code, params: { value: `'${c.nik}'`, ...p!.params } };
      expect(rejectText(r, 'id')).toBe(c.id);
      expect(rejectText(r, 'en')).toBe(c.en);
      // Masked for import show: neither the NIK nor its birth date part is left readable.
      for (const lang of ['id', 'en'] as const) {
        const masked = maskReason(rejectText(r, lang), 'reporter_nik');
        expect(masked, `${c.code} ${lang}`).not.toContain(c.nik);
        expect(masked, `${c.code} ${lang}`).not.toContain('321385');
      }
    }
    expect(Object.keys(NIK_PROBLEM).every((k) => k in REJECT)).toBe(true);
    expect(nikProblemText({ code: 'nik_length', params: { n: 4 } }, 'id')).toBe('NIK harus 16 digit, ada 4 digit');
    // complaint add keeps its English message after the option's name.
    const checked = checkComplaintFields({ body: 'x', title: null, category: null, regionCode: null, reporterName: null, reporterNik: '1234', reporterPhone: null, reporterEmail: null },
      { regions: new Set(), provinces: prov, maxFieldChars: 1000 });
    expect(checked).toEqual({ ok: false, problems: [{ field: 'reporterNik', message: 'NIK must be 16 digits, got 4 digit(s)' }] });
  });
});
