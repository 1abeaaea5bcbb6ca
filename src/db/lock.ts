import fs from 'node:fs';
import lockfile from 'proper-lockfile';
import { ConflictError } from '../errors.js';

/**
 * PGlite serves one process at a time and takes no lock itself (pglite#1106): two processes on one
 * data directory corrupt it. We hold an exclusive, refreshed lock for the life of the process;
 * a second process waits briefly, then fails with exit 75 naming the holder.
 */
export async function lockDataDir(dir: string, waitMs = 3000): Promise<() => Promise<void>> {
  const ownerFile = `${dir}.lock-owner`;
  // A holder killed with SIGKILL leaves its lock behind until it goes stale (60 s); when the
  // recorded owner process is gone, the lock is provably stale and is cleared at once.
  clearLockOfDeadOwner(dir, ownerFile);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      // A long stale window: a PGlite query can block the event loop (WASM) for many seconds,
      // and the refresh timer must not lose the lock because of it.
      stale: 60_000,
      update: 5_000,
      retries: { retries: Math.max(1, Math.ceil(waitMs / 250)), minTimeout: 250, maxTimeout: 250, factor: 1 },
      realpath: false,
      onCompromised: (err) => {
        process.stderr.write(`warning: lock on ${dir} could not be refreshed: ${err.message}\n`);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      const pid = ownerPid(ownerFile);
      if (pid !== undefined && !isAlive(pid)) {
        throw new ConflictError(
          `data directory ${dir} was locked by process ${pid}, which is no longer running; the lock is released within ${DEAD_LOCK_AGE_MS / 1000} s, then retry`,
        );
      }
      const holder = readOwner(ownerFile);
      throw new ConflictError(
        `data directory ${dir} is in use by ${holder ?? 'another lapor process'}; wait for it to finish, then retry`,
      );
    }
    throw err;
  }
  fs.writeFileSync(ownerFile, `${process.pid} ${process.argv.slice(2, 4).join(' ')}`.trim());
  return async () => {
    try {
      fs.rmSync(ownerFile, { force: true });
    } finally {
      await release();
    }
  };
}

function ownerPid(ownerFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(ownerFile, 'utf8').split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live holder refreshes the lock's mtime every 5 s; twice that without a refresh is proof enough. */
const DEAD_LOCK_AGE_MS = 10_000;

function lockAgeMs(dir: string): number | undefined {
  try {
    return Date.now() - fs.statSync(`${dir}.lock`).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Clears the lock only when its recorded owner is gone AND the lock has not been refreshed for
 * 10 s: a lock just taken by another process (whose owner file is not written yet, so the file
 * still names the dead one) is fresh and is left alone.
 */
function clearLockOfDeadOwner(dir: string, ownerFile: string): void {
  const pid = ownerPid(ownerFile);
  if (pid === undefined || pid === process.pid || isAlive(pid)) return;
  const age = lockAgeMs(dir);
  if (age === undefined || age < DEAD_LOCK_AGE_MS) return;
  fs.rmSync(`${dir}.lock`, { recursive: true, force: true });
  fs.rmSync(ownerFile, { force: true });
}

function readOwner(ownerFile: string): string | undefined {
  try {
    const [pid, ...cmd] = fs.readFileSync(ownerFile, 'utf8').split(' ');
    return `process ${pid}${cmd.length ? ` (lapor ${cmd.join(' ')})` : ''}`;
  } catch {
    return undefined;
  }
}
