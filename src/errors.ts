/**
 * The error taxonomy of lapor (DESIGN §9). It sits below src/cli, src/db and src/domain so that
 * every layer may throw these; only `main` (src/cli) turns them into an exit code and a line.
 */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  failOn: 3,
  dataError: 65,
  unavailable: 69,
  cannotWrite: 74,
  conflict: 75,
  notPermitted: 77,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];


/** A mistake the user can fix: printed as one line, never with a stack trace. */
export class LaporError extends Error {
  readonly exitCode: ExitCodeValue;
  /** Extra lines printed after the message (e.g. every validation problem). */
  readonly details: string[];
  constructor(message: string, exitCode: ExitCodeValue, details: string[] = []) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.details = details;
  }
}

export class UsageError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.usage, details);
  }
}

export class DataError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.dataError, details);
  }
}

export class UnavailableError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.unavailable, details);
  }
}

/** An output file (--output, --rejects) cannot be written: full disk, no such folder, not permitted. */
export class OutputError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.cannotWrite, details);
  }
}

export class ConflictError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.conflict, details);
  }
}

export class NotPermittedError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.notPermitted, details);
  }
}

/** The command ran to the end but found what the caller asked it to fail on (exit 3). */
export class FailOnError extends LaporError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.failOn, details);
  }
}

/** Fields of a PostgreSQL error worth showing a human (graphile-migrate's instrumentation does the same). */
export interface PgErrorFields {
  code?: string;
  detail?: string;
  hint?: string;
  message: string;
}

export function isPgError(err: unknown): err is PgErrorFields & Error {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as unknown as { code: string }).code);
}

/** SQLSTATE classes that mean "retry": serialization failure, deadlock, lock not available. */
export function isRetryablePgError(err: unknown): boolean {
  return isPgError(err) && ['40001', '40P01', '55P03'].includes(err.code ?? '');
}

/**
 * The exit code of a PostgreSQL error, by SQLSTATE (the one map; main applies it):
 * retry classes → 75; insufficient privilege / read-only transaction → 77 (a write through the
 * read-only role); data exceptions (22: a NUL byte, a value out of range) and integrity
 * violations (23) → 65; connection (08), authentication (28), resources (53), operator
 * intervention (57), system (58), internal (XX, e.g. XX000) and unknown-database (3D) → 69.
 * Anything else (syntax, undefined column: 42…) is a bug in lapor → 1.
 */
export function exitCodeForPgError(code: string | undefined): ExitCodeValue {
  const c = code ?? '';
  if (['40001', '40P01', '55P03'].includes(c)) return ExitCode.conflict;
  if (c === '42501' || c === '25006') return ExitCode.notPermitted;
  const cls = c.slice(0, 2);
  if (cls === '22' || cls === '23') return ExitCode.dataError;
  if (['08', '28', '3D', '53', '57', '58', 'XX'].includes(cls)) return ExitCode.unavailable;
  return ExitCode.unexpected;
}

/** What the exit code of a PostgreSQL error means, as the prefix of its line. */
export function pgErrorPrefix(code: ExitCodeValue): string {
  if (code === ExitCode.notPermitted) return 'not permitted by the database: ';
  if (code === ExitCode.unavailable) return 'database unavailable: ';
  if (code === ExitCode.dataError) return 'the database refused the data: ';
  if (code === ExitCode.conflict) return 'conflict, retry: ';
  return '';
}

export function describePgError(err: PgErrorFields): string[] {
  const lines = [`PostgreSQL error ${err.code ?? ''}: ${err.message}`.trim()];
  if (err.detail) lines.push(`detail: ${err.detail}`);
  if (err.hint) lines.push(`hint: ${err.hint}`);
  return lines;
}

/** An errno as words, naming the path the user gave. */
export function outputError(file: string, err: unknown): OutputError {
  return new OutputError(`cannot write ${file}: ${fsErrorInWords(err, file)}`);
}

/** A file-system error in words (ENOSPC → "the disk is full"), for one-line messages about `file`. */
export function fsErrorInWords(err: unknown, file: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    ENOENT: `no such folder ${dirnameOf(file)}`,
    ENOTDIR: 'a folder in its path is a file',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    EPIPE: 'the reader went away (broken pipe)',
    EFBIG: 'the file is too large for the file system',
    ENAMETOOLONG: 'the name is too long',
  };
  return why[code ?? ''] ?? (err as Error).message;
}

function dirnameOf(file: string): string {
  const i = file.replace(/\/+$/, '').lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : file.slice(0, i);
}
