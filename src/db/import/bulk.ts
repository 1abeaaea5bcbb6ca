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
  /** Runs `COPY table (columns) FROM STDIN` with `data` in text format (nothing for empty data). */
  copyIn(table: string, columns: readonly string[], data: string): Promise<void>;
  release(): Promise<void>;
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
        if (data.length === 0) return;
        await p.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob([data]) });
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
      if (data.length === 0) return;
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(data);
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
