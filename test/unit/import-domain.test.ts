import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLegacyDate } from '../../src/domain/import/dates.js';
import { CsvSplitter, detectDelimiter, type CsvRecord } from '../../src/domain/import/csv.js';
import { nikProblem, normalizeChannel, normalizeClass, normalizeRegionCode, normalizeStatus, parseYesNo, compileValueMap } from '../../src/domain/import/values.js';
import { defaultMapping, MappingError, parseMapping, planColumns } from '../../src/domain/import/mapping.js';
import { planHistory, normalizeRow, type RowContext } from '../../src/domain/import/row.js';
import { sniffEncoding, utf8TailLength } from '../../src/domain/import/encoding.js';

const iso = (d: Date | undefined) => d?.toISOString();

describe('parseLegacyDate', () => {
  it('reads ISO with and without offset, naive in the given zone', () => {
    expect(iso(parseLegacyDate('2019-03-12 14:30:00', 'WIB'))).toBe('2019-03-12T07:30:00.000Z');
    expect(iso(parseLegacyDate('2019-03-12T14:30', 'WITA'))).toBe('2019-03-12T06:30:00.000Z');
    expect(iso(parseLegacyDate('2019-03-12 14:30:00+09:00', 'WIB'))).toBe('2019-03-12T05:30:00.000Z');
    expect(iso(parseLegacyDate('2019-03-12T07:30:00.250Z', 'WIT'))).toBe('2019-03-12T07:30:00.250Z');
    expect(iso(parseLegacyDate('2019-03-12', 'WIB'))).toBe('2019-03-11T17:00:00.000Z');
  });
  it('reads dd/mm/yyyy [HH:MM], dd-mm-yyyy, dd.mm.yyyy and HH.MM', () => {
    expect(iso(parseLegacyDate('12/03/2019 14:30', 'WIB'))).toBe('2019-03-12T07:30:00.000Z');
    expect(iso(parseLegacyDate('12-03-2019', 'WIB'))).toBe('2019-03-11T17:00:00.000Z');
    expect(iso(parseLegacyDate('12.03.2019 14.30', 'WIB'))).toBe('2019-03-12T07:30:00.000Z');
    expect(iso(parseLegacyDate('2/3/19 8:05', 'WIB'))).toBe('2019-03-02T01:05:00.000Z');
    expect(iso(parseLegacyDate('03/12/2019 14:30', 'WIB', 'mdy'))).toBe('2019-03-12T07:30:00.000Z');
  });
  it('reads Indonesian and English month names, day names, pukul and a written zone', () => {
    expect(iso(parseLegacyDate('12 Maret 2019', 'WIB'))).toBe('2019-03-11T17:00:00.000Z');
    expect(iso(parseLegacyDate('Senin, 12 Mar 2019 pukul 14.30 WITA', 'WIB'))).toBe('2019-03-12T06:30:00.000Z');
    expect(iso(parseLegacyDate('1 Agustus 2020 08:00', 'WIT'))).toBe('2020-07-31T23:00:00.000Z');
    expect(iso(parseLegacyDate('17-Agu-2021', 'WIB'))).toBe('2021-08-16T17:00:00.000Z');
    expect(iso(parseLegacyDate('5 Des 2022', 'WIB'))).toBe('2022-12-04T17:00:00.000Z');
    expect(iso(parseLegacyDate('Okt 5, 2022', 'WIB'))).toBe('2022-10-04T17:00:00.000Z');
    expect(iso(parseLegacyDate('12 Mei 2019 2:30 PM', 'WIB'))).toBe('2019-05-12T07:30:00.000Z');
  });
  it('reads Excel serials as local wall-clock time (dot or comma decimal)', () => {
    expect(iso(parseLegacyDate('43536', 'WIB'))).toBe('2019-03-11T17:00:00.000Z'); // 2019-03-12 00:00 WIB
    expect(iso(parseLegacyDate('43536.5', 'WIB'))).toBe('2019-03-12T05:00:00.000Z');
    expect(iso(parseLegacyDate('43504,375', 'WITA'))).toBe('2019-02-08T01:00:00.000Z');
  });
  it('refuses what is not a date', () => {
    for (const bad of ['', '2019-02-30', '31/02/2019 10:30', '12 Maretz 2019', '12/13/2019', '99999', '10000', 'kemarin',
      '12/03/2019 25:00', '2019-03-12 14:30:00+15:00', '12/03/2019 jam tiga']) {
      expect(parseLegacyDate(bad, 'WIB'), bad).toBeUndefined();
    }
  });
});

describe('vocabularies', () => {
  it('maps channel spellings', () => {
    expect(normalizeChannel('SMS 1708')).toBe('sms');
    expect(normalizeChannel('WA')).toBe('whatsapp');
    expect(normalizeChannel('Twitter/X')).toBe('twitter');
    expect(normalizeChannel('X')).toBe('twitter');
    expect(normalizeChannel('FB')).toBe('facebook');
    expect(normalizeChannel('IG')).toBe('instagram');
    expect(normalizeChannel('Tatap-Muka')).toBe('in_person');
    expect(normalizeChannel('telpon')).toBe('phone');
    expect(normalizeChannel('E-mail')).toBe('email');
    expect(normalizeChannel('Faks')).toBe('fax');
    expect(normalizeChannel('Aplikasi')).toBe('mobile_app');
    expect(normalizeChannel('surat')).toBe('letter');
    expect(normalizeChannel('merpati pos')).toBeUndefined();
    expect(normalizeChannel('Merpati Pos', compileValueMap({ 'merpati pos': 'letter' }))).toBe('letter');
  });
  it('maps classes and statuses; a mapping value must name a known one', () => {
    expect(normalizeClass('Pengaduan Berkadar Pengawasan')).toBe('pengaduan_berkadar_pengawasan');
    expect(normalizeClass('Permintaan Informasi')).toBe('permintaan_informasi');
    expect(normalizeClass('keluhan berat')).toBeUndefined();
    expect(normalizeStatus('Selesai')).toBe('closed');
    expect(normalizeStatus('Belum Terverifikasi')).toBe('received');
    expect(normalizeStatus('Proses', compileValueMap({ Proses: 'with_institution' }))).toBe('with_institution');
    expect(normalizeStatus('Proses', compileValueMap({ Proses: 'nonsense' }))).toBeUndefined();
  });
  it('reads yes/no in Indonesian and English, not ambiguous letters', () => {
    expect(parseYesNo('Ya')).toBe(true);
    expect(parseYesNo('tidak')).toBe(false);
    expect(parseYesNo('1')).toBe(true);
    expect(parseYesNo('false')).toBe(false);
    expect(parseYesNo('t')).toBeUndefined();
    expect(parseYesNo('mungkin')).toBeUndefined();
  });
  it('checks NIK structure', () => {
    const prov = new Set(['32', '73']);
    expect(nikProblem('3273014506850002', prov)).toBeUndefined(); // a woman: day 45 = 5
    expect(nikProblem('327301150188000', prov)).toEqual({ code: 'nik_length', params: { n: 15 } });
    expect(nikProblem('9973014506850002', prov)).toEqual({ code: 'nik_province', params: { province: '99' } });
    expect(nikProblem('3273013213850002', prov)).toEqual({ code: 'nik_birth_date', params: { part: "'321385'" } });
  });
  it('normalises region codes', () => {
    expect(normalizeRegionCode('32.73')).toBe('32.73');
    expect(normalizeRegionCode('3273')).toBe('32.73');
    expect(normalizeRegionCode('32')).toBe('32');
    expect(normalizeRegionCode('32-73')).toBeUndefined();
  });
});

function splitAll(text: string, delimiter = ',', cuts: number[] = []): CsvRecord[] {
  const sp = new CsvSplitter({ delimiter });
  const out: CsvRecord[] = [];
  let prev = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    sp.push(text.slice(prev, c), out);
    prev = c;
  }
  sp.push(text.slice(prev), out);
  sp.end(out);
  return out;
}

describe('CsvSplitter', () => {
  it('splits quoted fields, doubled quotes, embedded newlines, and keeps line numbers and raw text', () => {
    const recs = splitAll('a,b,c\r\n1,"x, ""y""\nz",3\n2,,\r3,"q"\n');
    expect(recs.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', 'x, "y"\nz', '3'], ['2', '', ''], ['3', 'q']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(recs[1].raw).toBe('1,"x, ""y""\nz",3');
    expect(recs[1].lines).toBe(2);
  });
  it('gives the same records wherever the input is cut into chunks', () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', '"', '""', ',', ';', '\n', '\r\n', '\r', 'x y', 'é'), fc.string({ maxLength: 5 }));
    const field = fc.tuple(fc.boolean(), fc.array(cell, { maxLength: 3 })).map(([quoted, parts]) => {
      const v = parts.join('');
      return quoted || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    });
    const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(','));
    const doc = fc.tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([lines, eol]) => lines.join(eol) + eol);
    fc.assert(fc.property(doc, fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
      const whole = splitAll(text);
      const cut = splitAll(text, ',', cuts.map((c) => c % (text.length + 1)));
      expect(cut).toEqual(whole);
    }), { numRuns: 300 });
  });
  it('flags a quote that never closes, and stops a runaway record', () => {
    const recs = splitAll('a,b\n1,"never closed\n2,3\n');
    expect(recs[1].unterminatedQuote).toBe(true);
    expect(recs[1].line).toBe(2);
    const sp = new CsvSplitter({ delimiter: ',', maxRecordChars: 100 });
    expect(() => sp.push('a,"' + 'x'.repeat(200))).toThrow(/more than 100 characters/);
  });
  it('keeps a quote inside an unquoted field as text', () => {
    expect(splitAll('a 5" pipe,b\n')[0].fields).toEqual(['a 5" pipe', 'b']);
  });
  it('detects the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3')).toBe('|');
    expect(detectDelimiter('"x;y",b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});

describe('encoding sniffing', () => {
  it('reads BOMs, UTF-16 without BOM and binary', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ encoding: 'utf8', bom: 3 });
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: 'utf16le', bom: 2 });
    expect(sniffEncoding(Buffer.from('a,b\n1,2\n', 'utf16le'))).toMatchObject({ encoding: 'utf16le', bom: 0 });
    expect(sniffEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49]))).toMatchObject({ binary: true });
    expect(sniffEncoding(Buffer.from('a,b\n'))).toMatchObject({ binary: false });
    expect(sniffEncoding(Buffer.from('a,b\n')).encoding).toBeUndefined();
  });
  it('finds a UTF-8 sequence cut at the end of a chunk', () => {
    const e = Buffer.from('xé', 'utf8'); // 78 c3 a9
    expect(utf8TailLength(e.subarray(0, 2))).toBe(1);
    expect(utf8TailLength(e)).toBe(0);
    const euro = Buffer.from('€'); // e2 82 ac
    expect(utf8TailLength(euro.subarray(0, 2))).toBe(2);
    expect(utf8TailLength(Buffer.from('abc'))).toBe(0);
  });
});

describe('mapping', () => {
  it('parses YAML and JSON and reports every problem', () => {
    const m = parseMapping('columns:\n  received_at: [Tgl, Jam]\n  body: Isi\ndefaults:\n  channel: sms\n  class: pengaduan\ntime_zone: WITA\n');
    expect(m.columns.received_at).toEqual(['Tgl', 'Jam']);
    expect(m.timeZone).toBe('WITA');
    expect(parseMapping('{"columns":{"received_at":"t","body":"b","channel":"c","class":"k"}}').columns.body).toEqual(['b']);
    expect(() => parseMapping('columns: {colour: x}\n')).toThrow(MappingError);
    try {
      parseMapping('columns:\n  body: Isi\ntime_zone: CET\nfoo: 1\n');
    } catch (err) {
      const problems = (err as MappingError).problems.join('\n');
      expect(problems).toMatch(/foo/);
      expect(problems).toMatch(/time_zone/);
    }
    try {
      parseMapping('columns:\n  body: Isi\n');
    } catch (err) {
      expect((err as MappingError).problems.join('\n')).toMatch(/received_at: map a column/);
    }
    expect(() => parseMapping(': : :\n  - [')).toThrow(/not valid YAML/);
  });
  it('plans columns against a header, case-insensitively, and names what is missing', () => {
    const m = parseMapping('columns: {received_at: Tanggal, body: ISI, channel: Media}\ndefaults: {class: aspirasi}\n');
    const { plan, problems } = planColumns(m, ['tanggal', 'Isi', 'media']);
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({ received_at: [0], body: [1], channel: [2] });
    expect(planColumns(m, ['tanggal', 'isi']).problems).toEqual(['column "Media" (for channel) is not in the header']);
    expect(planColumns(defaultMapping(), ['received_at', 'body']).problems.join()).toMatch(/no column "channel"/);
  });
});

describe('history of a legacy row', () => {
  const base = {
    receivedAt: new Date('2020-01-01T01:00:00Z'), disposedAt: null, forwardedAt: null, respondedAt: null, closedAt: null,
    archivedAt: null, response: null, archiveReason: null, unitId: null, institutionId: 7, receivedByInstitution: true,
    zone: 'WIB' as const,
  };
  it('writes received, dispose, respond, close with both holder sides filled', () => {
    const h = planHistory({ ...base, respondedAt: new Date('2020-01-03T01:00:00Z'), closedAt: new Date('2020-01-10T01:00:00Z'), response: 'ok' });
    expect(h.status).toBe('closed');
    expect(h.events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.fromInstitutionId, e.toInstitutionId])).toEqual([
      ['received', null, 'received', null, null],
      ['dispose', 'received', 'with_institution', null, 7],
      ['respond', 'with_institution', 'responded', 7, 7],
      ['close', 'responded', 'closed', 7, 7],
    ]);
    expect(h.events[1].at).toEqual(base.receivedAt); // received through the institution's own channel
    expect(h.events[2].body).toBe('ok');
  });
  it('forwards to a unit, and archives', () => {
    const f = planHistory({ ...base, disposedAt: new Date('2020-01-02T00:00:00Z'), forwardedAt: new Date('2020-01-02T05:00:00Z'), unitId: 3 });
    expect(f.status).toBe('with_unit');
    expect(f.events[2]).toMatchObject({ kind: 'forward', fromUnitId: null, toUnitId: 3, fromInstitutionId: 7, toInstitutionId: 7 });
    const a = planHistory({ ...base, archivedAt: new Date('2020-01-02T00:00:00Z'), status: 'archived', statusText: 'Arsip' });
    expect(a.events.map((e) => e.kind)).toEqual(['received', 'archive']);
    expect(a.events[1].reason).toMatch(/Arsip/);
    expect(a.institutionId).toBeNull();
  });
  it('keeps a complaint the file says is unverified with nobody', () => {
    const r = planHistory({ ...base, status: 'received', statusText: 'Baru' });
    expect(r.events.map((e) => e.kind)).toEqual(['received']);
    expect(r.institutionId).toBeNull();
  });
});

describe('normalizeRow', () => {
  const header = ['id', 'waktu', 'hp', 'isi', 'status', 'selesai', 'balas'];
  const mapping = parseMapping(`columns: {external_id: id, received_at: waktu, reporter_phone: hp, body: isi, status: status, closed_at: selesai, responded_at: balas}
defaults: {channel: sms, class: pengaduan}
values: {status: {Tuntas: closed}}`);
  const ctx: RowContext = {
    mapping, plan: planColumns(mapping, header).plan, header, zone: 'WIB', now: new Date('2026-01-01T00:00:00Z'),
    institutionId: 1, regions: new Set(['32', '32.73']), provinces: new Set(['32']), units: new Map(), maxFieldChars: 50,
  };
  it('normalises a good row and fingerprints one without id', () => {
    const r = normalizeRow(['', '12/03/2019 08:00', '0812-3456-7890', '  jalan rusak  ', 'Tuntas', '20/03/2019 08:00', '13/03/2019'], ctx);
    expect(r).toMatchObject({ reporterPhone: '+6281234567890', body: 'jalan rusak', status: 'closed', fingerprint: true });
    expect((r as { externalId: string }).externalId).toMatch(/^fp:[0-9a-f]{32}$/);
    const again = normalizeRow(['', '12/03/2019 08:00', '0812-3456-7890', 'jalan rusak', 'Tuntas', '20/03/2019 08:00', '13/03/2019'], ctx);
    expect((again as { externalId: string }).externalId).toBe((r as { externalId: string }).externalId);
  });
  it('names the field and the reason of a rejected row', () => {
    const row = (over: Partial<Record<number, string>>) => {
      const f = ['A1', '12/03/2019 08:00', '081234567890', 'isi', '', '', ''];
      for (const [k, v] of Object.entries(over)) f[Number(k)] = v!;
      return normalizeRow(f, ctx);
    };
    expect(row({ 1: '2030-01-01' })).toMatchObject({ field: 'received_at', reason: expect.stringMatching(/future/) });
    expect(row({ 2: '12345' })).toMatchObject({ field: 'reporter_phone' });
    expect(row({ 3: '' })).toMatchObject({ field: 'body' });
    expect(row({ 3: 'x'.repeat(51) })).toMatchObject({ field: 'isi', reason: expect.stringMatching(/51 characters/) });
    expect(row({ 4: 'Tuntas' })).toMatchObject({ field: 'status', reason: expect.stringMatching(/does not match/) });
    expect(row({ 5: '20/03/2019' })).toMatchObject({ field: 'responded_at', reason: expect.stringMatching(/closed complaint/) });
    expect(row({ 5: '01/03/2019', 6: '02/03/2019' })).toMatchObject({ field: 'responded_at', reason: expect.stringMatching(/before received_at/) });
  });
});
