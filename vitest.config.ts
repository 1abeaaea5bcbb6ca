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
    // Worker threads started from the sources are .ts files (test/helpers/worker-ts.mjs). PGlite's
    // WASM on V8's baseline compiler, as the CLI runs every command but the bulk writers
    // (src/cli/prefetch.ts): the tests are many small statements.
    execArgv: ['--liftoff-only', '--import', fileURLToPath(new URL('./test/helpers/worker-ts.mjs', import.meta.url))],
  },
});
