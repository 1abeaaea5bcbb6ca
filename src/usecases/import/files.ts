/**
 * The files an import run touches: the output (`--rejects`) must be none of the files it reads
 * (the input, the mapping), compared by inode when the output exists and by real path otherwise,
 * so `./x.csv`, `../dir/x.csv` and a symlink to it are all recognised. Checked before anything is
 * opened: an output over the input would truncate the source while it is being read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OutputError, outputError, UsageError } from '../../errors.js';

function identity(file: string): { ino?: string; real: string } {
  try {
    const st = fs.statSync(file);
    return { ino: `${st.dev}:${st.ino}`, real: fs.realpathSync(file) };
  } catch {
    let dir = path.dirname(path.resolve(file));
    try {
      dir = fs.realpathSync(dir);
    } catch {
      /* a folder that does not exist: the write will fail with 74 */
    }
    return { real: path.join(dir, path.basename(file)) };
  }
}

export function sameFile(a: string, b: string): boolean {
  const x = identity(a);
  const y = identity(b);
  if (x.ino && y.ino) return x.ino === y.ino;
  return x.real === y.real;
}

/** Refuses (exit 2) an output that is one of the run's inputs. */
export function refuseOutputOverInput(flag: string, output: string | undefined, inputs: Array<[what: string, file: string | undefined]>): void {
  if (!output) return;
  for (const [what, file] of inputs) {
    if (file && sameFile(output, file)) {
      throw new UsageError(`${flag} ${output} is the ${what} this run reads (${file}): it would be overwritten; write the rejects to another file`);
    }
  }
}

/**
 * An import's `--rejects FILE`, checked before the database is opened: not a file the run reads
 * (exit 2), and a file that can be created (exit 74 naming it: no such folder, a directory, not
 * permitted). A full disk shows at the first write, which marks the batch failed.
 */
export function preflightRejects(output: string | undefined, inputs: Array<[what: string, file: string | undefined]>): void {
  if (!output) return;
  refuseOutputOverInput('--rejects', output, inputs);
  if (fs.existsSync(output) && fs.statSync(output).isDirectory()) throw new OutputError(`cannot write --rejects ${output}: it is a directory`);
  try {
    fs.closeSync(fs.openSync(output, 'a'));
  } catch (err) {
    throw outputError(output, err);
  }
}
