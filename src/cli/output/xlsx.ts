import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv.js';
import { cellZone, metaText, tr, type Column, type Lang, type Report, type Row, type Section } from './model.js';
import { label, META, UI } from '../../i18n/index.js';
import { ZONE_OFFSET_MINUTES } from '../../domain/time.js';

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'sheet';
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 28)}_${i}`;
  used.add(n.toLowerCase());
  return n;
}

/** A typed cell value: numbers stay numbers (the same as the JSON), text is neutralised against formulas. */
function cellValue(row: Row, c: Column, lang: Lang): ExcelJS.CellValue {
  const v = row[c.key];
  if (v === null || v === undefined) return null;
  if (c.vocab && typeof v === 'string') return neutralizeFormula(label(c.vocab, v, lang));
  switch (c.type) {
    case 'percent': {
      // A fraction with a % format: Excel computes with 0.875, shows 87.5%.
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n / 100 : neutralizeFormula(String(v));
    }
    case 'datetime': {
      // Excel cells have no zone: the holder's local wall-clock time, as the people reading it do.
      const d = v instanceof Date ? v : new Date(String(v));
      if (Number.isNaN(d.getTime())) return neutralizeFormula(String(v));
      return new Date(d.getTime() + ZONE_OFFSET_MINUTES[cellZone(row, c)] * 60_000);
    }
    case 'int':
    case 'number':
      return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : neutralizeFormula(String(v));
    case 'bool':
      return typeof v === 'boolean' ? v : String(v) === 'true';
    case 'date': {
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : neutralizeFormula(s);
    }
    default:
      return neutralizeFormula(v instanceof Date ? v.toISOString() : String(v));
  }
}

const NUM_FMT: Partial<Record<NonNullable<Column['type']>, string>> = {
  int: '0', number: '0.0', percent: '0.0%', date: 'dd-mm-yyyy', datetime: 'dd-mm-yyyy hh:mm',
};

function addSection(wb: ExcelJS.Workbook, s: Section, lang: Lang, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(tr(s.title, lang), used), {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed landscape, as wide as one page, the header row repeated on every page.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = s.columns.map((c) => ({
    header: tr(c.header, lang),
    key: c.key,
    width: Math.min(60, Math.max(10, tr(c.header, lang).length + 2,
      ...s.rows.slice(0, 200).map((r) => (c.type === 'datetime' ? 17 : String(r[c.key] ?? '').length + 1)))),
    style: NUM_FMT[c.type ?? 'text'] ? { numFmt: NUM_FMT[c.type ?? 'text'] } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  head.alignment = { vertical: 'middle', wrapText: true };
  for (const row of s.rows) ws.addRow(s.columns.map((c) => cellValue(row, c, lang)));
  // The filter covers the header and the data rows, nothing else (notes sit below a blank row).
  if (s.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + s.rows.length, column: s.columns.length } };
  if (s.notes?.length) ws.addRow([]);
  for (const note of s.notes ?? []) {
    const r = ws.addRow([neutralizeFormula(tr(note, lang))]);
    r.font = { italic: true };
    r.getCell(1).numFmt = '@';
  }
}

/** A report as an XLSX workbook: a cover sheet (title, parameters, warnings), then one sheet per section. */
export async function renderReportXlsx(report: Report, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lapor';
  wb.created = new Date(0);
  const used = new Set<string>();
  const info = wb.addWorksheet(sheetName(tr(UI.info_sheet, lang), used), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  info.columns = [{ width: 24 }, { width: 80 }];
  info.addRow([neutralizeFormula(tr(report.title, lang))]).font = { bold: true, size: 14 };
  if (report.subtitle) info.addRow([neutralizeFormula(tr(report.subtitle, lang))]);
  info.addRow([]);
  for (const [k, v] of Object.entries(report.meta ?? {})) {
    info.addRow([label(META, k, lang), typeof v === 'string' ? neutralizeFormula(metaText(v, lang, k, report.metaVocab?.[k])) : v]).getCell(1).font = { bold: true };
  }
  for (const w of report.warnings ?? []) info.addRow(['!', neutralizeFormula(tr(w, lang))]).font = { color: { argb: 'FF9C0006' } };
  for (const s of report.sections) addSection(wb, s, lang, used);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
