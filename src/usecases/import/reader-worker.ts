/**
 * The worker thread of feed.ts workerFeed: the reader of `import complaints` (reader.ts) with the
 * prepared rows of the chunks it has read, until the writer releases them. It answers the writer's
 * requests for a chunk's COPY text between blocks of rows (the reader yields every few hundred).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkCopyText, type PreparedRow } from '../../db/import/complaint-copy.js';
import { examineFile, type FileFacts } from '../../db/import/source.js';
import { heapKeeper } from '../../db/import/heap.js';
import { ComplaintReader } from './reader.js';
import { errorMessage, numberedChunks, type FeedSource, type FromWorker, type ToWorker } from './feed.js';

const port = parentPort!;
const src = workerData as FeedSource;
const post = (m: FromWorker) => port.postMessage(m);

const rows = new Map<number, PreparedRow[]>();
/** Called when a chunk is released: the reader's chunks are garbage from then on. */
let released: () => void = () => undefined;
let start: ((m: Extract<ToWorker, { t: 'start' }>) => void) | undefined;
const started = new Promise<Extract<ToWorker, { t: 'start' }>>((r) => (start = r));
const keepHeapSmall = heapKeeper();
let rowsReleased = 0;

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'start': start!(m); break;
    case 'build': {
      try {
        const data = chunkCopyText(rows.get(m.no)!, new Set(m.skip), { ids: m.ids, tracks: m.tracks });
        post({ t: 'built', req: m.req, complaints: new Blob([data.complaints]), events: new Blob([data.events]) });
      } catch (err) {
        post({ t: 'build-failed', req: m.req, error: errorMessage(err) });
      }
      break;
    }
    case 'release': {
      rowsReleased += rows.get(m.no)?.length ?? 0;
      rows.delete(m.no);
      keepHeapSmall(rowsReleased);
      released();
      break;
    }
  }
});

async function run(): Promise<void> {
  let facts: FileFacts;
  let reader: ComplaintReader;
  try {
    facts = await examineFile(src.file, src.encoding);
  } catch (err) {
    post({ t: 'error', error: errorMessage(err) });
    return;
  }
  post({ t: 'facts', facts });
  try {
    reader = await ComplaintReader.open(src.file, facts, src.delimiter);
  } catch (err) {
    post({ t: 'error', error: errorMessage(err) });
    return;
  }
  post({ t: 'header', header: reader.header });
  const { plan, hold } = await started;
  try {
    for await (const event of numberedChunks(reader, plan, rows)) {
      post({ t: 'event', event });
      if (event.kind === 'chunk') while (rows.size >= hold) await new Promise<void>((resolve) => (released = resolve));
    }
    post({ t: 'end' });
  } catch (err) {
    post({ t: 'error', error: errorMessage(err) });
  }
}

void run();
