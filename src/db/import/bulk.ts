/**
 * The bulk loader behind one interface (DESIGN §3): one dedicated session on either engine, with
 * plain queries and COPY … FROM STDIN in PostgreSQL's text format. PostgreSQL: a pooled `pg`
 * client and pg-copy-streams. PGlite: its own COPY from a blob (`COPY … FROM '/dev/blob'`), which
 * measured faster than multi-row INSERT (docs/import.md quotes both).
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../engine.js';

export interface BulkSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs `COPY table (columns) FROM STDIN` with `data` in text format (nothing for empty data); a Blob holds the text in UTF-8. */
  copyIn(table: string, columns: readonly string[], data: string | Blob): Promise<void>;
  release(): Promise<void>;
}

/** How much COPY text there is: a string's characters, a Blob's bytes (nothing to copy at 0). */
export function copyDataSize(data: string | Blob): number {
  return typeof data === 'string' ? data.length : data.size;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function copySql(table: string, columns: readonly string[], target: string): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${target}`;
}

export async function openBulkSession(db: Db): Promise<BulkSession> {
  if (db.engine === 'pglite') {
    const p = db.pglite!;
    return {
      async query(sql, params = []) {
        return (await p.query(sql, params)).rows as never[];
      },
      async copyIn(table, columns, data) {
        if (copyDataSize(data) === 0) return;
        await p.query(copySql(table, columns, `'/dev/blob'`), [], { blob: typeof data === 'string' ? new Blob([data]) : data });
      },
      async release() {},
    };
  }
  // A connection of knex's pool: its search_path (schema) is already set.
  const client = (await db.knex.client.acquireConnection()) as pg.PoolClient & pg.Client;
  let released = false;
  return {
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    async copyIn(table, columns, data) {
      if (copyDataSize(data) === 0) return;
      const body = typeof data === 'string' ? data : Buffer.from(await data.arrayBuffer());
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(body);
      });
    },
    async release() {
      if (released) return;
      released = true;
      await db.knex.client.releaseConnection(client);
    },
  };
}

/** One value in COPY text format: `\N` for null, backslash escapes for \\ \t \n \r. */
export function copyText(v: string | null): string {
  if (v === null) return '\\N';
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(ESCAPES, (c) => ESCAPE_MAP[c]);
}
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPE_MAP: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** import_rejects' columns, in the order rejectCopyLine writes them. */
export const REJECT_COLUMNS = ['batch_id', 'line_no', 'raw', 'field', 'reason', 'reason_code', 'reason_params'] as const;
const MAX_RAW_STORED = 64 * 1024;

/**
 * One import_rejects row in COPY text format (both imports write their rejects this way): the
 * original line as stored (NUL, which PostgreSQL text cannot hold, shown as ␀; a huge line cut
 * with a note), the reason's English text, and its code and values so that it can be shown in
 * any language (values cleaned of NUL and lone surrogates, which jsonb refuses).
 */
export function rejectCopyLine(batchId: number | string, line: number, raw: string, field: string | null,
  reason: { code: string; params: Readonly<Record<string, unknown>>; english: string }): string {
  return [String(batchId), String(line), copyText(storedRaw(raw)), copyText(field), copyText(reason.english),
    copyText(reason.code), copyText(storedParams(reason.params))].join('\t');
}

function storedParams(params: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(params, (_k, v: unknown) => (typeof v === 'string'
    ? v.replace(/\u0000/g, '\u2400').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    : v));
}

function storedRaw(raw: string): string {
  const s = raw.indexOf('\u0000') >= 0 ? raw.replace(/\u0000/g, '\u2400') : raw;
  return s.length <= MAX_RAW_STORED ? s : `${s.slice(0, MAX_RAW_STORED)} … [cut: ${s.length} characters in all]`;
}

