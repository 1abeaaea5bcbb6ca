/**
 * The reading side of `lapor import complaints`: the file's text, split into records, each
 * normalised and checked (src/domain/import/row.ts) and prepared as COPY text
 * (src/db/import/complaint-copy.ts), in chunks of `batchSize` rows read. It needs the database only
 * for what the run reads before it starts (the institution's units, the regions), so it runs in the
 * main thread or, on PGlite, in a worker of its own (reader-worker.ts), where it does not take
 * turns with the database's WASM. The writer (run.ts) decides what of a chunk is new and writes it.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { rejectText, type RejectCode, type RejectParams, type RejectReason } from '../../i18n/rejects.js';
import { DataError } from '../../errors.js';
import { CsvSplitter, CsvTooLongError, detectDelimiter, type CsvRecord } from '../../domain/import/csv.js';
import { normalizeRow, type RowContext } from '../../domain/import/row.js';
import { isRejectsHeader, REJECT_COLUMNS_TRAILER, restoreNeutralised } from '../../domain/import/rejects-format.js';
import { decodeFile, type FileFacts } from '../../db/import/source.js';
import { rowPreparer, type PreparedRow, type RowConstants } from '../../db/import/complaint-copy.js';

/** Rows parsed between two turns of the event loop (≈ 10 ms of work). */
const ROWS_PER_YIELD = 300;

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

/** A reject as the writer needs it: with the record's fields, for the --rejects file. */
export type ChunkReject = RejectInfo & { fields: string[] };

export interface FileHeader {
  /** The column names, trimmed; a rejects file's trailing _line,_field,_reason left out. */
  names: string[];
  delimiter: string;
  /** The file is a rejects file fed back: its trailer is ignored and neutralised cells restored. */
  fromRejectsFile: boolean;
}

/** What a chunk is, without its prepared rows (what crosses from a worker). */
export interface ChunkHead {
  /** Records read (blank lines not counted). */
  read: number;
  /** The keys (external ids) of its rows, in order; a key appears once in a chunk. */
  keys: string[];
  /** Per row: 1 when it is imported as unverified. */
  unverified: Uint8Array;
  rejects: ChunkReject[];
  /** Duplicates inside the file (the same key earlier in this chunk). */
  inFileDuplicates: number;
}

export interface ReadChunk extends ChunkHead {
  rows: PreparedRow[];
}

/** --max-rejects was passed: the chunk being read is not written. */
export interface ReadStop {
  line: number;
  /** Records read into the unfinished chunk. */
  chunkRead: number;
  /** Where the unfinished chunk's rejects begin. */
  firstLine: number;
  /** Its last rejects (at most five), for the writer to say in the run's language. */
  lastRejects: RejectInfo[];
}

export type ReadEvent =
  | { kind: 'chunk'; chunk: ReadChunk }
  /** After each decoded block: the bytes read so far and the records in the chunk being read. */
  | { kind: 'progress'; bytes: number; chunkRead: number }
  | { kind: 'stop'; stop: ReadStop };

export interface ReadPlan {
  ctx: RowContext;
  row: RowConstants;
  batchSize: number;
  /** The first chunk's size, if smaller: each next one is twice the last, up to batchSize. */
  firstBatch?: number;
  maxRejects?: number;
}

/**
 * A file opened up to its header. `delimiter` is the one given (a tab as '\t'), else it is
 * detected from the first block of text. Throws DataError when there is no usable header.
 */
export class ComplaintReader {
  private constructor(
    private readonly text: AsyncGenerator<{ text: string; bytes: number }>,
    private readonly splitter: CsvSplitter,
    private pending: CsvRecord[],
    private bytes: number,
    private eof: boolean,
    readonly header: FileHeader,
  ) {}

  static async open(file: string, facts: FileFacts, delimiter: string | undefined): Promise<ComplaintReader> {
    const text = decodeFile(file, facts);
    let splitter: CsvSplitter | undefined;
    let d = ',';
    let bytes = 0;
    let eof = false;
    let header: CsvRecord | undefined;
    let pending: CsvRecord[] = [];
    try {
      while (!header && !eof) {
        const n = await text.next();
        const out: CsvRecord[] = [];
        if (n.done) {
          eof = true;
          splitter?.end(out);
        } else {
          bytes = n.value.bytes;
          if (!splitter) {
            d = delimiter ?? detectDelimiter(n.value.text.slice(0, 64 * 1024));
            splitter = new CsvSplitter({ delimiter: d, maxRecordChars: 32 * 1024 * 1024 });
          }
          splitter.push(n.value.text, out);
        }
        if (out.length) {
          header = out[0];
          pending = out.slice(1);
        }
      }
    } catch (err) {
      if (err instanceof CsvTooLongError) throw new DataError(`${file}: the header ${err.message.replace(/^line \d+: /, '')}`);
      throw err;
    }
    if (!header || header.fields.every((f) => f.trim() === '')) throw new DataError(`${file}: the first line is empty: it must be the header (column names)`);
    let names = header.fields.map((f) => f.trim());
    // A rejects file fed back (fixed in a spreadsheet): its trailing _line,_field,_reason are ignored
    // and the cells neutralised against formulas on the way out are restored.
    const fromRejectsFile = isRejectsHeader(names);
    if (fromRejectsFile) names = names.slice(0, -REJECT_COLUMNS_TRAILER.length);
    return new ComplaintReader(text, splitter!, pending, bytes, eof, { names, delimiter: d, fromRejectsFile });
  }

  /**
   * The chunks of the rest of the file, with a progress event after each block of text. A chunk
   * is yielded when `batchSize` records are read, and the last one at the end. When more rows are
   * rejected than --max-rejects allows, a stop ends it (the rows of the chunk being read are not
   * yielded). CsvTooLongError, FileChangedError and read errors are thrown.
   */
  async *chunks(plan: ReadPlan): AsyncGenerator<ReadEvent> {
    const { ctx, batchSize, maxRejects } = plan;
    let limit = Math.min(plan.firstBatch ?? batchSize, batchSize);
    const { names, delimiter, fromRejectsFile } = this.header;
    const prepare = rowPreparer(plan.row);
    const shownDelimiter = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
    let chunk = newChunk();
    /** Rejects of the chunks yielded (the writer writes every chunk it is given). */
    let yieldedRejects = 0;
    let stop: { line: number } | undefined;
    const reject = (rec: CsvRecord, field: string | null, why: RejectReason) => {
      const reason = rejectText(why, 'en');
      chunk.rejects.push({ line: rec.line, field, reason, code: why.code, params: why.params, raw: rec.raw, fields: rec.fields });
      if (maxRejects !== undefined && yieldedRejects + chunk.rejects.length > maxRejects) {
        stop = { line: rec.line };
      }
    };
    const unverified: number[] = [];
    const take = (rec: CsvRecord) => {
      let f = rec.fields;
      if (fromRejectsFile && f.length === names.length + REJECT_COLUMNS_TRAILER.length) {
        f = f.slice(0, names.length).map(restoreNeutralised);
        rec.fields = f;
      }
      if (f.length === 1 && f[0] === '') return; // a blank line carries no row
      chunk.read += 1;
      if (rec.unterminatedQuote) {
        reject(rec, null, { code: 'unclosed_quote', params: { line: rec.line, last: rec.line + rec.lines - 1 } });
        return;
      }
      if (f.length !== names.length) {
        reject(rec, null, { code: 'field_count', params: { n: f.length, header: names.length, delimiter: shownDelimiter } });
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
      if (chunk.keySet.has(r.externalId)) {
        chunk.inFileDuplicates += 1;
        return;
      }
      chunk.keySet.add(r.externalId);
      const p = prepare(r);
      chunk.rows.push(p);
      chunk.keys.push(p.key);
      unverified.push(p.unverified ? 1 : 0);
    };
    const finished = (): ReadChunk => {
      const { keySet: _, ...c } = chunk;
      yieldedRejects += c.rejects.length;
      limit = Math.min(batchSize, limit * 2);
      const out: ReadChunk = { ...c, unverified: Uint8Array.from(unverified) };
      chunk = newChunk();
      unverified.length = 0;
      return out;
    };

    let records: CsvRecord[] | undefined = this.pending;
    this.pending = [];
    let sinceYield = 0;
    while (records !== undefined) {
      for (const rec of records) {
        take(rec);
        if (stop) {
          yield { kind: 'stop', stop: {
            ...stop, chunkRead: chunk.read, firstLine: chunk.rejects[0]?.line ?? stop.line,
            lastRejects: chunk.rejects.slice(-5).map(({ line, field, reason, code, params, raw }) => ({ line, field, reason, code, params, raw })),
          } };
          return;
        }
        // Parsing a block holds this thread: whoever waits on it (the writers' replies, a worker's
        // requests) waits for the whole block unless the reader lets the event loop run now and
        // then (bench/README.md, Import).
        if (++sinceYield === ROWS_PER_YIELD) {
          sinceYield = 0;
          await yieldToEventLoop();
        }
        if (chunk.read >= limit) yield { kind: 'chunk', chunk: finished() };
      }
      yield { kind: 'progress', bytes: this.bytes, chunkRead: chunk.read };
      records = await this.nextRecords();
    }
    if (chunk.read > 0) yield { kind: 'chunk', chunk: finished() };
  }

  /** Stops reading: the file is closed. */
  async close(): Promise<void> {
    await this.text.return(undefined);
  }

  private async nextRecords(): Promise<CsvRecord[] | undefined> {
    if (this.eof) return undefined;
    const n = await this.text.next();
    const out: CsvRecord[] = [];
    if (n.done) {
      this.eof = true;
      this.splitter.end(out);
      return out;
    }
    this.bytes = n.value.bytes;
    this.splitter.push(n.value.text, out);
    return out;
  }
}

function newChunk(): ReadChunk & { keySet: Set<string> } {
  return { rows: [], keys: [], unverified: new Uint8Array(0), rejects: [], inFileDuplicates: 0, read: 0, keySet: new Set() };
}
