/**
 * What every command prints, as data: one or more sections of typed columns and rows. The same
 * value renders as a terminal table, CSV, JSON (and, for reports, XLSX and HTML).
 */
export type Lang = 'id' | 'en';
export type Text = string | { id: string; en: string };
export type ColumnType = 'text' | 'int' | 'number' | 'percent' | 'date' | 'datetime' | 'bool';

export interface Column {
  key: string;
  header: Text;
  type?: ColumnType;
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
  sections: Section[];
  warnings?: Text[];
}

export function tr(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

/** One cell as text, the same in table and CSV. */
export function cellText(value: unknown, type: ColumnType | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (type === 'percent' && typeof value === 'number') return `${value.toFixed(1)}%`;
  if (type === 'number' && typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A value fit for JSON: dates as ISO strings, everything else as it is. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}
