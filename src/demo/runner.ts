import { PassThrough } from 'node:stream';
import type { Io } from '../cli/context.js';
import { LaporError, type ExitCodeValue } from '../errors.js';
import { main } from '../cli/main.js';
import type { Db } from '../db/engine.js';
import type { Pair } from '../i18n/index.js';

/** One command of the demo, run at a fixed instant so the figures are the same on every run. */
export interface DemoStep {
  /** What the step shows a newcomer (printed to stderr as it runs, in the run's language). */
  label: Pair;
  /** The instant the command runs at (its ctx.now()). */
  at: string;
  argv: string[];
  /** Print the command's stdout to the user (the reports); otherwise it is kept for later steps. */
  show?: boolean;
  /** Exit codes that are expected findings (e.g. 3: an import with rejected rows). */
  allow?: number[];
}

export interface StepResult {
  step: DemoStep;
  code: number;
  stdout: string;
  stderr: string;
}

function captureIo(passStdout?: Io['stdout']): { io: Io; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let o = '';
  let e = '';
  stdout.on('data', (d) => {
    o += d;
    passStdout?.write(d);
  });
  stderr.on('data', (d) => (e += d));
  return { io: { stdout, stderr, stdin }, out: () => o, err: () => e };
}

/**
 * Runs one demo step through `main` — the real command tree and its error handling — on the one
 * database the demo holds open (so the embedded engine is opened once), at the step's instant.
 */
export async function runStep(db: Db, step: DemoStep, opts: { env: NodeJS.ProcessEnv; userStdout: Io['stdout'] }): Promise<StepResult> {
  const cap = captureIo(step.show ? opts.userStdout : undefined);
  const at = new Date(step.at);
  const code = await main(step.argv, { io: cap.io, env: opts.env, now: () => at, db });
  await new Promise((r) => setImmediate(r));
  if (code !== 0 && !(step.allow ?? []).includes(code)) {
    throw new DemoStepError(
      `demo step "${step.label.en}" (lapor ${step.argv.join(' ')}) exited ${code}: ${cap.err().trim().replace(/^lapor: /, '')}`,
      code,
    );
  }
  return { step, code, stdout: cap.out(), stderr: cap.err() };
}

export class DemoStepError extends LaporError {
  constructor(message: string, code: number) {
    super(message, (code === 0 ? 1 : code) as ExitCodeValue);
  }
}
