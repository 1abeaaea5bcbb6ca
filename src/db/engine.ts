import fs from 'node:fs';
import type { Knex } from 'knex';
import type { PGlite } from '@electric-sql/pglite';
import { UnavailableError } from '../errors.js';
import { describeTarget, type DbTarget } from './url.js';
import { lockDataDir } from './lock.js';

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

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export interface OpenOptions {
  /** How long a second process waits for a PGlite data directory before exit 75. */
  lockWaitMs?: number;
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

async function openPglite(target: DbTarget & { kind: 'pglite' | 'memory' }, opts: OpenOptions): Promise<Db> {
  let unlock: (() => Promise<void>) | undefined;
  if (target.kind === 'pglite') {
    fs.mkdirSync(target.dir, { recursive: true });
    unlock = await lockDataDir(target.dir, opts.lockWaitMs);
  }
  try {
    // Each engine's modules load when it is opened (a PGlite command never loads pg). PGlite boots
    // (reads its WASM and the data directory) while knex loads.
    const { PGlite } = await import('@electric-sql/pglite');
    // One options object: PGlite ignores the second argument when the first (dataDir) is undefined.
    const pglite = new PGlite({
      dataDir: target.kind === 'pglite' ? target.dir : undefined,
      parsers: pgliteParsers,
      loadDataDir: opts.loadDataDir,
    });
    const [{ default: knexFactory }, { default: ClientPgLite }] = await Promise.all([import('knex'), import('knex-pglite')]);
    await pglite.waitReady;
    const knex = knexFactory({
      client: ClientPgLite as unknown as typeof knexFactory.Client,
      connection: () => ({ pglite }) as object,
      useNullAsDefault: true,
    } as Knex.Config);
    return {
      knex,
      engine: 'pglite',
      target,
      pglite,
      describe: describeTarget(target),
      async close() {
        try {
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

async function openPostgres(target: DbTarget & { kind: 'postgres' }): Promise<Db> {
  const [{ default: knexFactory }, { default: pg }] = await Promise.all([import('knex'), import('pg')]);
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
  pg.types.setTypeParser(DATE, (v: string) => v);
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: target.url, application_name: 'lapor', connectionTimeoutMillis: 5000 },
    searchPath: target.schema ? [target.schema] : undefined,
    pool: { min: 0, max: 4 },
    acquireConnectionTimeout: 10_000,
  });
  const db: Db = {
    knex,
    engine: 'postgres',
    target,
    describe: describeTarget(target),
    close: () => knex.destroy(),
  };
  try {
    if (target.schema) await knex.raw('create schema if not exists ??', [target.schema]);
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
  return new UnavailableError(`cannot use ${where}: ${reason ?? e.message.replace(/:\/\/[^@]*@/, '://***@')}`);
}
