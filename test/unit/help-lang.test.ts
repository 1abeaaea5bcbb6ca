import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { HELP } from '../../src/i18n/help.js';
import { runMain } from '../helpers/cli.js';

async function commandPaths(): Promise<string[]> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() };
  const program = await buildProgram(new Context(io, {}));
  const paths = [''];
  const walk = (c: Command, pre: string[]) => {
    for (const s of c.commands) {
      const p = [...pre, s.name()];
      paths.push(p.join(' '));
      walk(s, p);
    }
  };
  walk(program, []);
  return paths;
}

describe('--help summaries follow the run language (issue 12)', () => {
  it('every command path (nouns and verbs) has an Indonesian and an English summary, and no entry names a missing command', async () => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(55);
    expect(paths.filter((p) => !HELP[p]?.id?.trim() || !HELP[p]?.en?.trim())).toEqual([]);
    expect(Object.keys(HELP).filter((p) => !paths.includes(p))).toEqual([]);
    expect(Object.entries(HELP).filter(([, t]) => t.id === t.en).map(([p]) => p)).toEqual([]);
  });

  it('lapor report --help in Indonesian by default, in English with --lang en', async () => {
    const id = await runMain(['report', '--help']);
    expect(id.code).toBe(0);
    expect(id.stdout).toContain(HELP['report'].id);
    expect(id.stdout).toMatch(/sla\s.*kepatuhan SLA per instansi/);
    expect(id.stdout).not.toContain(HELP['report sla'].en);
    const en = await runMain(['--lang', 'en', 'report', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(HELP['report'].en);
    expect(en.stdout).toMatch(/sla\s.*SLA compliance per institution/);
    expect(en.stdout).not.toContain(HELP['report sla'].id);
  });

  it('lapor --help and a verb, and LAPOR_LANG', async () => {
    // Commander wraps long lines to the help width: compare with whitespace folded.
    const fold = (s: string) => s.replace(/\s+/g, ' ');
    const root = await runMain(['--help']);
    expect(fold(root.stdout)).toContain(HELP[''].id);
    expect(fold(root.stdout)).toContain(fold(HELP['complaint'].id));
    const verb = await runMain(['import', 'complaints', '--help'], { env: { LAPOR_LANG: 'en' } });
    expect(fold(verb.stdout)).toContain(HELP['import complaints'].en);
    const eq = await runMain(['--lang=en', 'report', 'sla', '--help']);
    expect(fold(eq.stdout)).toContain(fold(HELP['report sla'].en));
    const verbId = await runMain(['sla', 'profile', 'assign', '--help']);
    expect(fold(verbId.stdout)).toContain(HELP['sla profile assign'].id);
  });
});
