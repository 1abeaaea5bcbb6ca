/**
 * `lapor import complaints`: stream a legacy file, validate every row, and load it in chunks, each
 * one transaction (complaints + their events + the chunk's rejects + the batch counts). Keys
 * `(institution, source, external_id)` already present are counted as duplicates, so re-running a file (or
 * resuming after a crash) inserts exactly what is missing. No terminal here: progress is a callback.
 */
import { rejectText } from '../../i18n/rejects.js';
import { fill, fmt, L, t, type Lang, type Pair, type Text } from '../../i18n/index.js';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DataError, isPgError, NotPermittedError, UsageError } from '../../errors.js';
import type { Actor } from '../../domain/actor.js';
import { checkCapability } from '../../domain/policy.js';
import { MAX_FIELD_CHARS } from '../../domain/complaint-fields.js';
import { isZone, type Zone } from '../../domain/time.js';
import { CsvTooLongError } from '../../domain/import/csv.js';
import { planColumns, type Mapping } from '../../domain/import/mapping.js';
import type { RowContext } from '../../domain/import/row.js';
import type { Encoding } from '../../domain/import/encoding.js';
import type { Db } from '../../db/engine.js';
import { copyDataSize, openBulkSession, rejectCopyLine, REJECT_COLUMNS, type BulkSession } from '../../db/import/bulk.js';
import { COMPLAINT_COLUMNS, EVENT_COLUMNS, type ChunkIds } from '../../db/import/complaint-copy.js';
import { abortOrphanedBatches, addCounts, createBatch, finishBatch, type Counts } from '../../db/import/batches.js';
import type { FileFacts } from '../../db/import/source.js';
import { heapKeeper } from '../../db/import/heap.js';
import { unknownInstitutionError } from '../../db/institution-code.js';
import { refuseOutputOverInput } from './files.js';
import { RejectsWriter } from './rejects.js';
import type { ReadStop, RejectInfo } from './reader.js';
import { localFeed, workerFeed, type ComplaintFeed, type CopyData, type FeedChunk } from './feed.js';

export type { RejectInfo } from './reader.js';

export interface ImportOptions {
  file: string;
  source: string;
  mapping: Mapping;
  /** Problems found in the mapping file itself; listed with the header's problems, nothing imported. */
  mappingProblems?: string[];
  /** The mapping file's name, or undefined for the default mapping. */
  mappingFile?: string;
  institution?: string;
  dryRun: boolean;
  rejectsFile?: string;
  maxRejects?: number;
  encoding: 'auto' | Encoding;
  /** Import text that looks like mojibake (U+FFFD, `Ã©`, `â€™`) as it is; refused (65) otherwise. */
  allowMojibake?: boolean;
  delimiter: 'auto' | string;
  /** Rows per transaction. */
  batchSize?: number;
  /** Writer sessions on PostgreSQL (default 2; PGlite has one). */
  jobs?: number;
  /** Where the file is read and checked: a worker thread (PGlite's default) or this one (PostgreSQL's). */
  reader?: 'worker' | 'main';
  /** The reading, started before the database was open (startReading with the same options); closed by the run. */
  reading?: Reading;
  actor: Actor;
  now: Date;
  onProgress?: (p: Progress) => void;
  /** Called after each committed chunk (tests use it to interrupt a run). */
  onChunk?: (c: Counts & { chunk: number }) => void | Promise<void>;
  /** The run's language: the --rejects file's `_reason` column is written in it (default English). import_rejects keeps the code, its values and the English text. */
  lang?: Lang;
  /** Trace lines (per chunk: RSS and COPY times; at the end: time per kind of statement); the command passes one for LAPOR_IMPORT_TRACE=1. */
  trace?: (line: string) => void;
}

export interface Progress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportSummary extends Counts {
  batchId: number;
  source: string;
  file: string;
  fileHash: string;
  institution: string;
  timeZone: Zone;
  encoding: Encoding;
  encodingWhy: string;
  /** encodingWhy in both languages: the summary shows it in the run's. */
  encodingWhyLabel: Pair;
  delimiter: string;
  mapping: string;
  dryRun: boolean;
  status: 'done' | 'aborted' | 'failed';
  /** Why the run ended as it did, if it says anything: the batch keeps it in English; --max-rejects's is a label, shown in the run's language. */
  message: Text | null;
  seconds: number;
  rowsPerSecond: number;
  rejectsFile?: string;
  /** Batches of the same source left running by a dead process, now marked aborted. */
  resumedBatches: number[];
  /** The first rejects (at most 20), for the summary. */
  firstRejects: RejectInfo[];
  /** Inserted (a dry run: would be) as unverified, with nobody: `complaint list --unassigned` finds them. */
  unverified: number;
}

/** Thrown after the summary is known, when the run must end with exit 65 (max-rejects, runaway record). */
export class ImportStopped extends DataError {
  constructor(message: string, details: string[], readonly summary: ImportSummary) {
    super(message, details);
  }
}

const SOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
/** Rows of the first chunk a worker reads (then twice as many each time, up to the batch size). */
const FIRST_WORKER_BATCH = 1_000;

export interface Scope {
  institutionId: number;
  code: string;
  zone: Zone;
}

/** Who may import where (DESIGN §5): super_admin anywhere (an institution must be named), admin only into their own. */
export async function resolveScope(db: Db, actor: Actor, code: string | undefined): Promise<Scope> {
  const refusal = checkCapability(actor, 'import');
  if (refusal) throw new NotPermittedError(refusal.message);
  let inst: { id: number; code: string; time_zone: string } | undefined;
  if (code) {
    inst = await db.knex('institutions').select('id', 'code', 'time_zone').whereRaw('lower(code) = lower(?)', [code]).first();
    if (!inst) throw await unknownInstitutionError(db.knex, code);
    if (actor.role === 'admin' && inst.id !== actor.institutionId) {
      throw new NotPermittedError(`officer '${actor.username}' is admin of another institution and may not import for ${inst.code}`);
    }
  } else if (actor.role === 'admin') {
    inst = await db.knex('institutions').select('id', 'code', 'time_zone').where('id', actor.institutionId).first();
  }
  if (!inst) throw new UsageError('name the institution the complaints belong to: --institution CODE, or `institution:` in the mapping');
  return { institutionId: inst.id, code: inst.code, zone: isZone(inst.time_zone) ? inst.time_zone : 'WIB' };
}

export async function runImport(db: Db, o: ImportOptions): Promise<ImportSummary> {
  let reading = o.reading;
  try {
    const started = Date.now();
    refuseOutputOverInput('--rejects', o.rejectsFile, [['input file', o.file], ['mapping file', o.mappingFile]]);
    const trace = o.trace;
    const lang: Lang = o.lang ?? 'en';
    const TRACE = trace !== undefined;
    if (!SOURCE_RE.test(o.source)) {
      throw new UsageError(`--source '${o.source}': use 1–64 letters, digits, '.', '_', ':', '/' or '-' (e.g. sms-1708-kota-bandung)`);
    }
    if (o.maxRejects !== undefined && (!Number.isInteger(o.maxRejects) || o.maxRejects < 0)) {
      throw new UsageError('--max-rejects must be a whole number ≥ 0');
    }
    // Smaller on PostgreSQL: two chunks are in flight there, and the client stays under 300 MB for any file.
    const batchSize = o.batchSize ?? (db.engine === 'postgres' ? 4_000 : 10_000);
    if (o.jobs !== undefined && (!Number.isInteger(o.jobs) || o.jobs < 1 || o.jobs > 16)) throw new UsageError('--jobs must be a whole number from 1 to 16');
    const jobs = writerSessions(db.engine, o.jobs);
    reading ??= startReading(db.engine, o);
    return await importFrom(db, o, reading.feed, { started, trace, TRACE, lang, batchSize, jobs, readerThread: reading.thread });
  } finally {
    await reading?.feed.close();
  }
}

/** The reading of a run's file, started (startReading). */
export interface Reading {
  feed: ComplaintFeed;
  thread: 'worker' | 'main';
}

/**
 * Starts reading the file: on PGlite in a worker, whose pre-pass over the file and header then
 * run while the database boots, when the command starts it before opening the database (and
 * hands it to runImport as `reading`). `close()` it if runImport is never called.
 */
export function startReading(engine: Db['engine'], o: Pick<ImportOptions, 'file' | 'mapping' | 'encoding' | 'delimiter' | 'reader' | 'jobs'>): Reading {
  const encoding = o.encoding !== 'auto' ? o.encoding : o.mapping.encoding && o.mapping.encoding !== 'auto' ? o.mapping.encoding : undefined;
  const wanted = o.delimiter !== 'auto' ? o.delimiter : o.mapping.delimiter && o.mapping.delimiter !== 'auto' ? o.mapping.delimiter : undefined;
  const src = { file: o.file, encoding, delimiter: wanted === 'tab' ? '\t' : wanted };
  // PGlite's database is WASM on this thread: reading and checking the file beside it, in a
  // worker, instead of taking turns with it. A PostgreSQL server works beside this thread anyway.
  const thread = o.reader ?? (engine === 'pglite' ? 'worker' : 'main');
  return { feed: thread === 'worker' ? workerFeed(src, writerSessions(engine, o.jobs) + 2) : localFeed(src), thread };
}

/** Writer sessions: `--jobs` on PostgreSQL (default two); PGlite is one session whatever is asked. */
function writerSessions(engine: Db['engine'], jobs: number | undefined): number {
  return engine === 'postgres' ? jobs ?? 2 : 1;
}

async function importFrom(db: Db, o: ImportOptions, feed: ComplaintFeed, run: {
  started: number; trace: ImportOptions['trace']; TRACE: boolean; lang: Lang; batchSize: number; jobs: number; readerThread: 'worker' | 'main';
}): Promise<ImportSummary> {
  const { started, trace, TRACE, lang, batchSize, jobs } = run;
  let scope: Scope;
  try {
    scope = await resolveScope(db, o.actor, o.institution ?? o.mapping.institution);
  } catch (err) {
    // The mapping's own problems first (the missing institution may be one of them).
    if (err instanceof UsageError && o.mappingProblems?.length) {
      throw new DataError(`${o.mappingFile} has ${o.mappingProblems.length} problem(s); nothing imported`, [...o.mappingProblems, err.message]);
    }
    throw err;
  }
  const zone = o.mapping.timeZone ?? scope.zone;
  const facts: FileFacts = await feed.facts();
  if (facts.mojibake && !o.allowMojibake) {
    const m = facts.mojibake;
    throw new DataError(`${o.file}: line ${m.line} looks like mojibake: bytes ${m.bytes} read as ${facts.encoding} give '${m.reads}'; nothing imported`,
      [facts.encoding === 'windows-1252'
        ? 'those bytes are UTF-8: give --encoding utf8 (or --encoding auto)'
        : 'the text was already damaged by a wrong decoding before this file was written (U+FFFD, or UTF-8 read as Windows-1252 and saved again): fix the export at its source',
      'if the text really is meant to read so, give --allow-mojibake', `encoding: ${facts.encodingWhy}`]);
  }

  // Reference data for validation: small, read once.
  const regionRows = await db.knex('institutions').select('code').whereIn('kind', ['provinsi', 'kabupaten', 'kota']);
  const regions = new Set(regionRows.map((r: { code: string }) => r.code));
  const provinces = new Set([...regions].filter((c) => !c.includes('.')));
  const unitRows = await db.knex('units').select('id', 'code').where('institution_id', scope.institutionId);
  const units = new Map(unitRows.map((u: { id: number; code: string }) => [u.code.toLowerCase(), u.id]));

  const { names: headerNames, delimiter } = await feed.header();
  const planned = planColumns(o.mapping, headerNames);
  const { plan } = planned;
  const problems = [...(o.mappingProblems ?? []), ...planned.problems];
  if (problems.length) {
    const own = o.mappingProblems?.length ?? 0;
    throw new DataError(own
      ? `${o.mappingFile} has ${own} problem(s)${planned.problems.length ? `, and ${planned.problems.length} more against the header of ${o.file}` : ''}; nothing imported`
      : `${o.file}: the header does not fit the ${o.mappingFile ? `mapping ${o.mappingFile}` : 'default mapping'}; nothing imported`,
      [...problems, `header (${headerNames.length} columns, delimiter ${delimiter === '\t' ? 'tab' : `'${delimiter}'`}): ${headerNames.join(' | ').slice(0, 500)}`]);
  }
  const ctx: RowContext = {
    mapping: o.mapping, plan, header: headerNames, zone, now: o.now, institutionId: scope.institutionId,
    regions, provinces, units, maxFieldChars: MAX_FIELD_CHARS,
  };

  let rejectsOut: RejectsWriter | undefined;
  const session = await openBulkSession(db);
  const extraSessions: BulkSession[] = [];
  const inflight = new Set<Promise<void>>();
  const totals: Counts = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
  /** Of the inserted (or, in a dry run, would-be inserted), how many are unverified. */
  let unverified = 0;
  const unverifiedByChunk = new WeakMap<object, number>();
  const firstRejects: RejectInfo[] = [];
  const stepMs = new Map<string, number>();
  let batchId = 0;
  let resumedBatches: number[] = [];
  const summary = (status: ImportSummary['status'], message: Text | null): ImportSummary => {
    const seconds = (Date.now() - started) / 1000;
    return {
      ...totals, batchId, source: o.source, file: o.file, fileHash: facts.sha256, institution: scope.code, timeZone: zone,
      encoding: facts.encoding, encodingWhy: facts.encodingWhy, encodingWhyLabel: facts.encodingWhyLabel, delimiter: delimiter === '\t' ? 'tab' : delimiter,
      mapping: o.mappingFile ?? '(default)', dryRun: o.dryRun, status, message, seconds,
      rowsPerSecond: seconds > 0 ? Math.round(totals.read / seconds) : totals.read, rejectsFile: o.rejectsFile,
      resumedBatches, firstRejects, unverified,
    };
  };
  try {
    batchId = await createBatch(session, {
      source: o.source, fileName: path.basename(o.file), fileHash: facts.sha256, institutionId: scope.institutionId,
      dryRun: o.dryRun, actor: o.actor.username,
      options: {
        mapping: o.mappingFile ?? null, encoding: facts.encoding, delimiter, time_zone: zone, max_rejects: o.maxRejects ?? null,
        batch_size: batchSize, jobs, file_size: facts.size,
      },
    });
    if (!o.dryRun) resumedBatches = await abortOrphanedBatches(session, o.source, scope.institutionId, batchId);
    if (o.rejectsFile) {
      rejectsOut = new RejectsWriter(o.rejectsFile, facts.encoding, facts.bom > 0, delimiter);
      rejectsOut.open(headerNames);
    }
    const seq = (await session.query<{ c: string; e: string }>(
      `select pg_get_serial_sequence('complaints', 'id') as c`))[0].c;
    // A dry run sees no committed chunks, so it remembers every key itself.
    const dryKeys = o.dryRun ? new Set<string>() : undefined;
    const batchText = String(batchId);

    /**
     * With LAPOR_IMPORT_TRACE=1, the time each kind of statement took in all (printed at the end);
     * `took`, when given, also gets this statement's own time (the per-chunk trace line).
     */
    const step = <T>(label: string, p: Promise<T>, took?: number[]): Promise<T> => {
      if (!TRACE) return p;
      const t0 = performance.now();
      return p.finally(() => {
        const ms = performance.now() - t0;
        stepMs.set(label, (stepMs.get(label) ?? 0) + ms);
        took?.push(ms);
      });
    };

    /** Ids for n complaints: complaints.id and the tracking sequence's values. */
    const reserveIds = db.engine === 'pglite'
      // One session in one process: nothing can take a value between nextval and setval, so a
      // block of each sequence is one statement instead of two nextval calls per row.
      ? async (s: BulkSession, n: number): Promise<ChunkIds> => {
        const [r] = await s.query<{ c: string; t: string }>(
          `select setval($1::regclass, nextval($1::regclass) + $2 - 1) as c,
                  setval('complaint_tracking_seq', nextval('complaint_tracking_seq') + $2 - 1) as t`, [seq, n]);
        const block = (last: number) => Float64Array.from({ length: n }, (_, i) => last - n + 1 + i);
        return { ids: block(Number(r.c)), tracks: block(Number(r.t)) };
      }
      : async (s: BulkSession, n: number): Promise<ChunkIds> => {
        const rows = await s.query<{ id: string; t: string }>(
          `select nextval($1::regclass) as id, nextval('complaint_tracking_seq') as t from generate_series(1, $2)`, [seq, n]);
        return { ids: rows.map((r) => Number(r.id)), tracks: rows.map((r) => Number(r.t)) };
      };
    // PGlite writes one chunk at a time: while it writes one, the reader's worker can already finish
    // the next one's COPY text, with ids reserved for all its rows. Only after a chunk that had
    // nothing in the database already: where keys repeat (a re-run, a resumed run), ids reserved for
    // rows that turn out to be there would be spent for nothing.
    const early = new Map<number, { ids: ChunkIds; data: Promise<CopyData> }>();
    const speculate = db.engine === 'pglite' && run.readerThread === 'worker' && !o.dryRun;

    const writeChunk = async (session: BulkSession, c: FeedChunk): Promise<Counts> => {
      await step('begin', session.query('begin'));
      try {
        const skip = new Set<number>();
        if (c.keys.length) {
          const found = await step('keys', session.query<{ external_id: string }>(
            'select external_id from complaints where key_institution_id = $1 and source = $2 and external_id = any($3::text[])',
            [scope.institutionId, o.source, c.keys]));
          if (found.length) {
            const existing = new Set(found.map((f) => f.external_id));
            c.keys.forEach((k, i) => { if (existing.has(k)) skip.add(i); });
          }
        }
        if (dryKeys) {
          c.keys.forEach((k, i) => {
            if (skip.has(i)) return;
            if (dryKeys.has(k)) skip.add(i);
            else dryKeys.add(k);
          });
        }
        const fresh = c.keys.length - skip.size;
        const ahead = early.get(c.no);
        early.delete(c.no);
        if (fresh > 0 && !o.dryRun) {
          let data: Promise<CopyData>;
          if (ahead && skip.size === 0) data = ahead.data;
          else if (ahead) data = feed.copyData(c, skip, ahead.ids);
          else data = feed.copyData(c, skip, await step('ids', reserveIds(session, fresh)));
          // A turn of the event loop first: the worker's messages wait while this thread runs WASM.
          const next = speculate && skip.size === 0 ? (await yieldToEventLoop(), feed.received(c.no + 1)) : undefined;
          if (next && next.keys.length && !early.has(next.no)) {
            const ids = await step('ids', reserveIds(session, next.keys.length));
            early.set(next.no, { ids, data: feed.copyData(next, new Set(), ids) });
          }
          const took: number[] = [];
          const text = await step('copy text', data, took);
          await step('copy complaints', session.copyIn('complaints', COMPLAINT_COLUMNS, text.complaints), took);
          await step('copy events (+ span trigger)', session.copyIn('complaint_events', EVENT_COLUMNS, text.events), took);
          if (trace) {
            trace(`${(performance.now() / 1000).toFixed(2)} s: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB; COPY text ${ahead ? 'asked ahead' : 'asked'}, waited ${took[0].toFixed(0)} ms; ` +
              `complaints ${took[1].toFixed(0)} ms, events ${took[2].toFixed(0)} ms ` +
              `(${fresh} rows, COPY text ${((copyDataSize(text.complaints) + copyDataSize(text.events)) / 1048576).toFixed(1)} MB)\n`);
          }
        }
        if (c.rejects.length) {
          const rl = c.rejects.map((r) => rejectCopyLine(batchText, r.line, r.raw, r.field, { code: r.code, params: r.params, english: r.reason }));
          rl.push('');
          await session.copyIn('import_rejects', REJECT_COLUMNS, rl.join('\n'));
        }
        let u = 0;
        for (let i = 0; i < c.unverified.length; i++) if (c.unverified[i] && !skip.has(i)) u += 1;
        unverifiedByChunk.set(c, u);
        const counts = { read: c.read, inserted: fresh, duplicates: skip.size + c.inFileDuplicates, rejected: c.rejects.length };
        await step('batch counts', addCounts(session, batchId, counts));
        await step('commit', session.query('commit'));
        return counts;
      } catch (err) {
        await session.query('rollback').catch(() => undefined);
        throw err;
      }
    };

    // Writers run behind the reader, so parsing overlaps the database's work; on PostgreSQL `jobs`
    // sessions (default two) write that many chunks at once (the server has cores to spare while one
    // waits on the other). PGlite is one session whatever is asked.
    const sessions: BulkSession[] = [session];
    if (db.engine === 'postgres' && !o.dryRun) {
      for (let j = 1; j < jobs; j++) extraSessions.push(await openBulkSession(db));
      sessions.push(...extraSessions);
    }
    const free = [...sessions];
    let failure: unknown;
    // The reader's worker keeps its own heap small; in this thread the chunks' rows are garbage here.
    const keepHeapSmall = run.readerThread === 'main' ? heapKeeper() : () => undefined;
    const commitDone = async (c: FeedChunk, counts: Counts) => {
      totals.read += counts.read;
      keepHeapSmall(totals.read);
      totals.inserted += counts.inserted;
      totals.duplicates += counts.duplicates;
      totals.rejected += counts.rejected;
      unverified += unverifiedByChunk.get(c) ?? 0;
      for (const r of c.rejects) {
        if (firstRejects.length < 20) firstRejects.push({ line: r.line, field: r.field, reason: r.reason, code: r.code, params: r.params, raw: r.raw });
        rejectsOut?.write(r.fields, headerNames.length, r.line, r.field, lang === 'en' ? r.reason : rejectText(r, lang));
      }
      await o.onChunk?.({ ...counts, chunk: c.no });
    };
    const runChunk = async (c: FeedChunk, sess: BulkSession, me: { p?: Promise<void> }) => {
      try {
        let counts: Counts;
        try {
          counts = await writeChunk(sess, c);
        } catch (err) {
          // The same key in a chunk written at the same time (or by another process): once those
          // commit, the retry sees the key as present and counts it as a duplicate.
          if (!(isPgError(err) && err.code === '23505')) throw err;
          await Promise.resolve(); // `me.p` is set once runChunk has returned its promise
          const others = [...inflight].filter((p) => p !== me.p);
          await Promise.allSettled(others);
          counts = await writeChunk(sess, c);
        }
        await commitDone(c, counts);
      } catch (err) {
        failure ??= err;
      } finally {
        feed.release(c);
        free.push(sess);
      }
    };
    const submit = async (c: FeedChunk) => {
      while (free.length === 0) await Promise.race(inflight);
      if (failure) throw failure;
      const sess = free.shift()!;
      const me: { p?: Promise<void> } = {};
      const p: Promise<void> = runChunk(c, sess, me).finally(() => inflight.delete(p));
      me.p = p;
      inflight.add(p);
    };
    const drain = async () => {
      while (inflight.size) await Promise.race(inflight);
      if (failure) throw failure;
    };

    let stop: ReadStop | undefined;
    try {
      // A worker's first chunk is small, so the database starts on it sooner (the default size only).
      const firstBatch = run.readerThread === 'worker' && o.batchSize === undefined ? FIRST_WORKER_BATCH : undefined;
      const plan = { ctx, row: { source: o.source, batchId, keyInstitutionId: scope.institutionId }, batchSize, firstBatch, maxRejects: o.maxRejects };
      for await (const ev of feed.events(plan)) {
        if (ev.kind === 'chunk') await submit(ev.chunk);
        else if (ev.kind === 'progress') o.onProgress?.({ rows: totals.read + ev.chunkRead, bytes: ev.bytes, totalBytes: facts.size });
        else {
          stop = ev.stop;
          break;
        }
      }
    } catch (err) {
      if (err instanceof CsvTooLongError) {
        await drain().catch(() => undefined);
        const s = summary('failed', err.message);
        await finishBatch(session, batchId, 'failed', err.message);
        throw new ImportStopped(`${o.file}: ${err.message}; stopped`, [
          `batch ${batchId}: ${s.read} row(s) before it were committed; after fixing the file, re-run the same command: they count as duplicates`,
        ], s);
      }
      throw err;
    }
    if (stop) {
      await drain();
      // In the run's language: the summary's warning and the error; the batch keeps the English.
      const message = fill(L.max_rejects_stopped, { line: stop.line, max: o.maxRejects! });
      const s = summary('aborted', message);
      await finishBatch(session, batchId, 'aborted', message.en);
      const unfinished = stop.lastRejects.map((r) => fmt(L.rejected_at_line, lang, { line: r.line, field: r.field ?? t(L.whole_row, lang), reason: rejectText(r, lang) }));
      throw new ImportStopped(`${o.file}: ${t(message, lang)}`, [
        ...unfinished,
        fmt(L.unfinished_chunk_not_written, lang, {
          rows: stop.chunkRead, line: stop.firstLine, batch: batchId, read: s.read, inserted: s.inserted, duplicates: s.duplicates, rejected: s.rejected,
        }),
      ], s);
    }
    await drain();
    o.onProgress?.({ rows: totals.read, bytes: facts.size, totalBytes: facts.size });
    const message = o.dryRun ? 'dry run: nothing was written but this batch record and its rejects'
      : totals.inserted === 0 && totals.read > 0 ? 'nothing new: every row was already imported or rejected' : null;
    rejectsOut?.close();
    await finishBatch(session, batchId, 'done', message);
    if (trace) for (const [label, ms] of stepMs) trace(`${label}: ${(ms / 1000).toFixed(1)} s in all\n`);
    return summary('done', message);
  } catch (err) {
    await Promise.allSettled([...inflight]);
    if (batchId && !(err instanceof ImportStopped)) {
      const why = err instanceof Error ? err.message : String(err);
      await session.query('rollback').catch(() => undefined);
      await finishBatch(session, batchId, 'failed', why.slice(0, 1000)).catch(() => undefined);
    }
    throw err;
  } finally {
    rejectsOut?.closeQuietly();
    await session.release();
    for (const e of extraSessions) await e.release();
  }
}
