import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb } from '../src/db/engine.js';
import { runInit } from '../src/commands/init/init.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite dumps (`dumpDataDir`) every test database starts from, instead of initdb + init per test. */
    pgliteTemplates: { empty: string; initialised: string };
  }
}

/**
 * Once per run: one PGlite cluster, dumped twice — straight after initdb (for tests that start
 * from an empty database) and after `lapor init --admin adminnas` as of 2026-01-01 (the
 * default of test/helpers/db.ts initialisedDb). A test copies a dump in a fraction of the time
 * initdb and init take, and never shares a database with another test.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-templates-'));
  const db = await openDb({ kind: 'memory' });
  try {
    const dump = async (name: string) => {
      const file = path.join(dir, `${name}.tar`);
      fs.writeFileSync(file, Buffer.from(await (await db.pglite!.dumpDataDir('none')).arrayBuffer()));
      return file;
    };
    const empty = await dump('empty');
    await runInit(db, { admin: 'adminnas', today: '2026-01-01' });
    const initialised = await dump('initialised');
    project.provide('pgliteTemplates', { empty, initialised });
  } finally {
    await db.close();
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
