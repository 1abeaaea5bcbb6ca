/**
 * What every command prints, as data: one or more sections of typed columns and rows. The same
 * value renders as a terminal table, CSV, JSON (and, for reports, XLSX and HTML).
 */
import { IMPORT_STATUS, label, META_VALUE, t, VALUE, type Lang, type Pair, type Text } from '../../i18n/index.js';
import { formatInstant, formatLocalHuman, isZone, type Zone } from '../../domain/time.js';

export type { Lang, Pair, Text } from '../../i18n/index.js';
export type ColumnType = 'text' | 'int' | 'number' | 'percent' | 'date' | 'datetime' | 'bool';

export interface Column {
  key: string;
  header: Text;
  type?: ColumnType;
  /**
   * The cells are codes of this vocabulary (src/i18n): people see the label, JSON prints the code
   * under `key` and the label under `key_label`.
   */
  vocab?: Readonly<Record<string, Pair>>;
  /** datetime cells: the row field holding the zone (WIB/WITA/WIT) to show them in; default WIB. */
  zoneKey?: string;
}

export type Row = Record<string, unknown>;

export interface Section {
  /** Machine name: the key in JSON, the sheet name in XLSX. */
  name: string;
  title: Text;
  columns: Column[];
  rows: Row[];
  /** Printed under the table (e.g. "no official holiday list for 2027"). */
  notes?: Text[];
}

export interface Report {
  name: string;
  title: Text;
  subtitle?: Text;
  /** Parameters that produced it (as-of, period, scope): printed in every format. */
  meta?: Record<string, string | number | boolean | null>;
  /** The vocabulary of a meta value that is a code, where META_VALUE (shared by every report) has none for its key. */
  metaVocab?: Readonly<Record<string, Readonly<Record<string, Pair>>>>;
  sections: Section[];
  warnings?: Text[];
}

export const tr = t;

/** The zone a datetime cell of this row is shown in. */
export function cellZone(row: Row, c: Column): Zone {
  const z = c.zoneKey ? row[c.zoneKey] : undefined;
  return typeof z === 'string' && isZone(z) ? z : 'WIB';
}

/**
 * One cell as text. `human` (table, HTML, PDF): local times as `02-11-2026 09.30 WIB`; otherwise
 * (CSV) ISO 8601 with the zone's offset. Codes of a vocabulary and yes/no in the run's language.
 */
export function cellText(value: unknown, type: ColumnType | undefined, lang: Lang = 'id',
  opts: { human?: boolean; zone?: Zone; vocab?: Column['vocab'] } = {}): string {
  if (value === null || value === undefined) return '';
  if (opts.vocab && typeof value === 'string') return label(opts.vocab, value, lang);
  if (value instanceof Date) {
    if (type === 'date') return value.toISOString().slice(0, 10);
    const zone = opts.zone ?? 'WIB';
    return opts.human ? formatLocalHuman(value, zone) : formatInstant(value, zone);
  }
  if (type === 'percent' && typeof value === 'number') return `${value.toFixed(1)}%`;
  if (type === 'number' && typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (typeof value === 'boolean') return t(value ? VALUE.yes : VALUE.no, lang);
  return String(value);
}

/** A row's cell as text for people or CSV. */
export function rowCell(row: Row, c: Column, lang: Lang, human: boolean): string {
  return cellText(row[c.key], c.type, lang, { human, zone: cellZone(row, c), vocab: c.vocab });
}

/** A meta value for people: codes known to the catalogue in the run's language. */
export function metaText(v: string | number | boolean | null, lang: Lang, key?: string,
  own?: Readonly<Record<string, Pair>>): string {
  if (v === null) return '';
  const vocab = own ?? (key === undefined ? undefined : META_VALUE[key]);
  if (vocab && typeof v === 'string') return label(vocab, v, lang);
  // An instant (as_of, received_at) as people read it, in the zone its offset names (else WIB).
  if (typeof v === 'string' && META_INSTANT.test(v)) return formatLocalHuman(new Date(v), ZONE_OF_OFFSET[v.slice(-6)] ?? 'WIB');
  if (typeof v === 'boolean') return t(v ? VALUE.yes : VALUE.no, lang);
  if (typeof v === 'string' && (v === 'masked' || v === 'revealed' || v === 'all')) return t(VALUE[v], lang);
  if (v === 'nasional') return t(VALUE.national_scope, lang);
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(IMPORT_STATUS, v)) return t(IMPORT_STATUS[v as keyof typeof IMPORT_STATUS], lang);
  return String(v);
}

const META_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ZONE_OF_OFFSET: Record<string, Zone> = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' };

/** A value fit for JSON: dates as ISO strings, everything else as it is. */
export function jsonValue(value: unknown, zone: Zone = 'WIB'): unknown {
  if (value instanceof Date) return formatInstant(value, zone);
  return value === undefined ? null : value;
}
