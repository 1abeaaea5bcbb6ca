import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { runMain as runCli } from '../helpers/cli.js';
import { emptyDb, freshUrl, serverUrl, tempDir } from '../helpers/db.js';

/** Asks the generated bash function what it would complete after `words`. */
function complete(script: string, words: string[]): string[] {
  const dir = tempDir();
  const file = path.join(dir, 'c.sh');
  fs.writeFileSync(file, script);
  const line = ['lapor', ...words].map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c',
    `source ${file}; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _lapor; printf '%s\\n' "\${COMPREPLY[@]}"`]);
  fs.rmSync(dir, { recursive: true });
  return out.toString().split('\n').filter(Boolean);
}

describe('shell completion', () => {
  it('bash completes nouns, verbs and options, skipping option values', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(complete(r.stdout, ['cal'])).toEqual(['calendar']);
    expect(complete(r.stdout, ['calendar', ''])).toEqual(expect.arrayContaining(['import', 'list', 'workdays', 'add']));
    expect(complete(r.stdout, ['--db', 'memory:', 'calendar', 'add', '--t'])).toEqual(['--tz']);
    expect(complete(r.stdout, ['db', 's'])).toEqual(['status']);
  });

  it('zsh gets the same through bashcompinit; an unknown shell is a usage error', async () => {
    const r = await runCli(['completion', 'zsh']);
    expect(r.stdout).toMatch(/bashcompinit/);
    expect(r.stdout).toMatch(/complete -o default -F _lapor lapor/);
    expect((await runCli(['completion', 'fish'])).code).toBe(2);
  });
});

describe.skipIf(!serverUrl)('db roles on PostgreSQL', () => {
  it('creates a read-only login that can read but not write', async () => {
    const { url, drop } = freshUrl('postgres');
    const role = `lapor_reader_${process.pid}`;
    try {
      expect((await runCli(['--db', url, 'init'])).code).toBe(0);
      const r = await runCli(['--db', url, 'db', 'roles', '--reader', role, '--password-env', 'READER_PW'],
        { env: { READER_PW: 'pw-never-printed' } });
      expect(r.code).toBe(0);
      // in the run's language (issue 12: it was English on an Indonesian run)
      expect(r.stdout).toMatch(new RegExp(`^peran baca-saja ${role} dibuat: \\d+ view tersamar dari skema t_\\w+ di skema t_\\w+_reader \\(kata sandi ditetapkan\\)\n$`));
      expect(r.stdout + r.stderr).not.toMatch(/pw-never-printed/);
      const schema = new URL(url).searchParams.get('schema')!;
      const asReader = new URL(serverUrl!);
      asReader.username = role;
      asReader.password = 'pw-never-printed';
      const k = knexFactory({ client: 'pg', connection: asReader.toString(), searchPath: [`${schema}_reader`, schema] });
      try {
        expect(Number((await k('institutions').count({ n: '*' }).first())?.n)).toBe(591);
        await expect(k('institutions').insert({ code: 'X', name: 'X', kind: 'other' })).rejects.toThrow(/permission denied/);
      } finally {
        await k.destroy();
      }
    } finally {
      await drop();
      const k = knexFactory({ client: 'pg', connection: serverUrl });
      const schema = new URL(url).searchParams.get('schema')!;
      await k.raw('drop schema if exists ?? cascade', [`${schema}_reader`]);
      await k.raw('drop owned by ??', [role]).catch(() => undefined);
      await k.raw('drop role if exists ??', [role]).finally(() => k.destroy());
    }
  });
});

describe('db roles on the embedded engine', () => {
  it('refuses: PGlite has a single user', async () => {
    const t = await emptyDb('pglite', { template: 'initialised' });
    const r = await runCli(['db', 'roles', '--reader', 'lapor_report'], { db: t.db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/roles exist on a shared PostgreSQL server/);
    await t.cleanup();
  });
});
