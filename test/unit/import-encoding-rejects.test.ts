import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { firstInvalidUtf8, mojibakeAt } from '../../src/domain/import/encoding.js';
import { isRejectsHeader, neutraliseCell, restoreNeutralised } from '../../src/domain/import/rejects-format.js';

const b = (s: string, enc = 'utf8') => (enc === 'utf8' ? Buffer.from(s, 'utf8') : iconv.encode(s, enc));

describe('firstInvalidUtf8', () => {
  it('finds the first byte that is not UTF-8, and nothing in valid text', () => {
    expect(firstInvalidUtf8(b('abc kafé “x” 😀'))).toBe(-1);
    expect(firstInvalidUtf8(b('ab\ncafé!', 'win1252'))).toBe(6);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xf5, 0x80, 0x80, 0x80]))).toBe(1);
  });
  it('a sequence cut by the end of the buffer is not counted (the next chunk decides)', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x80]))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x41]))).toBe(1);
  });
});

describe('mojibakeAt', () => {
  it('as UTF-8: U+FFFD and UTF-8 that went through Windows-1252 once', () => {
    expect(mojibakeAt(b('ok kaf\uFFFD'), 'utf8')).toBe(6);
    expect(mojibakeAt(b('kafÃ©'), 'utf8')).toBe(3);
    expect(mojibakeAt(b('itâ€™s'), 'utf8')).toBe(2);
    expect(mojibakeAt(b('Â\u00a0x'), 'utf8')).toBe(0);
    expect(mojibakeAt(b('kafé – “jalan” Ñ à'), 'utf8')).toBe(-1);
  });
  it('as Windows-1252: UTF-8 sequences (which would read as Ã©, â€™)', () => {
    expect(mojibakeAt(b('kafé'), 'windows-1252')).toBe(3);
    expect(mojibakeAt(b('it’s'), 'windows-1252')).toBe(2);
    expect(mojibakeAt(b('kafé “jalan” – ok', 'win1252'), 'windows-1252')).toBe(-1);
  });
  it('finds the same first offset as a walk over every byte (the scan jumps between lead bytes)', () => {
    // The walk: every offset in order, the first where the sequence reads as mojibake.
    const walk = (buf: Uint8Array, as: 'utf8' | 'windows-1252') => {
      for (let i = 0; i < buf.length; i++) {
        const one = mojibakeAt(buf.subarray(i, i + 5), as);
        if (one === 0 && (as === 'windows-1252' || i + 2 < buf.length)) return i;
      }
      return -1;
    };
    const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => a.map((x) => [0x41, 0x80, 0x82, 0x83, 0x84, 0xa2, 0xa9, 0xac, 0xbd, 0xbf,
      0xc2, 0xc3, 0xc5, 0xc6, 0xcb, 0xe2, 0xef][x % 17]));
    fc.assert(fc.property(bytes, fc.constantFrom('utf8' as const, 'windows-1252' as const), (buf, as) => {
      expect(mojibakeAt(buf, as)).toBe(walk(buf, as));
    }), { numRuns: 2000 });
  });
});

describe('rejects file cells', () => {
  it('neutralises what a spreadsheet would run as a formula, and restores it', () => {
    for (const v of ['=1+1', '+62812', '-5', '@SUM(A1)', '\tx', '=HYPERLINK("x")']) {
      expect(neutraliseCell(v)).toBe(`'${v}`);
      expect(restoreNeutralised(neutraliseCell(v))).toBe(v);
    }
    for (const v of ['jalan', "'quoted", '', '0812']) {
      expect(neutraliseCell(v)).toBe(v);
      expect(restoreNeutralised(v)).toBe(v);
    }
  });
  it('a rejects header ends with _line,_field,_reason', () => {
    expect(isRejectsHeader(['a', 'b', '_line', '_field', '_reason'])).toBe(true);
    expect(isRejectsHeader(['_line', '_field', '_reason'])).toBe(false);
    expect(isRejectsHeader(['a', 'line', 'field', 'reason'])).toBe(false);
  });
});

describe('docs/import.md lists every accepted spelling', () => {
  it('the accepted-values table is the one in values.ts', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const v = await import('../../src/domain/import/values.js');
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/import.md'), 'utf8');
    const groups: Array<[string, Record<string, string[]>]> = [['channel', v.CHANNEL_SPELLINGS], ['class', v.CLASS_SPELLINGS],
      ['status', v.STATUS_SPELLINGS], ['yes_no', { ya: v.YES_SPELLINGS, tidak: v.NO_SPELLINGS }]];
    for (const [f, t] of groups) for (const [k, sp] of Object.entries(t)) expect(doc).toContain(`| ${f} | \`${k}\` | ${sp.join(', ')} |`);
  });
});

describe('every stored vocabulary code has a label', () => {
  it('channels and classes (values.ts) are all in the i18n catalogue, in both languages', async () => {
    const v = await import('../../src/domain/import/values.js');
    const { CHANNEL, CLASS } = await import('../../src/i18n/index.js');
    const missing = (codes: readonly string[], vocab: Record<string, { id: string; en: string }>) =>
      codes.filter((c) => !vocab[c]?.id || !vocab[c]?.en);
    expect(missing(v.CHANNELS, CHANNEL)).toEqual([]);
    expect(missing(v.CLASSES, CLASS)).toEqual([]);
    expect(Object.keys(CHANNEL).filter((c) => !(v.CHANNELS as readonly string[]).includes(c))).toEqual([]);
  });
});
