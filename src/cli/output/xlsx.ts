import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv.js';
import { tr, type Column, type Lang, type Report, type Section } from './model.js';

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'sheet';
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 28)}_${i}`;
  used.add(n.toLowerCase());
  return n;
}

/** A typed cell value: numbers stay numbers (the same as the JSON), text is neutralised against formulas. */
function cellValue(v: unknown, c: Column): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (c.type) {
    case 'int':
    case 'number':
    case 'percent':
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
  int: '0', number: '0.0', percent: '0.0"%"', date: 'yyyy-mm-dd',
};

function addSection(wb: ExcelJS.Workbook, s: Section, lang: Lang, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(s.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.columns.map((c) => ({
    header: tr(c.header, lang),
    key: c.key,
    width: Math.min(60, Math.max(10, tr(c.header, lang).length + 2,
      ...s.rows.slice(0, 200).map((r) => String(r[c.key] ?? '').length + 1))),
    style: NUM_FMT[c.type ?? 'text'] ? { numFmt: NUM_FMT[c.type ?? 'text'] } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  head.alignment = { vertical: 'middle', wrapText: true };
  for (const row of s.rows) ws.addRow(s.columns.map((c) => cellValue(row[c.key], c)));
  if (s.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  for (const note of s.notes ?? []) ws.addRow([neutralizeFormula(tr(note, lang))]).font = { italic: true };
}

/** A report as an XLSX workbook: a cover sheet (title, parameters, warnings), then one sheet per section. */
export async function renderReportXlsx(report: Report, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lapor';
  wb.created = new Date(0);
  const used = new Set<string>();
  const info = wb.addWorksheet(sheetName(lang === 'id' ? 'info' : 'about', used));
  info.columns = [{ width: 24 }, { width: 80 }];
  info.addRow([neutralizeFormula(tr(report.title, lang))]).font = { bold: true, size: 14 };
  if (report.subtitle) info.addRow([neutralizeFormula(tr(report.subtitle, lang))]);
  info.addRow([]);
  for (const [k, v] of Object.entries(report.meta ?? {})) {
    info.addRow([k, typeof v === 'string' ? neutralizeFormula(v) : v]).getCell(1).font = { bold: true };
  }
  for (const w of report.warnings ?? []) info.addRow(['!', neutralizeFormula(tr(w, lang))]).font = { color: { argb: 'FF9C0006' } };
  for (const s of report.sections) addSection(wb, s, lang, used);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
