import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import type { PGlite } from '@electric-sql/pglite';
import { UnavailableError } from '../errors.js';
import { describeTarget, redactUrl, type DbTarget } from './url.js';
import { lockDataDir, type DataDirLock } from './lock.js';
import { compilePgliteWasm } from './pglite-wasm.js';

/** An open database: one knex instance over either engine, and what the bulk paths need. */
export interface Db {
  knex: Knex;
  engine: 'pglite' | 'postgres';
  target: DbTarget;
  /** The PGlite instance, for its own COPY (bulk import). */
  pglite?: PGlite;
  /** Password-free description for messages. */
  describe: string;
  close(): Promise<void>;
}

// OIDs: 20 int8, 1700 numeric, 1082 date. Counts come back as numbers; calendar dates stay
// `YYYY-MM-DD` strings (pg's DATE parser would make a JS Date at local midnight, a day off east of UTC).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * knex's own logger writes to the console ("Acquire connection error: …" with a stack, on stdout
 * or stderr): lapor reports every error itself, as one line, so knex stays silent. --debug shows
 * the stack through the error that reaches main.
 */
const quietLog = { warn() {}, error() {}, deprecate() {}, debug() {} };

/**
 * knex prefixes a failed statement's error message with the SQL — with its bindings filled in
 * unless compileSqlOnError is off — which would print reporters' names or a role's password in an
 * error line. The message stays the server's own; the SQL (placeholders only) is kept as `sql`.
 */
function keepErrorsClean(knex: Knex): void {
  knex.on('query-error', (err: Error & { sql?: string }, q: { sql?: string }) => {
    const prefix = `${q.sql ?? ''} - `;
    if (q.sql && err.message.startsWith(prefix)) err.message = err.message.slice(prefix.length);
    err.sql = q.sql;
  });
}

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export interface OpenOptions {
  /** How long a second process waits for a PGlite data directory before exit 75. */
  lockWaitMs?: number;
  /**
   * Called when the holder finds its data-directory lock taken away mid-run: it must stop writing
   * at once (the CLI exits 75). Without it, the loss surfaces at close() as a ConflictError.
   */
  onLockLost?: (err: Error) => void;
  /**
   * PGlite only: start a new (empty) data directory or memory database from a dump made by
   * `PGlite.dumpDataDir()` instead of running initdb. The tests start every database from one
   * prepared template this way.
   */
  loadDataDir?: Blob;
}

export async function openDb(target: DbTarget, opts: OpenOptions = {}): Promise<Db> {
  if (target.kind === 'postgres') return openPostgres(target);
  return openPglite(target, opts);
}

const requireHere = createRequire(import.meta.url);

async function openPglite(target: DbTarget & { kind: 'pglite' | 'memory' }, opts: OpenOptions): Promise<Db> {
  const wasm = compilePgliteWasm();
  let unlock: DataDirLock | undefined;
  if (target.kind === 'pglite') {
    prepareDataDir(target.dir);
    unlock = await lockDataDir(target.dir, { waitMs: opts.lockWaitMs, onLost: opts.onLockLost });
  }
  try {
    // Each engine's modules load when it is opened (a PGlite command never loads pg). PGlite's
    // CommonJS build, the one knex-pglite requires: importing its ES build beside it would load
    // PGlite's JavaScript twice.
    const { PGlite } = requireHere('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    // knex is loaded and the WASM compiled before PGlite boots: the boot holds the main thread for
    // most of its time, and anything left waiting meanwhile (a module's file read) waits for all of it.
    const [{ default: knexFactory }, { default: ClientPgLite }, pgliteWasmModule] = await Promise.all([import('knex'), import('knex-pglite'), wasm]);
    // One options object: PGlite ignores the second argument when the first (dataDir) is undefined.
    let pglite: PGlite;
    try {
      pglite = new PGlite({
        dataDir: target.kind === 'pglite' ? target.dir : undefined,
        parsers: pgliteParsers,
        loadDataDir: opts.loadDataDir,
        pgliteWasmModule,
      });
      await pglite.waitReady;
    } catch (err) {
      throw pgliteUnavailable(target, err);
    }
    if (unlock) guardWrites(pglite, unlock);
    const knex = knexFactory({
      client: ClientPgLite as unknown as typeof knexFactory.Client,
      connection: () => ({ pglite }) as object,
      // Otherwise knex's first query asks `select version()`, only to gate a column type older than
      // PostgreSQL 9.2; every PGlite is far newer, and a small command pays for each cold query.
      version: '17',
      useNullAsDefault: true,
      log: quietLog,
      compileSqlOnError: false,
    } as Knex.Config);
    keepErrorsClean(knex);
    return {
      knex,
      engine: 'pglite',
      target,
      pglite,
      describe: describeTarget(target),
      async close() {
        try {
          // A holder whose lock was taken must not claim success (exit 75, not 0), nor write on
          // close (a checkpoint) into a directory someone else now holds.
          try {
            unlock?.assertHeld();
          } catch (err) {
            await knex.destroy().catch(() => undefined);
            throw err;
          }
          await knex.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          await unlock?.();
        }
      },
    };
  } catch (err) {
    await unlock?.();
    throw err;
  }
}

/**
 * Every statement first checks that this process still holds the data-directory lock: a holder
 * whose lock was taken away (and which was stopped meanwhile, so no timer ran) fails its next
 * statement — its COMMIT included — with exit 75 instead of writing into another's directory.
 */
function guardWrites(pglite: PGlite, lock: DataDirLock): void {
  const p = pglite as unknown as Record<'query' | 'exec', (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['query', 'exec'] as const) {
    const original = p[name].bind(pglite);
    p[name] = async (...args: unknown[]) => {
      lock.assertHeld();
      return original(...args);
    };
  }
}

/** Creates the data directory; a path that is a file, or not permitted, is one line (exit 69). */
function prepareDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const st = fs.statSync(dir);
    if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'it (or a folder above it) is a file, not a directory' :
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : (err as Error).message;
    throw new UnavailableError(`cannot use the PGlite data directory ${dir}: ${why}`);
  }
}

/** PGlite fails to start with "Aborted()" or a bare object; say what it likely means, in words. */
function pgliteUnavailable(target: DbTarget & { kind: 'pglite' | 'memory' }, err: unknown): UnavailableError {
  if (target.kind === 'memory') return new UnavailableError(`cannot start the in-memory PGlite database: ${errorText(err)}`);
  const dir = target.dir;
  let why = 'its files are damaged or not a PGlite data directory (restore it from a backup, or point --db at another directory)';
  if (diskFull(dir)) why = 'the disk is full (free some space, then retry)';
  const e = new UnavailableError(`cannot open the PGlite data directory ${dir}: ${why}`);
  e.stack = `${e.stack}\nengine said: ${errorText(err)}`; // --debug shows it
  return e;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function diskFull(dir: string): boolean {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail === 0 || s.bavail * s.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

async function openPostgres(target: DbTarget & { kind: 'postgres' }): Promise<Db> {
  // pg is required, not imported: the bundle bin/lapor.js runs cannot import() a package it leaves
  // outside (scripts/bundle.js).
  const [{ default: knexFactory }, pg] = await Promise.all([import('knex'), requireHere('pg') as typeof import('pg')]);
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
  pg.types.setTypeParser(DATE, (v: string) => v);
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: target.url, application_name: 'lapor', connectionTimeoutMillis: 5000 },
    searchPath: target.searchPath ?? (target.schema ? [target.schema] : undefined),
    pool: { min: 0, max: 4 },
    acquireConnectionTimeout: 10_000,
    log: quietLog,
    compileSqlOnError: false,
  });
  keepErrorsClean(knex);
  const db: Db = {
    knex,
    engine: 'postgres',
    target,
    describe: describeTarget(target),
    close: () => knex.destroy(),
  };
  try {
    // Create the schema only when it is missing: a reader or operator login may not create one.
    if (target.schema) {
      const has = (await knex.raw('select 1 from pg_namespace where nspname = ?', [target.schema])).rows.length > 0;
      if (!has) await knex.raw('create schema if not exists ??', [target.schema]);
    }
    await knex.raw('select 1');
  } catch (err) {
    await knex.destroy().catch(() => undefined);
    throw toUnavailable(err, target);
  }
  return db;
}

/** A connection failure as one line naming host and port, never the password. */
function toUnavailable(err: unknown, target: DbTarget & { kind: 'postgres' }): Error {
  const e = err as NodeJS.ErrnoException & { code?: string; message: string };
  const where = describeTarget(target);
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running?)',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    '28P01': 'password authentication failed',
    '28000': 'authentication rejected',
    '3D000': 'database does not exist',
  };
  const code = e.code ?? '';
  const reason = reasons[code] ?? (/timeout/i.test(e.message) ? 'connection timed out' : undefined);
  if (reason === undefined && !/connect|terminat/i.test(e.message)) return err as Error;
  return new UnavailableError(`cannot use ${where}: ${reason ?? redactUrl(e.message)}`);
}
