import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { preflightRejects } from '../../usecases/import/files.js';
import { readUserTextFile } from '../../cli/files.js';
import { parseCountOption } from '../../cli/options.js';
import { emitReport, type Lang, type Report } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import type { Db } from '../../db/engine.js';
import type { Actor } from '../../domain/actor.js';
import { defaultMapping, MappingError, parseMappingLenient, type Mapping } from '../../domain/import/mapping.js';
import { ImportStopped, runImport, startReading, type ImportSummary, type Progress } from '../../usecases/import/run.js';
import { L, fill, fmt, readIdentity, t, withDryRun } from '../../i18n/index.js';
import { firstRejectsSection } from './rejects-section.js';

interface Opts {
  source: string;
  map?: string;
  institution?: string;
  dryRun?: boolean;
  rejects?: string;
  maxRejects?: string;
  encoding: 'auto' | 'utf8' | 'windows-1252' | 'utf16le';
  delimiter: string;
  batchSize?: string;
  allowMojibake?: boolean;
  jobs?: string;
  format?: 'table' | 'json';
  lang: Lang;
}

/** The mapping and its problems: all of them are listed together with the header's (one run shows every one). */
function loadMapping(file: string | undefined): { mapping: Mapping; problems: string[] } {
  if (!file) return { mapping: defaultMapping(), problems: [] };
  try {
    return parseMappingLenient(readUserTextFile(file), file);
  } catch (err) {
    if (err instanceof MappingError) throw new DataError(`${err.message}; nothing imported`, err.problems);
    throw err;
  }
}

function parseCount(flag: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  // One home for count options (src/cli/options.ts): digits only, within bounds.
  return parseCountOption(flag, v, { min, max: flag === '--max-rejects' ? Number.MAX_SAFE_INTEGER : undefined });
}

const DELIMITERS: Record<string, string> = { auto: 'auto', ',': ',', ';': ';', tab: '\t', '\\t': '\t', '\t': '\t', '|': '|' };

/** The rows of the summary's counts, by code. */
const COUNT = { read: L.read, inserted: L.inserted, would_insert: L.would_insert, duplicates: L.duplicates_already_there, rejected: L.rejected } as const;

/** The summary as the output model's report: counts in meta (every format prints them) and tables. */
/** The import's summary; reject reasons in `lang` (their code beside, in `reason_code`). */
export function summaryReport(s: ImportSummary, lang: Lang = 'id'): Report {
  const ins = s.dryRun ? L.would_insert : L.inserted;
  // The counts' rows are codes (the meta keys); people read their labels, JSON gets both (what, what_label).
  const counts = [
    { what: 'read', n: s.read },
    { what: s.dryRun ? 'would_insert' : 'inserted', n: s.inserted },
    { what: 'duplicates', n: s.duplicates },
    { what: 'rejected', n: s.rejected },
  ];
  return {
    name: 'import',
    title: withDryRun(L.complaint_import, s.dryRun),
    meta: {
      batch: s.batchId, status: s.status, source: s.source, file: s.file, institution: s.institution,
      mapping: s.mapping, encoding: `${s.encoding} (${t(s.encodingWhyLabel, lang)})`, delimiter: s.delimiter, time_zone: s.timeZone,
      dry_run: s.dryRun, read: s.read, [s.dryRun ? 'would_insert' : 'inserted']: s.inserted, unverified: s.unverified, duplicates: s.duplicates, rejected: s.rejected,
      seconds: Number(s.seconds.toFixed(2)), rows_per_second: s.rowsPerSecond, rejects_file: s.rejectsFile ?? null,
      file_sha256: s.fileHash,
    },
    sections: [
      {
        name: 'counts',
        title: L.rows_2,
        columns: [
          { key: 'what', header: L.rows, vocab: COUNT },
          { key: 'n', header: L.count, type: 'int' },
        ],
        rows: counts,
        notes: [readIdentity(s, ins)],
      },
      firstRejectsSection(fill(L.first_rejected_rows, { n: Math.min(s.rejected, s.firstRejects.length), total: s.rejected }), s.firstRejects, lang),
    ],
    warnings: s.message && s.status !== 'done' ? [s.message] : [],
  };
}

/** What the run says on stderr after its summary, in `lang`: an interrupted batch taken over, nothing new, unverified complaints, rejects. */
export function importNotices(s: ImportSummary, rejectsFile: string | undefined, lang: Lang): string[] {
  const lines: string[] = [];
  if (s.resumedBatches.length) lines.push(fmt(L.import_resumed, lang, { batches: s.resumedBatches.join(', ') }));
  if (s.read > 0 && s.inserted === 0 && s.rejected === 0 && !s.dryRun) lines.push(fmt(L.import_nothing_new, lang, { read: s.read }));
  if (s.unverified > 0) lines.push(fmt(s.dryRun ? L.would_import_unverified : L.imported_unverified, lang, { n: s.unverified }));
  if (s.rejected > 0) {
    lines.push(rejectsFile ? fmt(L.rows_rejected_see_file, lang, { n: s.rejected, file: rejectsFile })
      : fmt(L.rows_rejected_see_batch, lang, { n: s.rejected, batch: s.batchId }));
  }
  return lines;
}

export function complaintsCommand(ctx: Context): Command {
  return new Command('complaints')
    .argument('<file>', 'CSV file (`,` `;` tab or `|`; UTF-8, UTF-16 or Windows-1252)')
    .requiredOption('--source <name>', 'name of the legacy channel, e.g. sms-1708-kota-bandung: (source, external id) is unique')
    .option('--map <file>', 'mapping file (YAML or JSON): columns, value maps, defaults, time zone (default: headers are field names)')
    .option('--institution <code>', 'institution the complaints belong to (default: the mapping\'s, or the admin\'s own)')
    .option('--dry-run', 'validate and count, write no complaint (the batch and its rejects are recorded)')
    .option('--rejects <file>', 'write every rejected row (line, field, reason in --lang, original line) to this CSV file')
    .option('--max-rejects <n>', 'stop (exit 65) when more than N rows are rejected; the unfinished chunk is not written')
    .addOption(new Option('--encoding <enc>', 'file encoding').choices(['auto', 'utf8', 'windows-1252', 'utf16le']).default('auto'))
    .option('--allow-mojibake', 'import text that looks wrongly decoded (U+FFFD, `Ã©`, `â€™`) as it is; refused (65) otherwise')
    .option('--delimiter <d>', "field delimiter: auto, ',', ';', tab or '|'", 'auto')
    .option('--jobs <n>', 'writer sessions on PostgreSQL (default 2; PGlite writes with one): see docs/import.md for how it scales')
    .option('--batch-size <rows>', 'rows per transaction (default 4000 on PostgreSQL, 10000 on PGlite)')
    .addOption(new Option('--format <format>', 'summary format').choices(['table', 'json']))
    .addHelpText('after', `
Exit codes: 0 all rows imported (or already there), 3 some rows were rejected (see --rejects),
65 the file or mapping cannot be used, or --max-rejects stopped the run.
Re-running the same command after an interruption (even kill -9) imports exactly what is missing.
See docs/import.md for the mapping file format.`)
    .action(async (file: string, opts: Opts) => {
      const delimiter = DELIMITERS[opts.delimiter];
      if (delimiter === undefined) throw new UsageError(`--delimiter '${opts.delimiter}': use auto, ',', ';', tab or '|'`);
      const maxRejects = parseCount('--max-rejects', opts.maxRejects, 0);
      const batchSize = parseCount('--batch-size', opts.batchSize, 1);
      const jobs = parseCount('--jobs', opts.jobs, 1);
      if (jobs !== undefined && jobs > 16) throw new UsageError('--jobs must be at most 16');
      // Before anything is opened: not a file this run reads (2), and one that can be written (74).
      preflightRejects(opts.rejects, [['input file', file], ['mapping file', opts.map]]);
      const { mapping, problems: mappingProblems } = loadMapping(opts.map);
      // On PGlite the file's pre-pass and header (in the reader's worker) run while the database boots.
      const engine = ctx.engineNamed();
      const reading = engine && startReading(engine, { file, mapping, encoding: opts.encoding, delimiter, jobs });
      let db: Db;
      let actor: Actor;
      try {
        db = await ctx.db();
        actor = await requireActor(db.knex, ctx.actorName());
      } catch (err) {
        await reading?.feed.close();
        throw err;
      }
      let bar: cliProgress.SingleBar | undefined;
      const started = Date.now();
      const onProgress = ctx.stderrIsTTY && !ctx.quiet ? (p: Progress) => {
        if (!bar) {
          bar = new cliProgress.SingleBar({
            stream: ctx.io.stderr as NodeJS.WriteStream,
            format: fmt(L.progress_bar, ctx.lang, { bar: '{bar}', percentage: '{percentage}', rows: '{rows}', rate: '{rate}', eta: '{eta_formatted}' }),
            hideCursor: true,
            clearOnComplete: true,
          }, cliProgress.Presets.shades_classic);
          bar.start(p.totalBytes, 0, { rows: 0, rate: 0 });
        }
        const secs = (Date.now() - started) / 1000;
        bar.update(p.bytes, { rows: p.rows, rate: secs > 0 ? Math.round(p.rows / secs) : 0 });
      } : undefined;
      let summary: ImportSummary;
      try {
        summary = await runImport(db, {
          file, source: opts.source, mapping, mappingProblems, mappingFile: opts.map, institution: opts.institution,
          dryRun: opts.dryRun === true, rejectsFile: opts.rejects, maxRejects, encoding: opts.encoding, delimiter,
          batchSize, jobs, reading, actor, now: ctx.now(), onProgress, allowMojibake: opts.allowMojibake === true, lang: opts.lang,
          trace: ctx.env.LAPOR_IMPORT_TRACE === '1' ? (line) => ctx.info(line.trimEnd()) : undefined,
        });
      } catch (err) {
        bar?.stop();
        if (err instanceof ImportStopped) {
          await emitReport(ctx, summaryReport(err.summary, opts.lang), { format: opts.format, lang: opts.lang });
        }
        throw err;
      }
      bar?.stop();
      await emitReport(ctx, summaryReport(summary, opts.lang), { format: opts.format, lang: opts.lang });
      for (const line of importNotices(summary, opts.rejects, opts.lang)) ctx.info(line);
      if (summary.rejected > 0) {
        ctx.exitCode = 3;
      }
    });
}
