import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { commandWords } from '../../src/cli/argv.js';
import { LONG_COMMANDS, wasmCompilerFor } from '../../src/cli/prefetch.js';
import { tempDir } from '../helpers/db.js';

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
const tree = (c: Command): string[] => c.commands.flatMap((s) => [s.name(), ...tree(s).map((x) => `${s.name()} ${x}`)]);

/** A directory that looks like an initialised PGlite data directory (the check reads PG_VERSION only). */
function dataDir(): string {
  const dir = path.join(tempDir(), 'db');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
  return dir;
}

describe("how V8 compiles PGlite's WASM for a command", () => {
  it('reads the noun and verb after the global options', () => {
    expect(commandWords(['--db', 'pglite:/x', '--lang', 'en', 'sla', 'sweep', '--dry-run'], 2)).toEqual(['sla', 'sweep']);
    expect(commandWords(['report'], 2)).toEqual(['report']);
  });

  it('a short command on an existing PGlite directory gets the baseline compiler only', () => {
    const db = `pglite:${dataDir()}`;
    expect(wasmCompilerFor(['--db', db, 'calendar', 'workdays', '2026-03-17', '2026-03-27'], {})).toBe('baseline');
    expect(wasmCompilerFor(['complaint', 'show', 'LAP-1'], { DATABASE_URL: db })).toBe('baseline');
    expect(wasmCompilerFor(['--db', db, 'import', 'list'], {})).toBe('baseline');
  });

  it("a command that works long keeps V8's default, as does anything not on an existing PGlite directory", () => {
    const db = `pglite:${dataDir()}`;
    for (const argv of [['report', 'sla'], ['import', 'complaints', 'x.csv'], ['sla', 'sweep'], ['dispatch', 'p.csv'], ['dispatch', 'suggest'], ['complaint', 'list']]) {
      expect(wasmCompilerFor(['--db', db, ...argv], {}), argv.join(' ')).toBe('default');
    }
    expect(wasmCompilerFor(['--db', `pglite:${path.join(tempDir(), 'none')}`, 'calendar', 'list'], {})).toBe('default');
    expect(wasmCompilerFor(['--db', 'postgres://u@127.0.0.1:5432/test', 'calendar', 'list'], {})).toBe('default');
    expect(wasmCompilerFor(['--db', db, 'calendar', 'list', '--help'], {})).toBe('default');
    expect(wasmCompilerFor(['--db', db, 'init'], {})).toBe('default');
  });

  it('every long command names a command of the program', async () => {
    const commands = new Set(tree(await buildProgram(new Context(io, {}))));
    for (const c of LONG_COMMANDS) expect(commands.has(c), c).toBe(true);
  });
});
