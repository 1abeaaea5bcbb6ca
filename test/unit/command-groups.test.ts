import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { commandPaths } from '../helpers/program.js';
import { buildProgram } from '../../src/cli/program.js';
import { commandGroups } from '../../src/commands/index.js';
import { commandNoun, optionValue } from '../../src/cli/argv.js';

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

describe('areas loaded by the noun of the command line', () => {
  it('finds the noun after the global options', () => {
    expect(commandNoun(['--db', 'memory:', '--as', 'adminnas', '--no-color', 'report', 'sla'])).toBe('report');
    expect(commandNoun(['--debug', 'import', 'complaints', 'x.csv'])).toBe('import');
    expect(commandNoun(['--help'])).toBeUndefined();
  });

  it('reads an option before parsing, both spellings; rootOnly stops at the noun', () => {
    expect(optionValue(['--db=pglite:/x', 'report', 'sla'], '--db', { rootOnly: true })).toBe('pglite:/x');
    expect(optionValue(['--db', 'memory:', 'report'], '--db', { rootOnly: true })).toBe('memory:');
    expect(optionValue(['report', 'sla', '--db', 'memory:'], '--db', { rootOnly: true })).toBeUndefined();
    expect(optionValue(['report', 'sla', '--lang=en', '--help'], '--lang')).toBe('en');
    expect(optionValue(['report', '--lang', 'id'], '--lang')).toBe('id');
    expect(optionValue(['report'], '--lang')).toBeUndefined();
  });

  it('every noun gets exactly the commands of the full tree', async () => {
    const full = await buildProgram(new Context(io, {}));
    const nouns = full.commands.map((c) => c.name());
    expect(nouns.length).toBeGreaterThan(10);
    for (const noun of nouns) {
      const lazy = await buildProgram(new Context(io, {}), ['--as', 'x', noun, '--help']);
      const want = commandPaths(full.commands.find((c) => c.name() === noun)!);
      const got = lazy.commands.find((c) => c.name() === noun);
      expect(got, `'${noun}' is registered when named`).toBeDefined();
      expect(commandPaths(got!), `'${noun}' has all its subcommands`).toEqual(want);
    }
  });

  it('claims no noun that no area registers', async () => {
    const full = await buildProgram(new Context(io, {}));
    const nouns = new Set(full.commands.map((c) => c.name()));
    for (const g of commandGroups) for (const n of g.nouns) expect(nouns.has(n), n).toBe(true);
  });

  it('loads every area for a word it does not know (commander then suggests the right one)', async () => {
    const p = await buildProgram(new Context(io, {}), ['reprot', 'sla']);
    expect(p.commands.length).toBe((await buildProgram(new Context(io, {}))).commands.length);
  });
});
