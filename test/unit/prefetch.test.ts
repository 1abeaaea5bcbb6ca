import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { commandPaths } from '../helpers/program.js';
import { buildProgram } from '../../src/cli/program.js';
import { commandWords } from '../../src/cli/argv.js';
import { BULK_WRITERS, wasmCompilerFor } from '../../src/cli/prefetch.js';

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

describe("how V8 compiles PGlite's WASM for a command", () => {
  it('reads the noun and verb after the global options', () => {
    expect(commandWords(['--db', 'pglite:/x', '--lang', 'en', 'sla', 'sweep', '--dry-run'], 2)).toEqual(['sla', 'sweep']);
    expect(commandWords(['report'], 2)).toEqual(['report']);
  });

  it('a command that does not write in bulk gets the baseline compiler only', () => {
    for (const argv of [['calendar', 'workdays', '2026-03-17', '2026-03-27'], ['complaint', 'show', 'LAP-1'], ['import', 'list'],
      ['report', 'sla'], ['complaint', 'list'], ['init'], ['demo'], ['sla', 'explain', 'LAP-1'], ['db', 'status']]) {
      expect(wasmCompilerFor(['--db', 'pglite:/x', ...argv]), argv.join(' ')).toBe('baseline');
    }
  });

  it("a bulk writer keeps V8's default", () => {
    for (const argv of [['import', 'complaints', 'x.csv'], ['import', 'events', 'x.csv'], ['import', 'revert', '7'], ['sla', 'sweep'],
      ['dispatch', 'p.csv'], ['dispatch', 'suggest'], ['db', 'migrate'], ['db', 'rollback']]) {
      expect(wasmCompilerFor(['--db', 'pglite:/x', '--as', 'adminnas', ...argv]), argv.join(' ')).toBe('default');
    }
  });

  it('every bulk writer names a command of the program', async () => {
    const commands = new Set(commandPaths(await buildProgram(new Context(io, {}))));
    for (const c of BULK_WRITERS) expect(commands.has(c), c).toBe(true);
  });
});
