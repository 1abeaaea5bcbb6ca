import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import { ConflictError, fsErrorInWords, UnavailableError } from '../errors.js';

/**
 * PGlite serves one process at a time and takes no lock itself (pglite#1106): two processes on one
 * data directory corrupt it. We hold an exclusive lock for the life of the process.
 *
 * The lock belongs to a live holder, never to a clock. It is the directory `<dir>.lock`, created
 * atomically (a prepared directory renamed into place) with an `owner` file inside naming the
 * holder: pid, the process's start time (from /proc, so a recycled pid is not mistaken for the
 * holder), host and a random token. A lock is stale only when its owner process is gone (or the
 * pid now belongs to a process started at another time); a stopped (SIGSTOP) or busy holder — one
 * long blocking query — keeps it however long it takes. There is no refresh timer and no age.
 *
 * A holder checks, every second and again before it reports success, that the lock still names
 * it; if not (someone removed it by hand), it stops writing and exits 75 (`onLost`).
 */
export interface LockOptions {
  /** How long a second process waits before exit 75. */
  waitMs?: number;
  /** Called once when the holder finds the lock no longer names it. */
  onLost?: (err: ConflictError) => void;
  /** How often the holder checks its lock (ms). */
  checkMs?: number;
}

export interface DataDirLock {
  (): Promise<void>;
  /** Throws ConflictError (exit 75) when the lock no longer names this process. */
  assertHeld(): void;
  /** Whether the loss has been seen (by the timer or assertHeld). */
  isLost(): boolean;
}

interface Owner {
  pid: number;
  start?: string;
  host: string;
  token: string;
  cmd: string;
}

export async function lockDataDir(dir: string, waitMsOrOpts: number | LockOptions = {}): Promise<DataDirLock> {
  const opts: LockOptions = typeof waitMsOrOpts === 'number' ? { waitMs: waitMsOrOpts } : waitMsOrOpts;
  const waitMs = opts.waitMs ?? 3000;
  const lockPath = `${dir}.lock`;
  const me: Owner = {
    pid: process.pid,
    start: startTime(process.pid),
    host: os.hostname(),
    token: crypto.randomBytes(12).toString('hex'),
    cmd: process.argv.slice(2, 4).join(' '),
  };
  // The legacy owner file of the proper-lockfile era carries nothing we need.
  fs.rmSync(`${dir}.lock-owner`, { force: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const tmp = `${lockPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.new`;
    try {
      fs.mkdirSync(tmp);
      fs.writeFileSync(`${tmp}/owner`, JSON.stringify(me));
    } catch (err) {
      // A full disk, a read-only or forbidden folder: one line, exit 69, in words.
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new UnavailableError(`cannot lock the PGlite data directory ${dir}: ${fsErrorInWords(err, tmp)}`);
    }
    try {
      // rename(2) is atomic, and fails on a directory that holds an owner file: exactly one wins.
      fs.renameSync(tmp, lockPath);
      break;
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw err;
    }
    const holder = readOwner(lockPath);
    if (holder && !isLive(holder)) {
      breakStale(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ConflictError(`data directory ${dir} is in use by ${describe(holder)}; wait for it to finish, then retry`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let lost = false;
  let released = false;
  /** The loss, seen once: the holder's onLost runs (the CLI stops there, exit 75), then callers get the error. */
  const loseIt = (): ConflictError => {
    const err = lostError(dir);
    if (!lost) {
      lost = true;
      opts.onLost?.(err);
    }
    return err;
  };
  const check = (): void => {
    if (released || lost) return;
    if (readOwner(lockPath)?.token !== me.token) loseIt();
  };
  const timer = setInterval(check, opts.checkMs ?? 1000);
  timer.unref();
  const onExit = (): void => releaseSync();
  process.once('exit', onExit);

  function releaseSync(): void {
    if (released) return;
    released = true;
    clearInterval(timer);
    process.removeListener('exit', onExit);
    if (readOwner(lockPath)?.token !== me.token) return;
    const grave = `${lockPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.old`;
    try {
      fs.renameSync(lockPath, grave);
      fs.rmSync(grave, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }

  const release = (async () => releaseSync()) as DataDirLock;
  let checkedAt = Date.now();
  release.assertHeld = () => {
    if (released) return;
    if (!lost) {
      // Cheap enough for every query; a process resumed after a stop re-reads the owner at once.
      if (Date.now() - checkedAt < 100) return;
      if (readOwner(lockPath)?.token === me.token) {
        checkedAt = Date.now();
        return;
      }
    }
    throw loseIt();
  };
  release.isLost = () => lost;
  return release;
}

function lostError(dir: string): ConflictError {
  return new ConflictError(
    `the lock on data directory ${dir} was taken away while this command ran; it stopped writing, and its last change may not be saved — check, then retry`,
  );
}

/**
 * Removes a lock whose owner is gone. Renaming it aside first means two processes breaking the same
 * stale lock at once cannot both succeed; the one that finds a different owner in what it renamed
 * (a live lock taken meanwhile) puts it back.
 */
function breakStale(lockPath: string, stale: Owner): void {
  const grave = `${lockPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.old`;
  try {
    fs.renameSync(lockPath, grave);
  } catch {
    return; // someone else broke it first
  }
  const moved = readOwner(grave);
  if (moved && moved.token !== stale.token) {
    try {
      fs.renameSync(grave, lockPath);
    } catch {
      // the place is taken again; the holder we displaced will notice and stop (exit 75)
    }
    return;
  }
  fs.rmSync(grave, { recursive: true, force: true });
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(`${lockPath}/owner`, 'utf8')) as Owner;
    return Number.isInteger(o.pid) && o.pid > 0 && typeof o.token === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the owner process still runs: the same pid, started at the same time (on this host). */
function isLive(o: Owner): boolean {
  if (o.host !== os.hostname()) return true; // another machine's process: we cannot tell, so never take it
  try {
    process.kill(o.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else — alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(o.pid);
  if (now === 'zombie') return false;
  if (o.start !== undefined && now !== undefined && now !== o.start) return false; // pid recycled
  return true;
}

/**
 * The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), 'zombie' for a
 * process that has exited but is not yet reaped; undefined where there is no /proc.
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'zombie';
    return fields[19];
  } catch {
    return undefined;
  }
}

function describe(o: Owner | undefined): string {
  if (!o) return 'another lapor process';
  return `process ${o.pid}${o.cmd ? ` (lapor ${o.cmd})` : ''}`;
}
