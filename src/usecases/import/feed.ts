/**
 * Where the writer of `import complaints` (run.ts) gets its chunks from: the reader (reader.ts) in
 * this thread, or the same reader in a worker thread (reader-worker.ts). PGlite's database is WASM
 * on the main thread: there, reading and checking the rows in the same thread would take turns with
 * the database's work instead of running beside it, as it does beside a PostgreSQL server. The
 * worker keeps a chunk's prepared rows; what crosses is the chunk's keys, flags and rejects one way
 * and, once the writer has the ids, its finished COPY text (a Blob) the other.
 */
import { Worker } from 'node:worker_threads';
import { DataError } from '../../errors.js';
import { CsvTooLongError } from '../../domain/import/csv.js';
import type { Encoding } from '../../domain/import/encoding.js';
import { examineFile, FileChangedError, type FileFacts } from '../../db/import/source.js';
import { chunkCopyText, type ChunkIds, type PreparedRow } from '../../db/import/complaint-copy.js';
import { ComplaintReader, type ChunkHead, type FileHeader, type ReadPlan, type ReadStop } from './reader.js';

export interface FeedChunk extends ChunkHead {
  /** 1, 2, … in the order of the file. */
  no: number;
}

export type FeedEvent =
  | { kind: 'chunk'; chunk: FeedChunk }
  | { kind: 'progress'; bytes: number; chunkRead: number }
  | { kind: 'stop'; stop: ReadStop };

export interface CopyData {
  complaints: string | Blob;
  events: string | Blob;
}

export interface FeedSource {
  file: string;
  /** The encoding given, else it is detected. */
  encoding?: Encoding;
  /** The delimiter given (a tab as '\t'), else it is detected. */
  delimiter?: string;
}

export interface ComplaintFeed {
  /** The file's facts (src/db/import/source.ts examineFile). */
  facts(): Promise<FileFacts>;
  /** The header, once the facts are accepted. */
  header(): Promise<FileHeader>;
  /** The chunks of the rest of the file, in order (errors of the reading are thrown from it). */
  events(plan: ReadPlan): AsyncIterable<FeedEvent>;
  /** A chunk's COPY text: its rows but those at the indexes in `skip`, the i-th written getting the i-th ids. */
  copyData(c: FeedChunk, skip: ReadonlySet<number>, ids: ChunkIds): Promise<CopyData>;
  /** Chunk `no` if it has been read already, whether or not events() has given it yet. */
  received(no: number): FeedChunk | undefined;
  /** The chunk is committed (or will never be): its rows may go. */
  release(c: FeedChunk): void;
  close(): Promise<void>;
}

/**
 * The reader's events with each chunk numbered (1, 2, … in file order) and its prepared rows kept
 * in `rows` under that number, where the COPY text is built from them: in this thread or a worker.
 */
export async function* numberedChunks(reader: ComplaintReader, plan: ReadPlan, rows: Map<number, PreparedRow[]>): AsyncGenerator<FeedEvent> {
  let no = 0;
  for await (const ev of reader.chunks(plan)) {
    if (ev.kind !== 'chunk') {
      yield ev;
      continue;
    }
    const { rows: r, ...head } = ev.chunk;
    rows.set(++no, r);
    yield { kind: 'chunk', chunk: { ...head, no } };
  }
}

/** The reader in this thread. */
export function localFeed(src: FeedSource): ComplaintFeed {
  let facts: Promise<FileFacts> | undefined;
  let reader: ComplaintReader | undefined;
  const rows = new Map<number, PreparedRow[]>();
  return {
    facts: () => (facts ??= examineFile(src.file, src.encoding)),
    async header() {
      reader = await ComplaintReader.open(src.file, await this.facts(), src.delimiter);
      return reader.header;
    },
    events: (plan) => numberedChunks(reader!, plan, rows),
    copyData: async (c, skip, ids) => chunkCopyText(rows.get(c.no)!, skip, ids),
    received: () => undefined, // read when it is asked for
    release: (c) => void rows.delete(c.no),
    async close() {
      rows.clear();
      await reader?.close();
    },
  };
}

// ---- the worker's messages --------------------------------------------------------------------

export type ToWorker =
  | { t: 'start'; plan: ReadPlan; hold: number }
  | { t: 'build'; req: number; no: number; skip: number[]; ids: Float64Array; tracks: Float64Array }
  | { t: 'release'; no: number };

export type FromWorker =
  | { t: 'facts'; facts: FileFacts }
  | { t: 'header'; header: FileHeader }
  | { t: 'event'; event: FeedEvent }
  | { t: 'end' }
  | { t: 'built'; req: number; complaints: Blob; events: Blob }
  | { t: 'build-failed'; req: number; error: ErrorMessage }
  | { t: 'error'; error: ErrorMessage };

/** An error as it crosses between threads: the classes the reading throws come back as themselves. */
export interface ErrorMessage {
  name: string;
  message: string;
  details?: string[];
  line?: number;
  limit?: number;
  stack?: string;
}

export function errorMessage(err: unknown): ErrorMessage {
  if (err instanceof CsvTooLongError) return { name: 'CsvTooLongError', message: err.message, line: err.line, limit: err.limit };
  if (err instanceof FileChangedError) return { name: 'FileChangedError', message: err.message, details: err.details };
  if (err instanceof DataError) return { name: 'DataError', message: err.message, details: err.details };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
}

function errorFrom(m: ErrorMessage): Error {
  if (m.name === 'CsvTooLongError') return new CsvTooLongError(m.line!, m.limit!);
  if (m.name === 'FileChangedError') return new FileChangedError(m.message, m.details);
  if (m.name === 'DataError') return new DataError(m.message, m.details);
  const e = new Error(`import reader: ${m.message}`);
  if (m.stack) e.stack = `${e.stack}\n-- in the reader's worker:\n${m.stack}`;
  return e;
}

/**
 * Under the test runner this module is TypeScript: the worker is then reader-worker.ts, which
 * Node 20 can start only with the test setup's loader hooks (test/helpers/worker-ts.mjs).
 */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './reader-worker.ts' : './reader-worker.js', import.meta.url);

/**
 * The reader in a worker thread. It starts at once: the pre-pass over the file and its header run
 * while the writer looks up the institution and opens the batch. `hold` bounds the chunks it keeps
 * for the writer (read, not yet released), and so its memory: the writer's chunks in flight, one
 * it has in hand and one ready behind it.
 */
export function workerFeed(src: FeedSource, hold: number): ComplaintFeed {
  const worker = new Worker(WORKER_URL, { workerData: src });
  let closed = false;
  const settle = <T>() => {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    promise.catch(() => undefined); // looked at only when it is awaited
    return { promise, resolve, reject };
  };
  const facts = settle<FileFacts>();
  const header = settle<FileHeader>();
  /** Events not yet taken, and the taker waiting for the next one. */
  const queue: Array<FeedEvent | { kind: 'end' } | { kind: 'error'; error: Error }> = [];
  let wake: (() => void) | undefined;
  const builds = new Map<number, ReturnType<typeof settle<CopyData>>>();
  /** Chunks received and not yet released. */
  const received = new Map<number, FeedChunk>();
  let req = 0;
  let failed: Error | undefined;
  const fail = (e: Error) => {
    failed ??= e;
    facts.reject(e);
    header.reject(e);
    for (const b of builds.values()) b.reject(e);
    builds.clear();
    queue.push({ kind: 'error', error: e });
    wake?.();
  };
  /** What the worker's last error message was about: the facts, the header, or the chunks. */
  let phase: 'facts' | 'header' | 'read' = 'facts';
  worker.on('message', (m: FromWorker) => {
    switch (m.t) {
      case 'facts': phase = 'header'; facts.resolve(m.facts); break;
      case 'header': phase = 'read'; header.resolve(m.header); break;
      case 'event':
        if (m.event.kind === 'chunk') received.set(m.event.chunk.no, m.event.chunk);
        queue.push(m.event);
        wake?.();
        break;
      case 'end': queue.push({ kind: 'end' }); wake?.(); break;
      case 'built': {
        const b = builds.get(m.req);
        builds.delete(m.req);
        b?.resolve({ complaints: m.complaints, events: m.events });
        break;
      }
      case 'build-failed': {
        const b = builds.get(m.req);
        builds.delete(m.req);
        b?.reject(errorFrom(m.error));
        break;
      }
      case 'error': {
        const e = errorFrom(m.error);
        if (phase === 'facts') facts.reject(e);
        else if (phase === 'header') header.reject(e);
        else {
          queue.push({ kind: 'error', error: e });
          wake?.();
        }
        break;
      }
    }
  });
  worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`the import's reader stopped (exit code ${code})`));
  });
  const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  return {
    facts: () => facts.promise,
    header: () => header.promise,
    async *events(plan) {
      post({ t: 'start', plan, hold });
      for (;;) {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        const ev = queue.shift()!;
        if (ev.kind === 'end') return;
        if (ev.kind === 'error') throw ev.error;
        yield ev;
      }
    },
    copyData(c, skip, ids) {
      const b = settle<CopyData>();
      if (failed) {
        b.reject(failed);
        return b.promise;
      }
      const n = ++req;
      builds.set(n, b);
      const idArr = Float64Array.from(ids.ids);
      const trackArr = Float64Array.from(ids.tracks);
      post({ t: 'build', req: n, no: c.no, skip: [...skip], ids: idArr, tracks: trackArr }, [idArr.buffer, trackArr.buffer]);
      return b.promise;
    },
    received: (no) => received.get(no),
    release: (c) => {
      received.delete(c.no);
      if (!closed) post({ t: 'release', no: c.no });
    },
    async close() {
      if (closed) return;
      closed = true;
      await worker.terminate();
    },
  };
}
