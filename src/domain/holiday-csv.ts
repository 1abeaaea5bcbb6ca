import { parse } from 'csv-parse/sync';
import { HOLIDAY_KINDS, type Holiday, type HolidayKind } from './calendar.js';
import { isValidDate } from './time.js';

export interface ParseProblem {
  line: number;
  message: string;
}

export interface HolidayCsvResult {
  holidays: Holiday[];
  problems: ParseProblem[];
}

const HEADER = ['tanggal', 'nama', 'jenis'];

/**
 * Parses a holiday list (`tanggal,nama,jenis`, as SKB 3 Menteri lists are kept in data/hari_libur.csv).
 * Reports every problem at once with its line; the caller writes nothing unless there are none.
 */
export function parseHolidayCsv(text: string): HolidayCsvResult {
  const problems: ParseProblem[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return { holidays: [], problems: [{ line: 1, message: `not readable as CSV: ${(err as Error).message}` }] };
  }
  if (records.length === 0) return { holidays: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const header = records[0].map((h) => h.toLowerCase());
  if (header.join(',') !== HEADER.join(',')) {
    return {
      holidays: [],
      problems: [{ line: 1, message: `header is '${records[0].join(',')}'; expected '${HEADER.join(',')}'` }],
    };
  }
  const holidays: Holiday[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    if (rec.length !== 3) {
      problems.push({ line, message: `expected 3 columns (tanggal,nama,jenis), found ${rec.length}` });
      return;
    }
    const [date, name, kind] = rec;
    if (!isValidDate(date)) problems.push({ line, message: `tanggal '${date}' is not a date (YYYY-MM-DD)` });
    if (name === '') problems.push({ line, message: 'nama is empty' });
    if (!(HOLIDAY_KINDS as readonly string[]).includes(kind) || kind === 'regional') {
      problems.push({ line, message: `jenis '${kind}' must be libur_nasional or cuti_bersama` });
    }
    const k = `${date}|${name}`;
    if (seen.has(k)) problems.push({ line, message: `${date} '${name}' is listed twice` });
    seen.add(k);
    holidays.push({ date, name, kind: kind as HolidayKind });
  });
  if (holidays.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has a header but no holidays' });
  return { holidays: problems.length ? [] : holidays, problems };
}
