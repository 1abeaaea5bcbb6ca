import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, type Lang, type Report } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { runEventsImport, type EventsImportSummary } from '../../usecases/import/events.js';
import { preflightRejects } from '../../usecases/import/files.js';
import { fill, fmt, L, readIdentity, withDryRun } from '../../i18n/index.js';
import { firstRejectsSection } from './rejects-section.js';

/** The history import's summary; reject reasons in `lang` (their code beside, in `reason_code`). */
export function eventsSummaryReport(s: EventsImportSummary, lang: Lang = 'id'): Report {
  const ins = s.dryRun ? L.would_insert : L.inserted;
  return {
    name: 'import_events',
    title: withDryRun(L.history_import, s.dryRun),
    meta: {
      batch: s.batchId, source: s.source, file: s.file, institution: s.institution, format: s.format, dry_run: s.dryRun,
      complaints: s.complaints, complaints_rejected: s.complaintsRejected, read: s.read,
      [s.dryRun ? 'would_insert' : 'inserted']: s.inserted, duplicates: s.duplicates, rejected: s.rejected,
      rejects_file: s.rejectsFile ?? null,
    },
    sections: [firstRejectsSection(fill(L.first_rejected_events, { n: s.firstRejects.length, total: s.rejected }), s.firstRejects, lang,
      [readIdentity(s, ins)])],
  };
}

/** What the run says on stderr when histories were rejected, in `lang`: how many, and where to read them. */
export function historiesRejectedNotice(s: EventsImportSummary, rejectsFile: string | undefined, lang: Lang): string {
  return fmt(L.histories_rejected, lang, { n: s.complaintsRejected, lines: s.rejected, where: rejectsFile ?? `\`lapor import show ${s.batchId}\`` });
}

/** `lapor import events FILE`: legacy histories (holds, dispositions, forwards, returns, follow-ups, replies, closes, archives) onto imported complaints. */
export function eventsCommand(ctx: Context): Command {
  return new Command('events')
    .argument('<file>', 'CSV (external_id,at,kind,from,to,actor,reason,text) or JSON Lines with those keys')
    .requiredOption('--source <name>', 'the source the complaints were imported under (import complaints --source)')
    .option('--institution <code>', 'the institution they were imported for (default: the admin\'s own)')
    .option('--dry-run', 'check every history against the life-cycle; write no event (the batch and its rejects are recorded)')
    .option('--rejects <file>', 'write every line of each rejected history (with _line,_field,_reason) to this CSV file, to fix and feed back')
    .option('--allow-mojibake', 'import text that looks wrongly decoded as it is')
    .option('--chunk <n>', 'complaints per transaction', '2000')
    .addOption(new Option('--format <format>', 'summary format').choices(['table', 'json']))
    .addOption(new Option('--lang <lang>', 'language of titles and headers').choices(['id', 'en']).default('id'))
    .addHelpText('after', `
Kinds: hold, resume, dispose (verify, redispose), forward, return (Bukan Wewenang), return_to_admin,
respond (follow-up), reply, close, archive. A complaint's lines, together and in file order, are its history after
what the complaint import wrote (a complaint whose lines come back after others' stops the run, 65); each step is checked against the life-cycle (DESIGN §5): the first
illegal one rejects that complaint's history, with its line and reason. Re-running (or resuming after
a crash) writes only what is missing. Exit codes: 0 all written (or already there), 3 some histories
rejected, 2 --rejects is the input file, 65 the file cannot be used, 74 the --rejects file cannot be
written (a batch already started is marked failed), 77 not permitted.
--rejects FILE: every line of each rejected history (those already imported too, so the positions
stay), in the run's language (--lang). A CSV source gives its own encoding, delimiter and header plus
_line,_field,_reason; a JSON Lines source gives a UTF-8 CSV with the event columns plus those three.
Fix the lines (Excel opens it) and feed the file back with the same command: the three columns are
ignored and what was already imported counts as duplicates. See docs/import.md.`)
    .action(async (file: string, opts: { source: string; institution?: string; dryRun?: boolean; allowMojibake?: boolean; chunk: string; rejects?: string; format?: 'table' | 'json'; lang: Lang }) => {
      if (!/^\d+$/.test(opts.chunk) || Number(opts.chunk) < 1) throw new UsageError(`--chunk '${opts.chunk}' must be a whole number ≥ 1`);
      // Before anything is opened: not the file this run reads (2), and one that can be written (74).
      preflightRejects(opts.rejects, [['input file', file]]);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const s = await runEventsImport(db, {
        file, source: opts.source, institution: opts.institution, dryRun: opts.dryRun === true, actor,
        chunkSize: Number(opts.chunk), allowMojibake: opts.allowMojibake === true, rejectsFile: opts.rejects, lang: opts.lang,
      });
      await emitReport(ctx, eventsSummaryReport(s, opts.lang), { format: opts.format, lang: opts.lang });
      if (s.rejected > 0) {
        ctx.info(historiesRejectedNotice(s, opts.rejects, opts.lang));
        ctx.exitCode = 3;
      }
    });
}
