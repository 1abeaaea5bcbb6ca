import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { Db } from '../../src/db/engine.js';

export const binPath = path.resolve(import.meta.dirname, '../../bin/lapor.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real, compiled binary (npm test builds first), with a clean environment: no
 * DATABASE_URL, no LAPOR_ACTOR, no colour, HOME in a temp dir unless given.
 */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NO_COLOR: '1',
      ...opts.env,
    };
    const child = spawn(process.execPath, [binPath, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs `main` in-process with fake, non-TTY streams and an optional fixed clock. */
export async function runMain(args: string[], opts: { env?: NodeJS.ProcessEnv; now?: Date; input?: string; db?: Db } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  stdin.end(opts.input ?? '');
  const code = await main(args, {
    io: { stdout, stderr, stdin },
    env: { NO_COLOR: '1', ...(opts.env ?? {}) },
    now: opts.now ? () => opts.now! : undefined,
    db: opts.db,
  });
  return { code, stdout: out, stderr: err };
}
