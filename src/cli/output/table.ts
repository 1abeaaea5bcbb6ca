import Table from 'cli-table3';
import { cellText, tr, type Lang, type Report, type Section } from './model.js';

/** Strips control characters that could drive the terminal (database text is untrusted). */
export function sanitizeForTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

export function renderSectionTable(section: Section, lang: Lang, opts: { color: boolean; title?: boolean }): string {
  const lines: string[] = [];
  if (opts.title !== false) lines.push(tr(section.title, lang));
  if (section.rows.length === 0) {
    lines.push(lang === 'id' ? '(tidak ada data)' : '(no rows)');
  } else {
    const table = new Table({
      head: section.columns.map((c) => tr(c.header, lang)),
      style: opts.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
      colAligns: section.columns.map((c) =>
        ['int', 'number', 'percent'].includes(c.type ?? 'text') ? 'right' : 'left'),
      wordWrap: true,
      // No rule between rows: long lists stay readable.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const row of section.rows) {
      table.push(section.columns.map((c) => sanitizeForTerminal(cellText(row[c.key], c.type))));
    }
    lines.push(table.toString());
  }
  for (const note of section.notes ?? []) lines.push(tr(note, lang));
  return lines.join('\n');
}

export function renderReportTable(report: Report, lang: Lang, opts: { color: boolean }): string {
  const head = [tr(report.title, lang)];
  if (report.subtitle) head.push(tr(report.subtitle, lang));
  for (const [k, v] of Object.entries(report.meta ?? {})) head.push(`${k}: ${v ?? ''}`);
  const parts = [head.join('\n')];
  for (const s of report.sections) parts.push(renderSectionTable(s, lang, opts));
  for (const w of report.warnings ?? []) parts.push(`! ${tr(w, lang)}`);
  return parts.join('\n\n') + '\n';
}
