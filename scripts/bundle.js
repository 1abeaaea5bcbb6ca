#!/usr/bin/env node
// npm run build, second step: bundles the compiled CLI (dist/src, from tsc) into one file,
// dist/bundle/lapor.cjs, and writes V8's code cache for it (lapor.cjs.cache); bin/lapor.js runs it.
//
// Why: every command is a new process, and a small command on PGlite paid more for loading the
// CLI's modules than for its own queries: Node resolving, reading and compiling a few hundred
// files (knex alone requires about 170 of lodash's). One file, with its compiled code cached,
// loads in a fraction of that (bench/README.md, "Start-up"). Node 20 has no compile cache for ES
// modules (module.enableCompileCache is Node 22), hence one CommonJS file, which vm.Script can
// load with a code cache. Modules stay lazy: a command group, an output format or a prompt is
// evaluated only when it runs.
//
// The import's reader worker is a bundle of its own (an ES module, dist/bundle/reader-worker.js):
// feed.ts starts it as ./reader-worker.js beside itself.
//
// Left outside (required from node_modules at run time): packages that find files beside their own
// code (PGlite's WASM and data, pdfkit's fonts), exceljs and pg's family (large, and only for the
// commands that use them), and the drivers knex names for databases lapor never opens.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle');

const external = [
  '@electric-sql/pglite',
  'pdfkit',
  'exceljs',
  'pg',
  'pg-native',
  'pg-copy-streams',
  'pg-query-stream',
  // Large, and only for the commands that read YAML (decrees, mappings, profiles) or legacy
  // encodings (the import, the editor prompt): inside, every command would read them.
  'zod',
  'yaml',
  'iconv-lite',
  'chardet',
  // knex's other dialects' drivers: required only when such a client is configured.
  'sqlite3',
  'better-sqlite3',
  'mysql',
  'mysql2',
  'oracledb',
  'tedious',
  'mariadb',
  'mariadb/*',
];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  // `lapor --debug` loads the bundle with source maps on, so a stack trace names src/*.ts.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

const commonJs = {
  ...common,
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The sources are ES modules: import.meta.url (the package root, the worker's file, createRequire)
  // is the bundle's own file URL.
  define: { 'import.meta.url': '__laporBundleUrl' },
  banner: { js: "var __laporBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

fs.rmSync(outdir, { recursive: true, force: true });
await build({ ...commonJs, entryPoints: { lapor: 'dist/src/cli/main.js' } });
// Code loaded through vm.Script has no import(): a package left outside must be required.
const imported = [...fs.readFileSync(path.join(outdir, 'lapor.cjs'), 'utf8').matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
if (imported.length > 0) throw new Error(`the bundle import()s ${imported.join(', ')}: require it instead (src/db/engine.ts shows how)`);
await build({
  ...common,
  entryPoints: { 'reader-worker': 'dist/src/usecases/import/reader-worker.js' },
  outdir,
  format: 'esm',
  // CommonJS packages inside an ES bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __laporRequire } from 'node:module'; const require = __laporRequire(import.meta.url);" },
});

// The code cache is V8's, for this Node: written by a run of the loader bin/lapor.js uses, in a
// process of its own, of one small command on a database initialised for it. A different Node later
// only makes V8 reject it (the bundle then compiles as any file would). Without it lapor still runs,
// only slower to start: a failure here is a warning, not a failed install.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-code-cache-'));
try {
  const run = (args) => {
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, LAPOR_LANG: 'id' } });
    if (r.status !== 0) throw new Error(`${path.relative(root, args[0])} ${args.slice(1).join(' ')} failed (exit ${r.status}): ${r.stderr.trim()}`);
  };
  fs.rmSync(path.join(outdir, 'lapor.cjs.cache'), { force: true });
  run([path.join(root, 'bin/lapor.js'), '--db', `pglite:${tmp}/db`, 'init', '--admin', 'adminnas']);
  run([path.join(root, 'bin/load.js'), '--write-code-cache', `${tmp}/db`]);
} catch (err) {
  console.warn(`warning: no code cache for dist/bundle/lapor.cjs (each command will compile it): ${err.message}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
