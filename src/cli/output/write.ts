import fs from 'node:fs';
import path from 'node:path';
import { OutputError, outputError } from '../../errors.js';

/**
 * Writes an output file the user named (--output, a written decree, a dispatch result).
 *
 * - A new path, or an existing regular file: a temp file in the same folder, then rename, so a
 *   cron reader never sees half a report (the replaced file keeps its permission bits).
 * - A symlink is followed: its target is written by the same rules (a regular target is replaced
 *   atomically in the target's folder; the link stays a link).
 * - Anything that is not a regular file — /dev/null, /dev/stdout, /dev/full, a FIFO, a socket —
 *   is written through, never replaced by a file.
 * - A folder is refused. Every failure is one line naming the user's path (never the temp file),
 *   an OutputError (exit 74).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file); // follows symlinks
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw outputError(file, err);
    if (isDanglingLink(file)) throw new OutputError(`cannot write ${file}: it is a symbolic link to a missing file`);
  }
  if (st?.isDirectory()) throw new OutputError(`cannot write ${file}: it is a directory`);
  if (st && !st.isFile()) {
    // A device, FIFO or socket: write through.
    try {
      fs.writeFileSync(file, data);
    } catch (err) {
      throw outputError(file, err);
    }
    return;
  }
  let real = file;
  if (st) {
    try {
      real = fs.realpathSync(file);
    } catch (err) {
      throw outputError(file, err);
    }
  }
  const dir = path.dirname(path.resolve(real));
  const tmp = path.join(dir, `.${path.basename(real)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data, { mode: st ? st.mode & 0o7777 : 0o666 });
    if (st) fs.chmodSync(tmp, st.mode & 0o7777); // the umask must not narrow a replaced file
    fs.renameSync(tmp, real);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw outputError(file, err);
  }
}

function isDanglingLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

export { outputError } from '../../errors.js';
