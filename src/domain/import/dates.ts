/**
 * Dates and times as legacy files write them (DESIGN §7), always read in an explicit local zone:
 * ISO 8601 (with or without offset), `dd/mm/yyyy [HH:MM[:SS]]`, `dd-mm-yyyy`, `dd.mm.yyyy`,
 * Indonesian (and English) month names (`12 Maret 2019`, `Senin, 12 Mar 2019 pukul 14.30 WIB`),
 * and Excel serial numbers (`43536.5`, or `43536,5` from an Indonesian Excel). A zone written in the text (WIB/WITA/WIT, an offset)
 * wins over the default one. Pure: no clock.
 */
import { isValidDate, localTimeToInstant, ZONE_OFFSET_MINUTES, type Zone } from '../time.js';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nopember: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};
const DAY_NAMES = /^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+/i;
const ZONE_SUFFIX = /\s*\b(WIB|WITA|WIT)$/i;

// Excel's day 0 is 1899-12-30 (which absorbs its 1900 leap-year bug for every serial after 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// Serial numbers taken as dates: 1970-01-01 … 2099-12-31. Anything else numeric is not a date.
const EXCEL_MIN = 25569;
const EXCEL_MAX = 73415;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1];
}

function isoInstant(m: RegExpExecArray, zone: Zone): Date | undefined {
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  const h = m[4] === undefined ? 0 : +m[4], mi = m[5] === undefined ? 0 : +m[5], sec = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Math.floor(+m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMin: number;
  const tz = m[8];
  if (tz === undefined) offsetMin = ZONE_OFFSET_MINUTES[zone];
  else if (tz === 'Z') offsetMin = 0;
  else {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2), om = digits.length > 2 ? +digits.slice(2) : 0;
    if (oh > 14 || om > 59) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function year4(y: string): number | undefined {
  if (y.length === 4) return Number(y);
  if (y.length === 2) {
    const n = Number(y);
    return n < 70 ? 2000 + n : 1900 + n;
  }
  return undefined;
}

/** `14:30`, `14.30`, `14:30:05`, `2.30 PM` → `HH:MM:SS`, or undefined. */
function parseTime(t: string): string | undefined {
  const m = /^(?:pukul\s+|jam\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(t.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  if (m[4]) {
    if (h < 1 || h > 12) return undefined;
    const pm = m[4].toLowerCase().startsWith('p');
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${pad(h)}:${pad(mi)}:${pad(s)}`;
}

function build(y: number | undefined, mo: number, d: number, time: string | undefined, zone: Zone): Date | undefined {
  if (y === undefined || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (!isValidDate(date)) return undefined;
  return localTimeToInstant(date, time ?? '00:00:00', zone);
}

/**
 * Parses one legacy date/time cell; naive times are local time in `zone`. Returns undefined when
 * the text is not a date this function knows (the caller rejects the row and says so).
 */
export function parseLegacyDate(text: string, zone: Zone, order: DateOrder = 'dmy'): Date | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  // A zone written in the text wins.
  const zm = ZONE_SUFFIX.exec(s);
  if (zm) {
    zone = zm[1].toUpperCase() as Zone;
    s = s.slice(0, zm.index).trim();
  }
  // ISO 8601 first: the common case of a plain export (the hot path: no Date parsing of text).
  const iso = ISO_RE.exec(s);
  if (iso) return isoInstant(iso, zone);
  // Excel serial number (days since 1899-12-30, fraction = time of day), local time.
  if (/^\d{5}(?:[.,]\d+)?$/.test(s)) {
    const serial = Number(s.replace(',', '.'));
    if (serial < EXCEL_MIN || serial > EXCEL_MAX) return undefined;
    const wallMs = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000;
    return new Date(wallMs - ZONE_OFFSET_MINUTES[zone] * 60_000);
  }
  s = s.replace(DAY_NAMES, '');
  // Numeric dates with / - . separators, then an optional time.
  let m = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[\sT,]+(.+))?$/.exec(s);
  if (m) {
    const time = m[5] !== undefined ? parseTime(m[5]) : undefined;
    if (m[5] !== undefined && time === undefined) return undefined;
    const [a, b, c] = [m[1], m[3], m[4]];
    if (a.length === 4) return build(Number(a), Number(b), Number(c), time, zone); // yyyy/mm/dd
    if (c.length !== 4 && c.length !== 2) return undefined;
    if (order === 'mdy') return build(year4(c), Number(a), Number(b), time, zone);
    if (order === 'ymd') return undefined;
    return build(year4(c), Number(b), Number(a), time, zone);
  }
  // Month names: `12 Maret 2019`, `12-Mar-2019`, `12 Maret 2019 14.30`, `Maret 12, 2019`.
  m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4}|\d{2})(?:[\s,]+(.+))?$/.exec(s);
  if (m) {
    const mo = MONTHS[m[2].toLowerCase()];
    if (mo === undefined) return undefined;
    const time = m[4] !== undefined ? parseTime(m[4]) : undefined;
    if (m[4] !== undefined && time === undefined) return undefined;
    return build(year4(m[3]), mo, Number(m[1]), time, zone);
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\s,]+(.+))?$/.exec(s);
  if (m) {
    const mo = MONTHS[m[1].toLowerCase()];
    if (mo === undefined) return undefined;
    const time = m[4] !== undefined ? parseTime(m[4]) : undefined;
    if (m[4] !== undefined && time === undefined) return undefined;
    return build(Number(m[3]), mo, Number(m[2]), time, zone);
  }
  return undefined;
}
