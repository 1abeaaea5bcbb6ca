/**
 * Where the writer of `import complaints` (run.ts) gets its chunks from: the reader (reader.ts).
 * The writer sees a chunk's keys, flags and rejects, decides which rows are new, reserves their
 * ids and then asks for the chunk's finished COPY text; the prepared rows stay with the feed.
 */
import type { Encoding } from '../../domain/import/encoding.js';
import { examineFile, type FileFacts } from '../../db/import/source.js';
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
  complaints: string;
  events: string;
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
  /** The chunk is committed (or will never be): its rows may go. */
  release(c: FeedChunk): void;
  close(): Promise<void>;
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
    async *events(plan) {
      let no = 0;
      for await (const ev of reader!.chunks(plan)) {
        if (ev.kind !== 'chunk') {
          yield ev;
          continue;
        }
        const { rows: r, ...head } = ev.chunk;
        const chunk = { ...head, no: ++no };
        rows.set(chunk.no, r);
        yield { kind: 'chunk', chunk };
      }
    },
    copyData: async (c, skip, ids) => chunkCopyText(rows.get(c.no)!, skip, ids),
    release: (c) => void rows.delete(c.no),
    async close() {
      rows.clear();
      await reader?.close();
    },
  };
}
