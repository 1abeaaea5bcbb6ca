import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

/**
 * Follows the README's tour as a newcomer would: every `npx lapor …` line between the tour
 * markers runs, in order, in a fresh directory, with the exports the tour sets; each must exit 0
 * unless the line says `# exit N`.
 */
const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
const tour = readme.slice(readme.indexOf('<!-- tour:begin -->'), readme.indexOf('<!-- tour:end -->'));
const lines = [...tour.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split('\n')).filter((l) => l.trim() !== '');

function shellWords(line: string): string[] {
  return line.replace(/\s+#.*$/, '').trim().split(/\s+/);
}

describe('the README tour works as shown', () => {
  const cwd = tempDir('lapor-tour-');
  const env: Record<string, string> = {};
  beforeAll(() => {
    // The tour refers to fixtures/ relative to the project, as a user in the clone would.
    fs.symlinkSync(path.resolve('fixtures'), path.join(cwd, 'fixtures'));
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('has a tour with commands', () => {
    expect(lines.filter((l) => l.startsWith('npx lapor')).length).toBeGreaterThan(10);
  });

  it('every command runs with the exit code shown', async () => {
    for (const line of lines) {
      const exp = /^export (\w+)=(\S+)/.exec(line);
      if (exp) {
        env[exp[1]] = exp[2].replace('$PWD', cwd);
        continue;
      }
      expect(line.startsWith('npx lapor '), line).toBe(true);
      const args = shellWords(line).slice(2).map((a) => (a.startsWith('fixtures/') ? path.join(cwd, a) : a))
        .map((a) => (a === 'lapor-demo' || a === 'monitoring.html' ? path.join(cwd, a) : a));
      const expected = Number(/# exit (\d+)/.exec(line)?.[1] ?? 0);
      const r = await runCli(args, { env });
      expect({ line, code: r.code, stderr: r.code === expected ? '' : r.stderr }).toEqual({ line, code: expected, stderr: '' });
      // Data on stdout, unless the line writes it to a file.
      if (expected === 0) {
        if (!args.includes('--output')) expect(r.stdout.length, line).toBeGreaterThan(0);
      } else {
        // A refusal is one clear line on stderr.
        expect(r.stderr.trim().split('\n'), line).toHaveLength(1);
      }
    }
    expect(fs.readFileSync(path.join(cwd, 'monitoring.html'), 'utf8')).toMatch(/<svg/);
  }, 300_000);
});
