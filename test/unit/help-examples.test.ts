import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { EXAMPLES } from '../../src/cli/examples.js';
import { runMain } from '../helpers/cli.js';

describe('--help shows examples', () => {
  it('every command that runs (each leaf, and dispatch) has at least one example, and no example names a missing command', async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() };
    const program = await buildProgram(new Context(io, {}));
    const paths: string[] = [];
    const walk = (c: Command, pre: string[]) => {
      for (const s of c.commands) {
        const p = [...pre, s.name()];
        if (s.commands.length === 0 || p.join(' ') === 'dispatch') paths.push(p.join(' '));
        walk(s, p);
      }
    };
    walk(program, []);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !EXAMPLES[p]?.length)).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((p) => !paths.includes(p))).toEqual([]);
    for (const [p, ex] of Object.entries(EXAMPLES)) for (const e of ex) expect(e, p).toMatch(new RegExp(`lapor (--\\w+( \\w+)? )*${p}`));
  });

  it('in the language of the run', async () => {
    const id = await runMain(['report', 'sla', '--help']);
    expect(id.code).toBe(0);
    expect(id.stdout).toMatch(/Contoh:\n {2}\$ lapor report sla --month 2026-11/);
    const en = await runMain(['--lang', 'en', 'report', 'overdue', '--help']);
    expect(en.stdout).toMatch(/Examples:\n {2}\$ lapor report overdue/);
    const env = await runMain(['complaint', 'show', '--help'], { env: { LAPOR_LANG: 'en' } });
    expect(env.stdout).toMatch(/Examples:/);
  });
});
