import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Db } from '../db/engine.js';
import { parseDbTarget, type DbTarget } from '../db/url.js';

/** Marks a directory as the demo's own, so a second run may clear it and nothing else ever is. */
const MARKER = '.lapor-demo';

export interface DemoPlace {
  dir: string;
  target: DbTarget;
}

/**
 * Where the demo runs: never the user's default database or DATABASE_URL. Without --db, a PGlite
 * database in DIR/db (DIR: --dir, else a new temporary directory). A --dir that holds a previous
 * demo is cleared and reused; one that holds anything else is refused.
 */
export function chooseDemoPlace(opts: { dir?: string; db?: string }): DemoPlace {
  const dir = opts.dir ? path.resolve(opts.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-demo-'));
  if (opts.dir && fs.existsSync(dir)) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new UsageError(`--dir ${dir} is not empty and was not made by lapor demo; give a new or empty directory`);
    }
    for (const e of entries) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), 'made by lapor demo; the directory may be cleared by the next run\n');
  const target = opts.db ? parseDbTarget(opts.db, {}) : { kind: 'pglite' as const, dir: path.join(dir, 'db') };
  if (target.kind === 'pglite' && opts.db && fs.existsSync(target.dir) && fs.readdirSync(target.dir).length > 0) {
    throw new UsageError(`--db ${opts.db}: the directory is not empty; the demo needs a fresh database`);
  }
  return { dir, target };
}

/** The demo refuses a server schema that already holds tables: it never mixes with real data. */
export async function assertEmptyDatabase(db: Db): Promise<void> {
  if (db.engine !== 'postgres') return;
  const r = await db.knex.raw(
    `select count(*)::int as n from information_schema.tables where table_schema = current_schema()`,
  );
  const n = Number(r.rows[0].n);
  if (n > 0) {
    const schema = (await db.knex.raw('select current_schema() as s')).rows[0].s;
    throw new UsageError(
      `${db.describe}: schema ${schema} already holds ${n} table(s); the demo needs an empty one (add ?schema=lapor_demo to the URL)`,
    );
  }
}
