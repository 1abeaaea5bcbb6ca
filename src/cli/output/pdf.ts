import PDFDocument from 'pdfkit';
import { metaText, rowCell, tr, type Column, type Lang, type Report, type Section } from './model.js';
import { withoutCliHints } from './html.js';
import { L, label, META, UI, VALUE } from '../../i18n/index.js';
import { formatLocalHuman } from '../../domain/time.js';

/**
 * A report as a printable PDF (pdfkit, pure JavaScript, no browser): A4 landscape, a kop with the
 * institution's name, the print date, every section as a table whose header row repeats on each
 * page, page numbers ("Halaman 2 dari 5"), and the warnings as one footnote. The standard
 * Helvetica font is used, so text is reduced to its Windows-1252 repertoire.
 */
const MARGIN = 36;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BLUE = '#1f4e79';

/** Characters outside WinAnsi (the standard fonts' encoding) replaced by their nearest ASCII. */
export function pdfText(s: string): string {
  return s.replace(/≥/g, '>=').replace(/≤/g, '<=').replace(/▶/g, '>').replace(/→/g, '->').replace(/×/g, 'x')
    // eslint-disable-next-line no-control-regex
    .replace(/[^\u0009\u000a\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

const isNum = (c: Column) => ['int', 'number', 'percent'].includes(c.type ?? 'text');

/** The kop: who the document is from. The scope label is "CODE Name" (or "nasional"). */
function kopName(report: Report, lang: Lang): string {
  const scope = report.meta?.scope;
  if (typeof scope === 'string' && scope !== 'nasional') return scope.replace(/^[\d.]+\s+|^[A-Z0-9_-]+\s+(?=[A-Z])/, '');
  return tr(L.national_administration, lang);
}

export async function renderReportPdf(report: Report, lang: Lang, opts: { now: Date }): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4', layout: 'landscape', margins: { top: MARGIN, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
    bufferPages: true, autoFirstPage: true,
    info: { Title: pdfText(tr(report.title, lang)), Creator: 'lapor', Producer: 'lapor (pdfkit)', CreationDate: opts.now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const printed = formatLocalHuman(opts.now, 'WIB');

  // Kop surat: the institution's name, the system, a double rule.
  doc.font(BOLD).fontSize(15).fillColor('black').text(pdfText(kopName(report, lang).toUpperCase()), MARGIN, MARGIN, { width, align: 'center' });
  doc.font(FONT).fontSize(9).text(pdfText(tr(L.letterhead_system, lang)), { width, align: 'center' });
  const ry = doc.y + 4;
  doc.moveTo(MARGIN, ry).lineTo(MARGIN + width, ry).lineWidth(2).stroke();
  doc.moveTo(MARGIN, ry + 3).lineTo(MARGIN + width, ry + 3).lineWidth(0.5).stroke();
  doc.y = ry + 12;
  doc.font(BOLD).fontSize(13).text(pdfText(tr(report.title, lang)), MARGIN, doc.y, { width, align: 'center' });
  if (report.subtitle) doc.font(FONT).fontSize(9).text(pdfText(withoutCliHints(tr(report.subtitle, lang))), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(8.5);
  const metaRows = Object.entries(report.meta ?? {}).filter(([, v]) => v !== null && v !== '');
  metaRows.push(['printed_at', printed]);
  for (const [k, v] of metaRows) {
    doc.font(BOLD).text(pdfText(`${label(META, k, lang)}: `), MARGIN, doc.y, { continued: true }).font(FONT).text(pdfText(metaText(v, lang, k, report.metaVocab?.[k])));
  }

  for (const s of report.sections) drawSection(doc, s, lang, width, bottom);

  const warnings = [...new Set((report.warnings ?? []).map((w) => withoutCliHints(tr(w, lang))))];
  if (warnings.length) {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc.moveDown(0.8).font(BOLD).fontSize(9).fillColor('black').text(pdfText(tr(UI.notes, lang)), MARGIN, doc.y, { width });
    doc.font(FONT).fontSize(8);
    warnings.forEach((w, i) => doc.text(pdfText(`${i + 1}. ${w}`), MARGIN, doc.y, { width }));
  }

  // Footer on every page: print date and "page i of n".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN;
    doc.font(FONT).fontSize(7.5).fillColor('#57606a');
    doc.text(pdfText(`${tr(UI.printed, lang)} ${printed} · lapor`), MARGIN, y, { width: width / 2, lineBreak: false });
    doc.text(pdfText(`${tr(UI.page, lang)} ${i - range.start + 1} ${tr(UI.page_of, lang)} ${range.count}`), MARGIN + width / 2, y,
      { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawSection(doc: PDFKit.PDFDocument, s: Section, lang: Lang, width: number, bottom: () => number): void {
  const pad = 3;
  const fs = 7.5;
  if (doc.y + 60 > bottom()) doc.addPage();
  doc.moveDown(0.8).font(BOLD).fontSize(10.5).fillColor(BLUE).text(pdfText(tr(s.title, lang)), MARGIN, doc.y, { width });
  doc.fillColor('black').moveDown(0.2);
  if (s.rows.length === 0) {
    doc.font(FONT).fontSize(8).text(pdfText(tr(VALUE.no_rows, lang)), MARGIN, doc.y, { width });
  } else {
    const head = s.columns.map((c) => pdfText(tr(c.header, lang)));
    const cells = s.rows.map((r) => s.columns.map((c) => pdfText(rowCell(r, c, lang, true))));
    // Widths: each column's widest cell (header words may wrap), scaled to the page.
    doc.fontSize(fs);
    // Each column wants its widest cell; it needs at least its longest word (so numbers and
    // tracking ids never break). Too wide for the page: every column gets what it needs, and the
    // rest of the width is shared in proportion to what each would still like.
    const longestWord = (t: string) => Math.max(0, ...t.split(/[\s/]+/).map((x) => doc.widthOfString(x)));
    const need: number[] = [];
    const want = s.columns.map((_, i) => {
      doc.font(BOLD);
      const h = longestWord(head[i]);
      doc.font(FONT);
      const sample = cells.slice(0, 300).map((r) => r[i]);
      const c = Math.max(0, ...sample.map((t) => doc.widthOfString(t)));
      need.push(Math.min(90, Math.max(h, 14, ...sample.map(longestWord))) + 2 * pad + 1.5);
      return Math.max(need[i], Math.min(220, Math.max(h, c, 14)) + 2 * pad + 1.5);
    });
    const total = want.reduce((a, b) => a + b, 0);
    const needed = need.reduce((a, b) => a + b, 0);
    const w = total <= width ? want
      : needed >= width ? need.map((x) => (x * width) / needed)
        : want.map((x, i) => need[i] + ((x - need[i]) * (width - needed)) / (total - needed));
    const rowHeight = (texts: string[], font: string) => {
      doc.font(font).fontSize(fs);
      return Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: w[i] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (texts: string[], header: boolean, shade: boolean) => {
      const h = rowHeight(texts, header ? BOLD : FONT);
      const y = doc.y;
      let x = MARGIN;
      if (header) doc.rect(MARGIN, y, w.reduce((a, b) => a + b, 0), h).fill(BLUE);
      else if (shade) doc.rect(MARGIN, y, w.reduce((a, b) => a + b, 0), h).fill('#f2f5f8');
      doc.fillColor(header ? 'white' : 'black').font(header ? BOLD : FONT).fontSize(fs);
      texts.forEach((t, i) => {
        doc.text(t, x + pad, y + pad, { width: w[i] - 2 * pad, align: !header && isNum(s.columns[i]) ? 'right' : 'left' });
        x += w[i];
      });
      doc.fillColor('black');
      doc.y = y + h;
      doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + w.reduce((a, b) => a + b, 0), doc.y).lineWidth(0.3).strokeColor('#c8d1da').stroke();
      doc.strokeColor('black');
    };
    drawRow(head, true, false);
    cells.forEach((r, i) => {
      if (doc.y + rowHeight(r, FONT) > bottom()) {
        doc.addPage();
        drawRow(head, true, false); // the header row again on every page
      }
      drawRow(r, false, i % 2 === 1);
    });
  }
  doc.x = MARGIN;
  for (const n of s.notes ?? []) doc.font('Helvetica-Oblique').fontSize(7.5).fillColor('#57606a').text(pdfText(withoutCliHints(tr(n, lang))), MARGIN, doc.y + 2, { width });
  doc.fillColor('black');
}
