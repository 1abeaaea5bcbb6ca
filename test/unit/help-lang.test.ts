import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { HELP, OPTION_HELP_ID } from '../../src/i18n/help.js';
import { runMain } from '../helpers/cli.js';

async function program(env: NodeJS.ProcessEnv = { LAPOR_LANG: 'en' }): Promise<Command> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() };
  return buildProgram(new Context(io, env), []);
}

/** Every option's and argument's English description in the tree (commander's own help option too). */
async function optionTexts(): Promise<Set<string>> {
  const texts = new Set<string>(['display help for command']);
  const walk = (c: Command) => {
    for (const o of c.options) texts.add(o.description);
    for (const a of c.registeredArguments) texts.add(a.description);
    c.commands.forEach(walk);
  };
  walk(await program());
  return texts;
}

async function commandPaths(): Promise<string[]> {
  const paths = [''];
  const walk = (c: Command, pre: string[]) => {
    for (const s of c.commands) {
      const p = [...pre, s.name()];
      paths.push(p.join(' '));
      walk(s, p);
    }
  };
  walk(await program(), []);
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

  it('every option and argument has an Indonesian description, and no translation is left over from a changed text', async () => {
    const texts = await optionTexts();
    expect(texts.size).toBeGreaterThan(140);
    expect([...texts].filter((t) => !t.trim())).toEqual([]);
    expect([...texts].filter((t) => !OPTION_HELP_ID[t]?.trim())).toEqual([]);
    expect(Object.keys(OPTION_HELP_ID).filter((t) => !texts.has(t))).toEqual([]);
  });

  it('a verb\'s options, arguments and headings follow the language', async () => {
    const id = await runMain(['calendar', 'workdays', '--help']);
    expect(id.stdout).toMatch(/^Penggunaan: lapor calendar workdays/m);
    expect(id.stdout).toMatch(/^Opsi:$/m);
    expect(id.stdout).toContain(OPTION_HELP_ID["count in the institution's time zone"]);
    expect(id.stdout).toContain(OPTION_HELP_ID['date or instant']);
    expect(id.stdout).not.toContain("count in the institution's time zone");
    const en = await runMain(['--lang', 'en', 'calendar', 'workdays', '--help']);
    expect(en.stdout).toMatch(/^Usage: lapor calendar workdays/m);
    expect(en.stdout).toContain("count in the institution's time zone");
    expect(en.stdout).toContain('display help for command');
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
