/**
 * Local time of Indonesia (DESIGN §6): three fixed offsets, no daylight saving. Calendar dates are
 * plain `YYYY-MM-DD` strings; instants are JS Dates. Pure: no clock, no IO.
 */
export type Zone = 'WIB' | 'WITA' | 'WIT';
export const ZONES: readonly Zone[] = ['WIB', 'WITA', 'WIT'];
export const ZONE_OFFSET_MINUTES: Record<Zone, number> = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 };

const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

/** The zone of a region code (`32`, `32.73`); K/L and national steps (no region) use WIB. */
export function zoneForRegion(regionCode: string | null | undefined): Zone {
  if (!regionCode) return 'WIB';
  const province = regionCode.slice(0, 2);
  if (WITA_PROVINCES.has(province)) return 'WITA';
  if (WIT_PROVINCES.has(province)) return 'WIT';
  return 'WIB';
}

export function isZone(value: string): value is Zone {
  return (ZONES as readonly string[]).includes(value);
}

/** The calendar date of an instant in a zone. */
export function localDate(instant: Date, zone: Zone): string {
  return new Date(instant.getTime() + ZONE_OFFSET_MINUTES[zone] * 60_000).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time. */
export function localTimeToInstant(date: string, time: string, zone: Zone): Date {
  const ms = Date.parse(`${date}T${time}Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid local time: ${date} ${time}`);
  return new Date(ms - ZONE_OFFSET_MINUTES[zone] * 60_000);
}

/** 23:59:59 local time of a date: the end of a working day, when deadlines fall. */
export function endOfLocalDay(date: string, zone: Zone): Date {
  return localTimeToInstant(date, '23:59:59', zone);
}

function offsetSuffix(zone: Zone): string {
  const m = ZONE_OFFSET_MINUTES[zone];
  return `+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** ISO 8601 with the zone's offset, e.g. `2026-03-27T23:59:59+07:00` (milliseconds only when present). */
export function formatInstant(instant: Date, zone: Zone): string {
  const shifted = new Date(instant.getTime() + ZONE_OFFSET_MINUTES[zone] * 60_000).toISOString();
  const body = shifted.endsWith('.000Z') ? shifted.slice(0, 19) : shifted.slice(0, 23);
  return body + offsetSuffix(zone);
}

/**
 * Local time for people (tables, explain, HTML, PDF): `02-11-2026 09.30 WIB`, the way Indonesian
 * official documents write it (dd-mm-yyyy, hours and minutes with a dot, the zone's name).
 * JSON and CSV keep ISO 8601 (`formatInstant`).
 */
export function formatLocalHuman(instant: Date, zone: Zone): string {
  const iso = new Date(instant.getTime() + ZONE_OFFSET_MINUTES[zone] * 60_000).toISOString();
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)} ${iso.slice(11, 13)}.${iso.slice(14, 16)} ${zone}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * Parses an instant given on the command line or in a file: ISO with an offset, a naive local
 * time (taken in `zone`), or a bare date (00:00 local). Returns undefined for anything else.
 */
export function parseInstant(text: string, zone: Zone): Date | undefined {
  const s = text.trim();
  if (DATE_RE.test(s)) return isValidDate(s) ? localTimeToInstant(s, '00:00:00', zone) : undefined;
  const m = INSTANT_RE.exec(s);
  if (!m || !isValidDate(m[1])) return undefined;
  const [, date, hh, mm, ss = '00', frac = '', tz] = m;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const time = `${hh}:${mm}:${ss}${frac.slice(0, 4)}`;
  if (tz === undefined) return localTimeToInstant(date, time, zone);
  const ms = Date.parse(`${date}T${time}${tz === 'Z' ? 'Z' : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
/** 9999-12-31T23:59:59.999Z: beyond it toISOString writes a six-digit year. */
const MAX_4_DIGIT_YEAR_MS = 253_402_300_799_999;

/**
 * The same text as `instant.toISOString()`, faster (figures in bench/README.md): a bulk import
 * writes one per complaint and event (4–5 per row), and toISOString was a large part of its CPU. The date
 * comes from the day number by the civil-from-days algorithm (H. Hinnant), the time by arithmetic.
 */
export function isoUtc(instant: Date): string {
  const ms = instant.getTime();
  if (!(ms >= 0 && ms <= MAX_4_DIGIT_YEAR_MS)) return instant.toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // civil_from_days, for days since 1970-01-01 ≥ 0
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
}
