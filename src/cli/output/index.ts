import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../../errors.js';
import { tr, type Lang, type Report, type Section } from './model.js';
import { renderReportTable, renderSectionTable } from './table.js';
import { renderReportCsv, renderSectionCsv } from './csv.js';
import { renderReportJson, renderSectionJson } from './json.js';
import { writeFileAtomic } from './write.js';

export * from './model.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx' | 'html';

export interface OutputOptions {
  format?: Format;
  output?: string;
  lang?: Lang;
}

type ReportRenderer = (report: Report, lang: Lang) => Promise<string | Uint8Array>;

/** Renderers for people's formats (xlsx, html) register here; table/csv/json are built in. */
export const reportRenderers: Partial<Record<Format, ReportRenderer>> = {
  xlsx: async (report, lang) => (await import('./xlsx.js')).renderReportXlsx(report, lang),
  html: async (report, lang) => (await import('./html.js')).renderReportHtml(report, lang),
};

/** Adds `--format`, `--output` and `--lang` to a command. Lists get table/csv/json; reports all five. */
export function addOutputOptions(cmd: Command, formats: Format[] = ['table', 'csv', 'json']): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(formats))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of titles and headers').choices(['id', 'en']).default('id'));
}

function chooseFormat(opts: OutputOptions): Format {
  if (opts.format) return opts.format;
  const ext = opts.output?.match(/\.(csv|json|xlsx|html?)$/i)?.[1]?.toLowerCase();
  if (ext) return (ext === 'htm' ? 'html' : ext) as Format;
  return 'table';
}

async function deliver(ctx: Context, data: string | Uint8Array, opts: OutputOptions): Promise<void> {
  if (opts.output) {
    writeFileAtomic(opts.output, data);
    ctx.info(`wrote ${opts.output}`);
  } else if (typeof data === 'string') {
    ctx.io.stdout.write(data);
  } else {
    if (ctx.stdoutIsTTY) throw new UsageError('this format is binary: give --output FILE');
    ctx.io.stdout.write(data);
  }
}

/** Prints a list (one section): table, CSV, or a JSON array. */
export async function emitList(ctx: Context, section: Section, opts: OutputOptions): Promise<void> {
  const format = chooseFormat(opts);
  const lang = opts.lang ?? 'id';
  let data: string;
  if (format === 'json') data = renderSectionJson(section);
  else if (format === 'csv') data = renderSectionCsv(section, lang);
  else if (format === 'table') data = renderSectionTable(section, lang, { color: ctx.stdoutIsTTY && !opts.output, title: false }) + '\n';
  else return emitReport(ctx, { name: section.name, title: section.title, sections: [section] }, opts);
  await deliver(ctx, data, opts);
}

/** Prints a report (several sections) in any format. */
export async function emitReport(ctx: Context, report: Report, opts: OutputOptions): Promise<void> {
  const format = chooseFormat(opts);
  const lang = opts.lang ?? 'id';
  for (const w of report.warnings ?? []) if (format !== 'table' || opts.output) ctx.warn(tr(w, lang));
  let data: string | Uint8Array;
  if (format === 'json') data = renderReportJson(report, lang);
  else if (format === 'csv') data = renderReportCsv(report, lang);
  else if (format === 'table') data = renderReportTable(report, lang, { color: ctx.stdoutIsTTY && !opts.output });
  else {
    const render = reportRenderers[format];
    if (!render) throw new UsageError(`format ${format} is not available for this command`);
    data = await render(report, lang);
  }
  await deliver(ctx, data, opts);
}
