import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (WASM heap); two cores on CI machines.
    maxWorkers: 2,
    // Worker threads started from the sources are .ts files (test/helpers/worker-ts.mjs).
    execArgv: ['--import', fileURLToPath(new URL('./test/helpers/worker-ts.mjs', import.meta.url))],
  },
});
