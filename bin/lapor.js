#!/usr/bin/env node
// Starts the bundled CLI (bin/load.js; the build, npm run build, run by `npm install` through
// `prepare`, writes it). With --debug a stack trace names the TypeScript sources (the bundle's
// source maps), at a cost only a debugging run pays.
import { loadLapor } from './load.js';

const argv = process.argv.slice(2);
const debug = argv.includes('--debug');
if (debug) process.setSourceMapsEnabled(true);
const { main, tuneEngine } = loadLapor({ codeCache: !debug }).exports;
tuneEngine(argv);
process.exitCode = await main(argv);
