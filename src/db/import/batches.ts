/**
 * Import batches and their rejects (DESIGN §4): one batch per run, with its file hash, options,
 * counts and every rejected row. A run holds a session advisory lock on its batch while it lives,
 * so a later run can tell a batch whose process died (SIGKILL, power cut) from one still running.
 */
import type { Knex } from 'knex';
import type { BulkSession } from './bulk.js';

/** Advisory-lock namespaces (first key of the two-int form). */
export const LOCK_BATCH = 0x4c50_4231; // a running batch: held by its process for the whole run
export const LOCK_SOURCE = 0x4c50_5352; // one source's key check + insert: held per chunk transaction

export interface BatchRow {
  id: number;
  source: string;
  file_name: string;
  file_hash: string;
  institution_id: number | null;
  institution_code?: string | null;
  status: 'running' | 'done' | 'failed' | 'aborted' | 'reverted';
  dry_run: boolean;
  rows_read: number;
  rows_inserted: number;
  rows_duplicate: number;
  rows_rejected: number;
  options: Record<string, unknown> | null;
  actor: string | null;
  message: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export interface NewBatch {
  source: string;
  fileName: string;
  fileHash: string;
  institutionId: number;
  dryRun: boolean;
  options: Record<string, unknown>;
  actor: string;
}

export async function createBatch(s: BulkSession, b: NewBatch): Promise<number> {
  const [r] = await s.query<{ id: number }>(
    `insert into import_batches (source, file_name, file_hash, institution_id, status, dry_run, options, actor)
     values ($1, $2, $3, $4, 'running', $5, $6, $7) returning id`,
    [b.source, b.fileName, b.fileHash, b.institutionId, b.dryRun, JSON.stringify(b.options), b.actor]);
  const id = Number(r.id);
  await s.query('select pg_advisory_lock($1, $2)', [LOCK_BATCH, id]);
  return id;
}

/**
 * Batches of `source` (for the same institution) left 'running' by a process that is gone (its advisory lock is free) are
 * marked aborted, naming the batch that takes over. Returns their ids.
 */
export async function abortOrphanedBatches(s: BulkSession, source: string, institutionId: number, takenOverBy: number): Promise<number[]> {
  const rows = await s.query<{ id: number }>(
    `select id from import_batches where source = $1 and institution_id = $2 and status = 'running' and id <> $3 order by id`,
    [source, institutionId, takenOverBy]);
  const orphaned: number[] = [];
  for (const { id } of rows) {
    const [got] = await s.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [LOCK_BATCH, Number(id)]);
    if (!got.ok) continue; // still running in another process
    await s.query('select pg_advisory_unlock($1, $2)', [LOCK_BATCH, Number(id)]);
    await s.query(
      `update import_batches set status = 'aborted', finished_at = now(),
         message = $2 where id = $1 and status = 'running'`,
      [Number(id), `interrupted before it finished (its process ended); batch ${takenOverBy} re-ran the file`]);
    orphaned.push(Number(id));
  }
  return orphaned;
}

export interface Counts {
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

export async function addCounts(s: BulkSession, id: number, c: Counts): Promise<void> {
  await s.query(
    `update import_batches set rows_read = rows_read + $2, rows_inserted = rows_inserted + $3,
       rows_duplicate = rows_duplicate + $4, rows_rejected = rows_rejected + $5 where id = $1`,
    [id, c.read, c.inserted, c.duplicates, c.rejected]);
}

export async function finishBatch(s: BulkSession, id: number, status: 'done' | 'failed' | 'aborted', message: string | null): Promise<void> {
  await s.query(`update import_batches set status = $2, message = $3, finished_at = now() where id = $1`, [id, status, message]);
  await s.query('select pg_advisory_unlock($1, $2)', [LOCK_BATCH, id]);
}

const BATCH_COLUMNS = ['b.id', 'b.source', 'b.file_name', 'b.file_hash', 'b.institution_id', 'i.code as institution_code',
  'b.status', 'b.dry_run', 'b.rows_read', 'b.rows_inserted', 'b.rows_duplicate', 'b.rows_rejected', 'b.options',
  'b.actor', 'b.message', 'b.started_at', 'b.finished_at'];

export interface BatchFilter {
  source?: string;
  institutionId?: number;
  limit?: number;
}

export async function listBatches(knex: Knex, f: BatchFilter = {}): Promise<BatchRow[]> {
  const q = knex('import_batches as b').leftJoin('institutions as i', 'i.id', 'b.institution_id')
    .select(BATCH_COLUMNS).orderBy('b.id', 'desc').limit(f.limit ?? 50);
  if (f.source) q.where('b.source', f.source);
  if (f.institutionId !== undefined) q.where('b.institution_id', f.institutionId);
  return (await q) as BatchRow[];
}

export async function getBatch(knex: Knex, id: number): Promise<BatchRow | undefined> {
  return (await knex('import_batches as b').leftJoin('institutions as i', 'i.id', 'b.institution_id')
    .select(BATCH_COLUMNS).where('b.id', id).first()) as BatchRow | undefined;
}

export interface RejectRow {
  line_no: number;
  field: string | null;
  /** The English text: all a row stored before migration 0003 has. */
  reason: string;
  /** The reason's code (src/i18n/rejects.ts) and its values, or null (an old row, or a writer that stores only the text). */
  reason_code: string | null;
  reason_params: Record<string, string | number> | null;
  raw: string;
}

export async function batchRejects(knex: Knex, id: number, limit: number): Promise<RejectRow[]> {
  const rows = (await knex('import_rejects').select('line_no', 'field', 'reason', 'reason_code', 'reason_params', 'raw').where('batch_id', id)
    .orderBy('line_no').limit(limit)) as Array<Omit<RejectRow, 'reason_params'> & { reason_params: unknown }>;
  // jsonb arrives parsed from both engines; text only if a driver leaves it unparsed.
  return rows.map((r) => ({
    ...r,
    line_no: Number(r.line_no),
    reason_params: (typeof r.reason_params === 'string' ? JSON.parse(r.reason_params) : r.reason_params) as RejectRow['reason_params'],
  }));
}

/** Complaints a batch inserted, by final status (what `import show` summarises). */
export async function batchStatusCounts(knex: Knex, id: number): Promise<{ status: string; n: number }[]> {
  const rows = await knex('complaints').select('status').count({ n: '*' }).where('import_batch_id', id).groupBy('status').orderBy('status');
  return (rows as { status: string; n: unknown }[]).map((r) => ({ status: String(r.status), n: Number(r.n) }));
}
