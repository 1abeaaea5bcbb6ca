// Loaded into every test process (vitest.config.ts execArgv), and so into the worker threads they
// start: the test runner runs the TypeScript sources, and a worker the code starts from a source
// module (src/usecases/import/feed.ts) is a .ts file, which Node 20 cannot load by itself. These
// hooks let it: a relative `./x.js` that does not exist is `./x.ts`, and a .ts file is transpiled.
import { register } from 'node:module';

register('./worker-ts-hooks.mjs', import.meta.url);
