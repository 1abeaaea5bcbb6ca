import fs from 'node:fs';
import { DataError } from '../errors.js';

/** Reads a user-named file; a missing or unreadable one is one clear line (exit 65). */
export function readUserFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' :
      code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new DataError(`cannot read ${file}: ${why}`);
  }
}

export function readUserTextFile(file: string): string {
  return readUserFile(file).toString('utf8');
}
