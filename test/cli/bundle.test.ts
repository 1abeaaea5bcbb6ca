import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { initialisedDataDir, tempDir } from '../helpers/db.js';

const bundleDir = path.resolve(import.meta.dirname, '../../dist/bundle');
const loadJs = path.resolve(import.meta.dirname, '../../bin/load.js');

// What bin/lapor.js runs (issue 15's start-up): the build's bundle and V8's code cache for it.
describe('the bundled CLI', () => {
  it('carries a code cache that this Node accepts', () => {
    expect(fs.statSync(path.join(bundleDir, 'lapor.cjs.cache')).size).toBeGreaterThan(100_000);
    // In a process of its own, as bin/lapor.js loads it: V8 rejects a cache under other V8 flags
    // (the test workers run with --liftoff-only). A rejected cache still works, but every command
    // would compile the whole bundle again.
    const probe = `import { loadLapor } from ${JSON.stringify(loadJs)};
      const { exports, script } = loadLapor();
      process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, main: typeof exports.main }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ rejected: false, main: 'function' });
  });

  it("tuneEngine changes V8's flags for a short command and leaves them for a bulk writer", () => {
    // No getter shows a V8 flag; the code cache does: V8 rejects a cache made under other flags.
    const probe = (argv: string[]) => {
      const code = `import { loadLapor } from ${JSON.stringify(loadJs)};
        const first = loadLapor();
        first.exports.tuneEngine(${JSON.stringify(argv)});
        process.stdout.write(JSON.stringify([first.script.cachedDataRejected, loadLapor().script.cachedDataRejected]));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as [boolean, boolean];
    };
    expect(probe(['--db', 'pglite:/x', 'calendar', 'workdays', '2026-03-17', '2026-03-27'])).toEqual([false, true]);
    expect(probe(['--db', 'pglite:/x', 'import', 'complaints', 'x.csv'])).toEqual([false, false]);
  });

  it('runs a command on PGlite, and --debug names the TypeScript sources in a stack', async () => {
    const dir = path.join(tempDir(), 'db');
    await initialisedDataDir(dir);
    const ok = await runCli(['--db', `pglite:${dir}`, 'calendar', 'workdays', '2026-03-17', '2026-03-27']);
    expect(ok).toMatchObject({ code: 0, stdout: '3\n', stderr: '' });
    const bad = await runCli(['--debug', '--db', `pglite:${dir}`, 'calendar', 'workdays', '2026-03-17', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("lapor: 'x' is not a date (YYYY-MM-DD) or an ISO instant");
    expect(bad.stderr).toMatch(/src\/commands\/calendar\/workdays\.ts:\d+:\d+/);
  });
});
