import Table from 'cli-table3';
import { metaText, rowCell, tr, type Column, type Lang, type Report, type Row, type Section } from './model.js';
import { label, META, VALUE } from '../../i18n/index.js';

/** Strips control characters that could drive the terminal (database text is untrusted). */
export function sanitizeForTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

export interface TableOptions {
  color: boolean;
  title?: boolean;
  /** Terminal width to fit (undefined: no limit, e.g. piped output without $COLUMNS, or --wide). */
  width?: number;
}

const MIN_COL = 6;

/** Display width of a string (every code point as one column; good enough for Latin text). */
const width = (s: string) => Math.max(0, ...s.split('\n').map((l) => [...l].length));

/**
 * Column widths that fit `total` terminal columns: each column wants its widest cell; while the
 * table is too wide the widest column gives up a column (never below MIN_COL). Cells wrap.
 */
export function fitWidths(want: number[], total: number): number[] {
  const w = [...want];
  const frame = 3 * w.length + 1; // "│ " + " │" per column, sharing borders
  const budget = Math.max(total - frame, w.length * MIN_COL);
  let sum = w.reduce((a, b) => a + b, 0);
  while (sum > budget) {
    let i = 0;
    for (let j = 1; j < w.length; j++) if (w[j] > w[i]) i = j;
    if (w[i] <= MIN_COL) break;
    w[i]--;
    sum--;
  }
  return w;
}

/** Truncates every line of a cell to `n` columns, with an ellipsis. */
function truncate(s: string, n: number): string {
  return s.split('\n').map((l) => ([...l].length > n ? [...l].slice(0, Math.max(1, n - 1)).join('') + '…' : l)).join('\n');
}

export function renderSectionTable(section: Section, lang: Lang, opts: TableOptions): string {
  const lines: string[] = [];
  if (opts.title !== false) lines.push(tr(section.title, lang));
  if (section.rows.length === 0) {
    lines.push(tr(VALUE.no_rows, lang));
  } else {
    const head = section.columns.map((c) => tr(c.header, lang));
    const cells = section.rows.map((row: Row) => section.columns.map((c: Column) => sanitizeForTerminal(rowCell(row, c, lang, true))));
    const natural = head.map((h, i) => Math.min(80, Math.max(width(h), ...cells.map((r) => width(r[i])))));
    const tooWide = opts.width !== undefined && natural.reduce((a, b) => a + b, 0) + 3 * natural.length + 1 > opts.width;
    // Too wide: headers wrap at their words first, then the widest columns give way.
    const want = tooWide
      ? head.map((h, i) => Math.min(40, Math.max(4, ...h.split(/\s+/).map(width), ...cells.map((r) => width(r[i])))))
      : natural;
    const fitted = tooWide ? fitWidths(want, opts.width!) : want;
    const narrowed = tooWide;
    const table = new Table({
      head,
      style: opts.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
      colAligns: section.columns.map((c) =>
        ['int', 'number', 'percent'].includes(c.type ?? 'text') ? 'right' : 'left'),
      ...(narrowed ? { colWidths: fitted.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: true } : { wordWrap: true }),
      // No rule between rows: long lists stay readable.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    // A wrapped cell of more than three lines is cut: --wide shows it whole.
    for (const r of cells) table.push(narrowed ? r.map((c, i) => (c.length > fitted[i] * 3 ? truncate(c.slice(0, fitted[i] * 3), fitted[i] * 3) : c)) : r);
    lines.push(table.toString());
  }
  for (const note of section.notes ?? []) lines.push(tr(note, lang));
  return lines.join('\n');
}

/** Meta lines for people: `cakupan: 32.73 Kota Bandung`. */
export function metaLines(report: Report, lang: Lang): string[] {
  return Object.entries(report.meta ?? {}).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${label(META, k, lang)}: ${metaText(v, lang, k, report.metaVocab?.[k])}`);
}

/** A report on a terminal. Its warnings go to stderr (the caller), not into the data. */
export function renderReportTable(report: Report, lang: Lang, opts: TableOptions): string {
  const head = [tr(report.title, lang)];
  if (report.subtitle) head.push(tr(report.subtitle, lang));
  head.push(...metaLines(report, lang));
  const parts = [head.join('\n')];
  for (const s of report.sections) parts.push(renderSectionTable(s, lang, opts));
  return parts.join('\n\n') + '\n';
}
