import { describe, expect, it } from 'vitest';
import { REJECT, rejectText } from '../../src/i18n/rejects.js';

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
});
