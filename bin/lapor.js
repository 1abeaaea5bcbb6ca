#!/usr/bin/env node
// Starts the compiled CLI. The build (npm run build, run by `npm install` through `prepare`) writes dist/.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
