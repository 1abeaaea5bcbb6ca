import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../../errors.js';
import { tr, type Lang, type Report, type Section } from './model.js';
import { renderReportTable, renderSectionTable } from './table.js';
import { renderSectionCsv } from './csv.js';
import { renderReportJson, renderResultJson, renderSectionJson } from './json.js';
import { writeFileAtomic } from './write.js';
import { fmt, L } from '../../i18n/index.js';

export * from './model.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx' | 'html' | 'pdf';

export interface OutputOptions {
  format?: Format;
  output?: string;
  lang?: Lang;
  /** CSV for Excel in an Indonesian locale: UTF-8 BOM, `;`, decimal comma. */
  csvExcel?: boolean;
  /** CSV of a report with several tables: the one to print. */
  section?: string;
  /** Tables: no fitting to the terminal's width. */
  wide?: boolean;
}

type ReportRenderer = (report: Report, lang: Lang, ctx: { now: Date }) => Promise<string | Uint8Array>;

/** Renderers for people's formats (xlsx, html, pdf) register here; table/csv/json are built in. */
export const reportRenderers: Partial<Record<Format, ReportRenderer>> = {
  xlsx: async (report, lang) => (await import('./xlsx.js')).renderReportXlsx(report, lang),
  html: async (report, lang) => (await import('./html.js')).renderReportHtml(report, lang),
  pdf: async (report, lang, ctx) => (await import('./pdf.js')).renderReportPdf(report, lang, ctx),
};

/** Adds `--format`, `--output`, `--csv-excel`, `--section` and `--wide` to a command. */
export function addOutputOptions(cmd: Command, formats: Format[] = ['table', 'csv', 'json']): Command {
  cmd.addOption(new Option('--format <format>', 'output format').choices(formats))
    .option('-o, --output <file>', formats.includes('csv') && formats.length > 3
      ? 'write to FILE (atomically) instead of stdout; with --format csv, a directory gets one CSV per table'
      : 'write to FILE (atomically) instead of stdout');
  if (formats.includes('csv')) {
    cmd.option('--csv-excel', 'CSV for Excel in an Indonesian locale: UTF-8 BOM, ";" between fields, decimal comma')
      .option('--section <name>', 'CSV of a report: print only this table (one table per CSV)');
  }
  if (formats.includes('table')) cmd.option('--wide', 'tables: show every column in full, whatever the terminal width');
  return cmd;
}

function chooseFormat(opts: OutputOptions): Format {
  if (opts.format) return opts.format;
  if (opts.csvExcel) return 'csv';
  const ext = opts.output?.match(/\.(csv|json|xlsx|pdf|html?)$/i)?.[1]?.toLowerCase();
  if (ext) return (ext === 'htm' ? 'html' : ext) as Format;
  return 'table';
}

function langOf(ctx: Context, opts: OutputOptions): Lang {
  return opts.lang ?? ctx.lang;
}

/** The "wrote FILE" line: only for a person at a terminal, never in a cron mail. */
function wrote(ctx: Context, file: string, lang: Lang): void {
  if (ctx.stderrIsTTY) ctx.info(fmt(L.wrote_file, lang, { file }));
}

async function deliver(ctx: Context, data: string | Uint8Array, opts: OutputOptions): Promise<void> {
  if (opts.output) {
    writeFileAtomic(opts.output, data);
    wrote(ctx, opts.output, langOf(ctx, opts));
  } else if (typeof data === 'string') {
    ctx.io.stdout.write(data);
  } else {
    if (ctx.stdoutIsTTY) throw new UsageError('this format is binary: give --output FILE');
    ctx.io.stdout.write(data);
  }
}

function tableOptions(ctx: Context, opts: OutputOptions) {
  const color = !opts.output && ctx.stdoutColor.level > 0;
  return { color, width: opts.wide || opts.output ? undefined : ctx.terminalWidth };
}

/** Prints a list (one section): table, CSV, or JSON (the envelope, `data` an array). */
export async function emitList(ctx: Context, section: Section, opts: OutputOptions): Promise<void> {
  const format = chooseFormat(opts);
  const lang = langOf(ctx, opts);
  let data: string;
  if (format === 'json') data = renderSectionJson(section, lang, ctx.commandName);
  else if (format === 'csv') data = renderSectionCsv(section, lang, { excel: opts.csvExcel });
  else if (format === 'table') data = renderSectionTable(section, lang, { ...tableOptions(ctx, opts), title: false }) + '\n';
  else return emitReport(ctx, { name: section.name, title: section.title, sections: [section] }, opts);
  await deliver(ctx, data, opts);
}

/** A command's result (one object) as JSON, in the envelope. */
export function emitResultJson(ctx: Context, result: unknown, opts: OutputOptions = {}): void {
  ctx.io.stdout.write(renderResultJson(result, langOf(ctx, opts), ctx.commandName));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return p.endsWith('/') || p.endsWith(path.sep);
  }
}

/** CSV of a report: one table per file (--section NAME, or --output DIR for one file each). */
async function emitReportCsv(ctx: Context, report: Report, opts: OutputOptions, lang: Lang): Promise<void> {
  const names = report.sections.map((s) => s.name);
  if (opts.section !== undefined) {
    const s = report.sections.find((x) => x.name === opts.section);
    if (!s) throw new UsageError(`--section '${opts.section}' is not a table of report ${report.name}: use one of ${names.join(', ')}`);
    return deliver(ctx, renderSectionCsv(s, lang, { excel: opts.csvExcel }), opts);
  }
  if (report.sections.length === 1) return deliver(ctx, renderSectionCsv(report.sections[0], lang, { excel: opts.csvExcel }), opts);
  if (opts.output && isDirectory(opts.output)) {
    fs.mkdirSync(opts.output, { recursive: true });
    for (const s of report.sections) {
      const file = path.join(opts.output, `${report.name}-${s.name}.csv`);
      writeFileAtomic(file, renderSectionCsv(s, lang, { excel: opts.csvExcel }));
      wrote(ctx, file, lang);
    }
    return;
  }
  throw new UsageError(`report ${report.name} has ${names.length} tables and a CSV holds one: give --section NAME (${names.join(', ')}), or --output DIR for one CSV each`);
}

/** Prints a report (several sections) in any format. Warnings always go to stderr as well. */
export async function emitReport(ctx: Context, report: Report, opts: OutputOptions): Promise<void> {
  const format = chooseFormat(opts);
  const lang = langOf(ctx, opts);
  for (const w of report.warnings ?? []) ctx.warn(tr(w, lang));
  if (format === 'csv') return emitReportCsv(ctx, report, opts, lang);
  let data: string | Uint8Array;
  if (format === 'json') data = renderReportJson(report, lang, ctx.commandName);
  else if (format === 'table') data = renderReportTable(report, lang, tableOptions(ctx, opts));
  else {
    const render = reportRenderers[format];
    if (!render) throw new UsageError(`format ${format} is not available for this command`);
    data = await render(report, lang, { now: ctx.now() });
  }
  await deliver(ctx, data, opts);
}
