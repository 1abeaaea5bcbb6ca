import { stringify } from 'csv-stringify/sync';
import { rowCell, tr, type Lang, type Section } from './model.js';

/**
 * CSV/XLSX formula injection: a text cell starting with = + - @ (or tab/CR, which some
 * spreadsheets strip first) would be run as a formula. Prefix it with an apostrophe.
 * Numbers are typed, so a negative number is never touched.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export interface CsvOptions {
  /** Excel with an Indonesian locale: UTF-8 BOM, `;` between fields, decimal comma. */
  excel?: boolean;
}

/** One table as CSV: a header row, then the rows. Instants in ISO 8601 with their zone's offset. */
export function renderSectionCsv(section: Section, lang: Lang, opts: CsvOptions = {}): string {
  const head = section.columns.map((c) => tr(c.header, lang));
  const body = section.rows.map((row) =>
    section.columns.map((c) => {
      const v = row[c.key];
      let text = rowCell(row, c.type === 'percent' ? { ...c, type: 'number' } : c, lang, false);
      if (opts.excel && typeof v === 'number' && !Number.isInteger(v)) text = text.replace('.', ',');
      // Labels of a vocabulary too: a code the vocabulary does not know is printed as it is stored.
      return typeof v === 'string' ? neutralizeFormula(text) : text;
    }),
  );
  const csv = stringify([head, ...body], { delimiter: opts.excel ? ';' : ',', record_delimiter: opts.excel ? '\r\n' : '\n' });
  return opts.excel ? `\ufeff${csv}` : csv;
}
