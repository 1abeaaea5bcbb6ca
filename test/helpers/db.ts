import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { inject } from 'vitest';
import { openDb, type Db, type OpenOptions } from '../../src/db/engine.js';
import { parseDbTarget } from '../../src/db/url.js';
import { runInit } from '../../src/commands/init/init.js';

/**
 * Every data-layer test runs on both engines: PGlite always, PostgreSQL when
 * LAPOR_TEST_DATABASE_URL is set (CI sets it). Each test database is private: a fresh PGlite
 * (in memory or a temp dir) or a fresh schema on the server, dropped afterwards. A fresh PGlite
 * starts from a dump that test/global-setup.ts made once per run (empty, or initialised), so no
 * test pays initdb or `lapor init`; on PostgreSQL a schema costs nothing and init runs.
 */
export type EngineName = 'pglite' | 'postgres';
export const serverUrl = process.env.LAPOR_TEST_DATABASE_URL;
export const engineNames: EngineName[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb {
  db: Db;
  /** The --db value that reaches the same database from the CLI (PGlite: only after db.close()). */
  url: string;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'lapor-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A database URL (with a fresh schema) or PGlite directory, without opening it. */
export function freshUrl(engine: EngineName): { url: string; drop(): Promise<void> } {
  if (engine === 'pglite') {
    const dir = tempDir();
    return { url: `pglite:${dir}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const sep = serverUrl!.includes('?') ? '&' : '?';
  return {
    url: `${serverUrl}${sep}schema=${schema}`,
    drop: async () => {
      const k = knexFactory({ client: 'pg', connection: serverUrl });
      try {
        await k.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await k.destroy();
      }
    },
  };
}

const templates = new Map<string, Blob>();

/** The run's PGlite dump: 'empty' (after initdb) or 'initialised' (after init --admin adminnas, 2026-01-01). */
export function pgliteTemplate(which: 'empty' | 'initialised'): Blob {
  let blob = templates.get(which);
  if (!blob) {
    blob = new Blob([fs.readFileSync(inject('pgliteTemplates')[which])]);
    templates.set(which, blob);
  }
  return blob;
}

/**
 * A new PGlite data directory holding a template: by default what `lapor init --admin adminnas`
 * leaves, or an empty cluster. For tests that hand the directory to the CLI; closed and unlocked.
 */
export async function initialisedDataDir(dir: string, which: 'empty' | 'initialised' = 'initialised'): Promise<void> {
  const db = await openDb({ kind: 'pglite', dir }, { loadDataDir: pgliteTemplate(which) });
  await db.close();
}

/** An open, empty database (no schema). PGlite runs in memory unless `onDisk`. */
export async function emptyDb(engine: EngineName, opts: { onDisk?: boolean; template?: 'empty' | 'initialised' } = {}): Promise<TestDb> {
  const open: OpenOptions = engine === 'pglite' ? { loadDataDir: pgliteTemplate(opts.template ?? 'empty') } : {};
  if (engine === 'pglite' && !opts.onDisk) {
    const db = await openDb({ kind: 'memory' }, open);
    return { db, url: 'memory:', cleanup: () => db.close() };
  }
  const { url, drop } = freshUrl(engine);
  const db = await openDb(parseDbTarget(url, {}), open);
  return {
    db,
    url,
    cleanup: async () => {
      await db.close().catch(() => undefined);
      await drop();
    },
  };
}

/** A database after `lapor init --admin adminnas` (regions, K/L, holidays, super_admin). */
export async function initialisedDb(engine: EngineName, opts: { onDisk?: boolean; today?: string } = {}): Promise<TestDb> {
  const today = opts.today ?? '2026-01-01';
  if (engine === 'pglite' && today === '2026-01-01') return emptyDb(engine, { onDisk: opts.onDisk, template: 'initialised' });
  const t = await emptyDb(engine, opts);
  await runInit(t.db, { admin: 'adminnas', today });
  return t;
}
