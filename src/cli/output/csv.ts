import { stringify } from 'csv-stringify/sync';
import { cellText, tr, type Lang, type Report, type Section } from './model.js';

/**
 * CSV/XLSX formula injection: a text cell starting with = + - @ (or tab/CR, which some
 * spreadsheets strip first) would be run as a formula. Prefix it with an apostrophe.
 * Numbers are typed, so a negative number is never touched.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function renderSectionCsv(section: Section, lang: Lang): string {
  const head = section.columns.map((c) => tr(c.header, lang));
  const body = section.rows.map((row) =>
    section.columns.map((c) => {
      const v = row[c.key];
      const text = cellText(v, c.type === 'percent' ? 'number' : c.type);
      return typeof v === 'string' ? neutralizeFormula(text) : text;
    }),
  );
  return stringify([head, ...body]);
}

/** A multi-section report as CSV: one block per section, each headed by `# title`, blank line between. */
export function renderReportCsv(report: Report, lang: Lang): string {
  if (report.sections.length === 1) return renderSectionCsv(report.sections[0], lang);
  return report.sections
    .map((s) => `# ${s.name}: ${tr(s.title, lang)}\n${renderSectionCsv(s, lang)}`)
    .join('\n');
}
