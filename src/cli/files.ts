import fs from 'node:fs';
import { DataError } from '../errors.js';

/** Reads a user-named file; a missing or unreadable one is one clear line (exit 65). */
export function readUserFile(file: string, opts: { maxBytes?: number; what?: string } = {}): Buffer {
  try {
    if (opts.maxBytes !== undefined) {
      const st = fs.statSync(file);
      if (st.isFile() && st.size > opts.maxBytes) {
        throw new DataError(`${opts.what ?? file} is ${formatBytes(st.size)}; the limit is ${formatBytes(opts.maxBytes)}`);
      }
    }
    return fs.readFileSync(file);
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' :
      code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new DataError(`cannot read ${file}: ${why}`);
  }
}

export function readUserTextFile(file: string, opts: { maxBytes?: number; what?: string } = {}): string {
  return readUserFile(file, opts).toString('utf8');
}

/** 1 MiB, 30 MB: sizes in limit messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
