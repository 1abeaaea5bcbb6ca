/**
 * The import's own CSV splitter (src/domain/import/csv.ts) against csv-parse, the reference
 * implementation: random files over the four delimiters, with quoted fields, `""`, embedded
 * newlines, LF / CRLF / lone CR line endings mixed in one file, fed in random chunks; plus
 * malformed input (ragged rows, stray quotes, unclosed quotes, lone CR) where csv-parse, in its
 * lenient mode, is the reference when it accepts the file, and the splitter must never throw and
 * must give the same records whatever the chunking. Fast: a few hundred small files.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvSplitter, type CsvRecord } from '../../src/domain/import/csv.js';

const DELIMS = [',', ';', '\t', '|'] as const;
const EOLS = ['\n', '\r\n', '\r'] as const;

function split(text: string, delimiter: string, cuts: number[]): CsvRecord[] {
  const s = new CsvSplitter({ delimiter });
  const out: CsvRecord[] = [];
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(text.length, Math.max(at, c));
    s.push(text.slice(at, to), out);
    at = to;
  }
  s.push(text.slice(at), out);
  s.end(out);
  return out;
}

function reference(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const rows = parse(text, {
    delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true,
    skip_empty_lines: false, info: true, bom: false,
  }) as unknown as { record: string[]; info: { lines: number; raw?: string } }[];
  return rows.map((r) => ({ fields: r.record, line: r.info.lines }));
}

// Field text: letters, spaces, the delimiters, quotes and line breaks (the hard characters).
const anyChar = fc.constantFrom('a', 'b', 'é', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '\r\n', 'x');
const field = (delim: string) => fc.tuple(fc.array(anyChar, { maxLength: 8 }).map((a) => a.join('')), fc.boolean()).map(([v, forceQuote]) => {
  const needs = v.includes(delim) || v.includes('"') || v.includes('\n') || v.includes('\r') || v === '';
  return needs || forceQuote ? `"${v.replace(/"/g, '""')}"` : v;
});

const file = fc.constantFrom(...DELIMS).chain((delim) => fc.tuple(
  fc.constant(delim),
  fc.array(fc.tuple(fc.array(field(delim), { minLength: 1, maxLength: 6 }), fc.constantFrom(...EOLS)), { minLength: 1, maxLength: 12 }),
  fc.boolean(),
  fc.array(fc.nat(400), { maxLength: 8 }),
));

describe('CsvSplitter against csv-parse', () => {
  it('well-formed files: the same records, the same line numbers, whatever the chunking', () => {
    fc.assert(fc.property(file, ([delim, recs, finalEol, cuts]) => {
      const text = recs.map(([fields, eol], i) => fields.join(delim) + (i < recs.length - 1 || finalEol ? eol : '')).join('');
      const mine = split(text, delim, cuts);
      const ref = reference(text, delim);
      expect(mine.map((r) => r.fields)).toEqual(ref.map((r) => r.fields));
      // csv-parse counts the line a record ends on; ours is where it starts, plus its lines. (Inside
      // quotes csv-parse counts a CRLF as two lines, a physical line is one: compared without CR.)
      if (!text.includes('\r')) expect(mine.map((r) => r.line + r.lines - 1)).toEqual(ref.map((r) => r.line));
      expect(mine.every((r) => !r.unterminatedQuote)).toBe(true);
    }), { numRuns: 300, seed: 20261202 });
  });

  const messy = fc.constantFrom(...DELIMS).chain((delim) => fc.tuple(
    fc.constant(delim),
    fc.array(fc.constantFrom('a', 'b', delim, '"', '""', '\n', '\r', '\r\n', ' ', 'é'), { minLength: 1, maxLength: 60 }).map((a) => a.join('')),
    fc.array(fc.nat(60), { maxLength: 6 }),
  ));

  it('malformed input (ragged rows, stray quotes, unclosed quotes, lone CR): never throws, chunking never changes the result, and where lenient csv-parse accepts a quote-free file both agree', () => {
    fc.assert(fc.property(messy, ([delim, text, cuts]) => {
      const whole = split(text, delim, []);
      expect(split(text, delim, cuts)).toEqual(whole);
      // every character of the input is in exactly one record's raw text or a line break
      const rawChars = whole.reduce((n, r) => n + r.raw.length, 0);
      expect(rawChars).toBeLessThanOrEqual(text.length);
      if (!text.includes('"')) {
        expect(whole.map((r) => r.fields)).toEqual(reference(text, delim).map((r) => r.fields));
      }
    }), { numRuns: 400, seed: 20261203 });
  });

  it('known malformed cases, one by one', () => {
    const f = (t: string) => split(t, ',', []).map((r) => [r.fields, r.line, r.unterminatedQuote ?? false]);
    expect(f('a,b\nc\nd,e,f\n')).toEqual([[['a', 'b'], 1, false], [['c'], 2, false], [['d', 'e', 'f'], 3, false]]); // ragged
    expect(f('a,b"c,d\n')).toEqual([[['a', 'b"c', 'd'], 1, false]]); // a stray quote inside a field is text
    expect(f('a,"open\nb,c\n')).toEqual([[['a', 'open\nb,c\n'], 1, true]]); // never closed: swallows the rest
    expect(f('a,b\rc,d\r\ne,f')).toEqual([[['a', 'b'], 1, false], [['c', 'd'], 2, false], [['e', 'f'], 3, false]]); // lone CR
    expect(reference('a,b"c,d\n', ',').map((r) => r.fields)).toEqual([['a', 'b"c', 'd']]);
  });
});
