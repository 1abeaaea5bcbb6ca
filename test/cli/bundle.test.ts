import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { initialisedDataDir, tempDir } from '../helpers/db.js';
// @ts-expect-error: bin/load.js is plain JavaScript, shipped as it is
import { loadLapor } from '../../bin/load.js';

const bundleDir = path.resolve(import.meta.dirname, '../../dist/bundle');

// What bin/lapor.js runs (issue 15's start-up): the build's bundle and V8's code cache for it.
describe('the bundled CLI', () => {
  it('carries a code cache that this Node accepts', () => {
    expect(fs.statSync(path.join(bundleDir, 'lapor.cjs.cache')).size).toBeGreaterThan(100_000);
    const { exports, script } = loadLapor() as { exports: Record<string, unknown>; script: { cachedDataRejected?: boolean } };
    // A rejected cache still works, but every command would compile the whole bundle again.
    expect(script.cachedDataRejected).toBe(false);
    expect(typeof exports.main).toBe('function');
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
