/**
 * `lapor import complaints`: stream a legacy file, validate every row, and load it in chunks, each
 * one transaction (complaints + their events + the chunk's rejects + the batch counts). Keys
 * `(institution, source, external_id)` already present are counted as duplicates, so re-running a file (or
 * resuming after a crash) inserts exactly what is missing. No terminal here: progress is a callback.
 */
import { rejectText, type RejectCode, type RejectParams, type RejectReason } from '../../i18n/rejects.js';
import { fill, fmt, L, t, type Lang, type Pair, type Text } from '../../i18n/index.js';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DataError, isPgError, NotPermittedError, UsageError } from '../../errors.js';
import type { Actor } from '../../domain/actor.js';
import { checkCapability } from '../../domain/policy.js';
import { MAX_FIELD_CHARS } from '../../domain/complaint-fields.js';
import { isoUtc, isZone, type Zone } from '../../domain/time.js';
import { trackingIdFromSequence } from '../../domain/tracking.js';
import { CsvSplitter, CsvTooLongError, detectDelimiter, type CsvRecord } from '../../domain/import/csv.js';
import { planColumns, type Mapping } from '../../domain/import/mapping.js';
import { normalizeRow, type NormalizedRow, type RowContext } from '../../domain/import/row.js';
import type { Encoding } from '../../domain/import/encoding.js';
import type { Db } from '../../db/engine.js';
import { copyText, openBulkSession, rejectCopyLine, REJECT_COLUMNS, type BulkSession } from '../../db/import/bulk.js';
import { abortOrphanedBatches, addCounts, createBatch, finishBatch, type Counts } from '../../db/import/batches.js';
import { decodeFile, examineFile, type FileFacts } from '../../db/import/source.js';
import { heapKeeper } from '../../db/import/heap.js';
import { unknownInstitutionError } from '../../db/institution-code.js';
import { isRejectsHeader, REJECT_COLUMNS_TRAILER, restoreNeutralised } from '../../domain/import/rejects-format.js';
import { refuseOutputOverInput } from './files.js';
import { RejectsWriter } from './rejects.js';

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

export interface RejectInfo {
  line: number;
  field: string | null;
  /** The English text (as stored in import_rejects.reason, beside the code and values). */
  reason: string;
  /** Its code and values, to show it in the run's language (src/i18n/rejects.ts). */
  code: RejectCode;
  params: RejectParams;
  raw: string;
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

/** Rows parsed between two turns of the event loop (≈ 10 ms of work). */
const ROWS_PER_YIELD = 300;
const SOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

const COMPLAINT_COLUMNS = ['id', 'tracking_id', 'source', 'external_id', 'channel', 'received_at', 'class', 'category',
  'title', 'body', 'region_code', 'reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email', 'anonymous',
  'confidential', 'institution_id', 'unit_id', 'status', 'version', 'legacy', 'import_batch_id', 'key_institution_id'] as const;
const EVENT_COLUMNS = ['complaint_id', 'seq', 'kind', 'at', 'actor', 'from_status', 'to_status', 'from_institution_id',
  'to_institution_id', 'from_unit_id', 'to_unit_id', 'reason', 'body', 'legacy'] as const;
/** The actor of reconstructed legacy events (who ran the import is on the batch). */
export const LEGACY_ACTOR = 'legacy';

interface PreparedRow {
  key: string;
  /** complaints columns after id and tracking_id, in COPY text format. */
  tail: string;
  /** complaint_events lines after complaint_id. */
  events: string[];
  /** Imported as unverified (status received): with nobody until a super_admin verifies it. */
  unverified: boolean;
}

interface Chunk {
  rows: PreparedRow[];
  rejects: Array<RejectInfo & { fields: string[] }>;
  /** Duplicates inside the file (the same key earlier in this chunk). */
  inFileDuplicates: number;
  keys: Set<string>;
  read: number;
}

function newChunk(): Chunk {
  return { rows: [], rejects: [], inFileDuplicates: 0, keys: new Set(), read: 0 };
}

function num(v: number | null): string {
  return v === null ? '\\N' : String(v);
}

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
  const jobs = db.engine === 'postgres' ? o.jobs ?? 2 : 1;
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
  const encodingChoice = o.encoding !== 'auto' ? o.encoding : o.mapping.encoding && o.mapping.encoding !== 'auto' ? o.mapping.encoding : undefined;
  const facts: FileFacts = await examineFile(o.file, encodingChoice);
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

  const text = decodeFile(o.file, facts);
  // Header and delimiter from the first decoded text.
  let splitter: CsvSplitter | undefined;
  let delimiter = '';
  let pendingRecords: CsvRecord[] = [];
  let bytes = 0;
  let eof = false;
  const nextRecords = async (): Promise<CsvRecord[] | undefined> => {
    if (eof) return undefined;
    const n = await text.next();
    const out: CsvRecord[] = [];
    if (n.done) {
      eof = true;
      splitter?.end(out);
      return out;
    }
    bytes = n.value.bytes;
    if (!splitter) {
      const wanted = o.delimiter !== 'auto' ? o.delimiter : o.mapping.delimiter && o.mapping.delimiter !== 'auto' ? o.mapping.delimiter : undefined;
      delimiter = wanted === 'tab' ? '\t' : wanted ?? detectDelimiter(n.value.text.slice(0, 64 * 1024));
      splitter = new CsvSplitter({ delimiter, maxRecordChars: 32 * 1024 * 1024 });
    }
    splitter.push(n.value.text, out);
    return out;
  };

  let header: CsvRecord | undefined;
  try {
    while (!header) {
      const recs = await nextRecords();
      if (recs === undefined) break;
      if (recs.length) {
        header = recs[0];
        pendingRecords = recs.slice(1);
      }
    }
  } catch (err) {
    if (err instanceof CsvTooLongError) throw new DataError(`${o.file}: the header ${err.message.replace(/^line \d+: /, '')}`);
    throw err;
  }
  if (!header || header.fields.every((f) => f.trim() === '')) throw new DataError(`${o.file}: the first line is empty: it must be the header (column names)`);
  let headerNames = header.fields.map((f) => f.trim());
  // A rejects file fed back (fixed in a spreadsheet): its trailing _line,_field,_reason are ignored
  // and the cells neutralised against formulas on the way out are restored.
  const fromRejectsFile = isRejectsHeader(headerNames);
  if (fromRejectsFile) headerNames = headerNames.slice(0, -REJECT_COLUMNS_TRAILER.length);
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

    const src = copyText(o.source);
    const batchText = String(batchId);
    const keyInstitution = String(scope.institutionId);
    /** The COPY lines of a row, all but the ids (which the chunk's transaction reserves). */
    const prepare = (r: NormalizedRow): PreparedRow => {
      const tail = [
        src, copyText(r.externalId), r.channel, isoUtc(r.receivedAt),
        r.class, copyText(r.category), copyText(r.title), copyText(r.body), copyText(r.regionCode),
        copyText(r.reporterName), copyText(r.reporterNik), copyText(r.reporterPhone), copyText(r.reporterEmail),
        r.anonymous ? 't' : 'f', r.confidential ? 't' : 'f', num(r.institutionId), num(r.unitId), r.status,
        String(r.events.length), 't', batchText, keyInstitution,
      ].join('\t');
      const events = r.events.map((e, k) => [
        String(k + 1), e.kind, isoUtc(e.at), LEGACY_ACTOR, copyText(e.fromStatus), e.toStatus,
        num(e.fromInstitutionId), num(e.toInstitutionId), num(e.fromUnitId), num(e.toUnitId), copyText(e.reason),
        copyText(e.body), 't',
      ].join('\t'));
      return { key: r.externalId, tail, events, unverified: r.status === 'received' };
    };

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

    const writeChunk = async (session: BulkSession, c: Chunk): Promise<Counts> => {
      await step('begin', session.query('begin'));
      try {
        const keys = c.rows.map((r) => r.key);
        const existing = new Set<string>();
        if (keys.length) {
          const found = await step('keys', session.query<{ external_id: string }>(
            'select external_id from complaints where key_institution_id = $1 and source = $2 and external_id = any($3::text[])',
            [scope.institutionId, o.source, keys]));
          for (const f of found) existing.add(f.external_id);
        }
        let fresh = existing.size ? c.rows.filter((r) => !existing.has(r.key)) : c.rows;
        if (dryKeys) {
          fresh = fresh.filter((r) => !dryKeys.has(r.key));
          for (const r of fresh) dryKeys.add(r.key);
        }
        if (fresh.length && !o.dryRun) {
          const ids = await step('ids', session.query<{ id: number; t: number }>(
            `select nextval($1::regclass) as id, nextval('complaint_tracking_seq') as t from generate_series(1, $2)`,
            [seq, fresh.length]));
          const cl: string[] = new Array(fresh.length + 1);
          const el: string[] = [];
          for (let i = 0; i < fresh.length; i++) {
            const r = fresh[i];
            const id = String(ids[i].id);
            cl[i] = `${id}\t${trackingIdFromSequence(Number(ids[i].t))}\t${r.tail}`;
            for (const e of r.events) el.push(`${id}\t${e}`);
          }
          cl[fresh.length] = '';
          el.push('');
          const took: number[] = [];
          await step('copy complaints', session.copyIn('complaints', COMPLAINT_COLUMNS, cl.join('\n')), took);
          await step('copy events (+ span trigger)', session.copyIn('complaint_events', EVENT_COLUMNS, el.join('\n')), took);
          if (trace) trace(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB; complaints ${took[0].toFixed(0)} ms, events ${took[1].toFixed(0)} ms (${el.length - 1})\n`);
        }
        if (c.rejects.length) {
          const rl = c.rejects.map((r) => rejectCopyLine(batchText, r.line, r.raw, r.field, { code: r.code, params: r.params, english: r.reason }));
          rl.push('');
          await session.copyIn('import_rejects', REJECT_COLUMNS, rl.join('\n'));
        }
        unverifiedByChunk.set(c, fresh.reduce((n, r) => n + (r.unverified ? 1 : 0), 0));
        const counts = { read: c.read, inserted: fresh.length, duplicates: c.rows.length - fresh.length + c.inFileDuplicates, rejected: c.rejects.length };
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
    let chunkNo = 0;
    const keepHeapSmall = heapKeeper();
    const commitDone = async (c: Chunk, counts: Counts, no: number) => {
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
      await o.onChunk?.({ ...counts, chunk: no });
    };
    const runChunk = async (c: Chunk, no: number, sess: BulkSession, me: { p?: Promise<void> }) => {
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
        await commitDone(c, counts, no);
      } catch (err) {
        failure ??= err;
      } finally {
        free.push(sess);
      }
    };
    const submit = async (c: Chunk) => {
      while (free.length === 0) await Promise.race(inflight);
      if (failure) throw failure;
      chunkNo += 1;
      submittedRejects += c.rejects.length;
      const sess = free.shift()!;
      const me: { p?: Promise<void> } = {};
      const p: Promise<void> = runChunk(c, chunkNo, sess, me).finally(() => inflight.delete(p));
      me.p = p;
      inflight.add(p);
    };
    const drain = async () => {
      while (inflight.size) await Promise.race(inflight);
      if (failure) throw failure;
    };

    let chunk = newChunk();
    /** Rejects of the chunks handed to a writer (committed or about to be). */
    let submittedRejects = 0;
    let stop: { line: number } | undefined;
    const reject = (rec: CsvRecord, field: string | null, why: RejectReason) => {
      const reason = rejectText(why, 'en');
      chunk.rejects.push({ line: rec.line, field, reason, code: why.code, params: why.params, raw: rec.raw, fields: rec.fields });
      if (o.maxRejects !== undefined && submittedRejects + chunk.rejects.length > o.maxRejects) {
        stop = { line: rec.line };
      }
    };
    const take = (rec: CsvRecord) => {
      let f = rec.fields;
      if (fromRejectsFile && f.length === headerNames.length + REJECT_COLUMNS_TRAILER.length) {
        f = f.slice(0, headerNames.length).map(restoreNeutralised);
        rec.fields = f;
      }
      if (f.length === 1 && f[0] === '' ) return; // a blank line carries no row
      chunk.read += 1;
      if (rec.unterminatedQuote) {
        reject(rec, null, { code: 'unclosed_quote', params: { line: rec.line, last: rec.line + rec.lines - 1 } });
        return;
      }
      if (f.length !== headerNames.length) {
        reject(rec, null, { code: 'field_count', params: { n: f.length, header: headerNames.length, delimiter: delimiter === '\t' ? 'tab' : `'${delimiter}'` } });
        return;
      }
      if (rec.raw.indexOf('\u0000') >= 0) {
        reject(rec, null, { code: 'nul_character', params: {} });
        return;
      }
      const r = normalizeRow(f, ctx);
      if ('reason' in r) {
        reject(rec, r.field, r);
        return;
      }
      if (chunk.keys.has(r.externalId)) {
        chunk.inFileDuplicates += 1;
        return;
      }
      chunk.keys.add(r.externalId);
      chunk.rows.push(prepare(r));
    };

    let records: CsvRecord[] | undefined = pendingRecords;
    let sinceYield = 0;
    try {
      outer: while (records !== undefined) {
        for (const rec of records) {
          take(rec);
          if (stop) break outer;
          // A 1 MiB block is ~80 ms of parsing; the writers' replies wait for it unless the reader
          // lets the event loop run now and then (measured: 2.7 s of 28 s lost in one session).
          if (++sinceYield === ROWS_PER_YIELD) {
            sinceYield = 0;
            await yieldToEventLoop();
          }
          if (chunk.read >= batchSize) {
            await submit(chunk);
            chunk = newChunk();
          }
        }
        o.onProgress?.({ rows: totals.read + chunk.read, bytes, totalBytes: facts.size });
        records = await nextRecords();
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
      const unfinished = chunk.rejects.slice(-5).map((r) => fmt(L.rejected_at_line, lang, { line: r.line, field: r.field ?? t(L.whole_row, lang), reason: rejectText(r, lang) }));
      throw new ImportStopped(`${o.file}: ${t(message, lang)}`, [
        ...unfinished,
        fmt(L.unfinished_chunk_not_written, lang, {
          rows: chunk.read, line: chunk.rejects[0]?.line ?? stop.line, batch: batchId, read: s.read, inserted: s.inserted, duplicates: s.duplicates, rejected: s.rejected,
        }),
      ], s);
    }
    if (chunk.read > 0) await submit(chunk);
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
    try {
      rejectsOut?.close();
    } catch {
      /* already reported: the run failed on this file, or on something before it */
    }
    await session.release();
    for (const e of extraSessions) await e.release();
  }
}
