import fs from 'node:fs';
import { createRequire } from 'node:module';
import { UnavailableError } from '../errors.js';

/**
 * PGlite's WASM, compiled once per process, from the file its package exports for this, and
 * handed to every PGlite the process opens (its `pgliteWasmModule` option). Started early (by
 * src/cli/prefetch.ts, before the command line is parsed), the compilation runs on a background
 * thread meanwhile; left to PGlite, it would begin only after PGlite's own read of the file, which
 * waits for the main thread.
 */
let compiled: Promise<WebAssembly.Module> | undefined;

export function compilePgliteWasm(): Promise<WebAssembly.Module> {
  if (!compiled) {
    const file = createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm');
    compiled = WebAssembly.compile(fs.readFileSync(file)).catch((err: unknown) => {
      throw new UnavailableError(
        `cannot load PGlite's engine ${file} (reinstall lapor's dependencies: npm ci): ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    compiled.catch(() => undefined); // awaited by the first open; a process that never opens one stays quiet
  }
  return compiled;
}
