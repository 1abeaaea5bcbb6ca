import { jsonValue, tr, type Lang, type Report, type Row, type Section } from './model.js';

function rowsToJson(section: Section): Row[] {
  return section.rows.map((r) => Object.fromEntries(section.columns.map((c) => [c.key, jsonValue(r[c.key])])));
}

/** A list prints as a JSON array of objects keyed by column key (stable, language-independent). */
export function renderSectionJson(section: Section): string {
  return JSON.stringify(rowsToJson(section), null, 2) + '\n';
}

/** A report prints as `{ report, title, meta, warnings, sections: { name: [rows] } }`. */
export function renderReportJson(report: Report, lang: Lang): string {
  const doc = {
    report: report.name,
    title: tr(report.title, lang),
    meta: report.meta ?? {},
    warnings: (report.warnings ?? []).map((w) => tr(w, lang)),
    sections: Object.fromEntries(report.sections.map((s) => [s.name, rowsToJson(s)])),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
