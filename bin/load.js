// Loads the bundled CLI (dist/bundle/lapor.cjs, written by npm run build) with V8's code cache
// for it, so that a command does not compile the CLI's code again in every process
// (scripts/bundle.js says why). Without the cache file, or with one V8 rejects (another Node),
// the bundle compiles as any file would; with `codeCache: false` it is an ordinary require().
//
// Run as a script (`node bin/load.js --write-code-cache DIR`, which the build does), it writes the
// cache.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const bundleFile = fileURLToPath(new URL('../dist/bundle/lapor.cjs', import.meta.url));
const cacheFile = `${bundleFile}.cache`;

function readCache() {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle's exports (main) and, loaded through vm.Script, its script. */
export function loadLapor({ codeCache = true } = {}) {
  if (!codeCache) return { exports: createRequire(import.meta.url)(bundleFile) };
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundleFile, 'utf8')), {
    filename: bundleFile,
    cachedData: readCache(),
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return { exports: module.exports, script };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--write-code-cache') {
  // The cache holds the code a run compiled: the bundle's top level, and what one small command
  // on PGlite runs (parsing, the program, knex, opening and closing the database), given the
  // initialised data directory named after the flag. Other commands compile the rest as usual.
  fs.rmSync(cacheFile, { force: true });
  const { exports, script } = loadLapor();
  const sink = new (await import('node:stream')).PassThrough().resume();
  const io = { stdout: sink, stderr: sink, stdin: process.stdin };
  const code = await exports.main(['--db', `pglite:${process.argv[3]}`, 'calendar', 'workdays', '2026-03-17', '2026-03-27'], { io });
  if (code !== 0) throw new Error(`the code cache's training run failed (exit ${code})`);
  fs.writeFileSync(cacheFile, script.createCachedData());
}
