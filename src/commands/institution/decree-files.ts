import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { DataError } from '../../errors.js';
import { formatProblem, rosterFileOf, validateDecree, type Decree } from '../../domain/decree.js';
import { loadReference } from '../../db/registry.js';
import { formatBytes } from '../../cli/files.js';

/**
 * Reads a decree YAML and the roster CSV it names (relative to the YAML), validates both against
 * the institutions in the database, and returns the decree, or throws a DataError (65) listing
 * every problem. Problems name the files as the user gave them.
 */
/** Limits, checked before a byte is parsed (docs/registry.md): a decree is a page of YAML, a roster a few hundred rows. */
export const MAX_DECREE_BYTES = 1024 * 1024;
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 20_000;
/** Problems listed in full; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 50;

function sizeOf(file: string): number | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

export async function loadDecree(knex: Knex, file: string, today: string): Promise<{ decree: Decree; hash: string }> {
  let yamlText: string;
  const yamlSize = sizeOf(file);
  if (yamlSize !== undefined && yamlSize > MAX_DECREE_BYTES) {
    throw new DataError(`decree file ${file} is ${formatBytes(yamlSize)}; the limit is ${formatBytes(MAX_DECREE_BYTES)} (a decree is a page of YAML; put the roster in its CSV lampiran)`);
  }
  try {
    yamlText = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataError(`cannot read decree file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, [
      'give the path of the decree YAML (see docs/registry.md and fixtures/decrees/)',
    ]);
  }
  const rosterName = rosterFileOf(yamlText);
  let rosterFile: string | undefined;
  let rosterText: string | undefined;
  if (rosterName) {
    rosterFile = path.join(path.dirname(file), rosterName);
    // The lampiran sits beside the decree: a path out of its folder (../../etc/passwd, an absolute
    // path, a symlink pointing out) is refused before anything of it is read or shown.
    const folder = path.resolve(path.dirname(file));
    const inside = (p: string) => {
      const rel = path.relative(folder, p);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    let real = path.resolve(rosterFile);
    try {
      real = path.join(fs.realpathSync(path.dirname(real)), path.basename(real));
      real = fs.realpathSync(real);
    } catch {
      // missing: reported by the validation below
    }
    let realFolder = folder;
    try {
      realFolder = fs.realpathSync(folder);
    } catch {
      // keep as given
    }
    if (path.isAbsolute(rosterName) || !inside(path.resolve(rosterFile)) || (path.relative(realFolder, real).startsWith('..'))) {
      throw new DataError(`decree ${file}: roster '${rosterName}' is outside the decree's folder; put the lampiran CSV beside the YAML and name it there (roster: lampiran.csv); nothing was written`);
    }
    const rosterSize = sizeOf(rosterFile);
    if (rosterSize !== undefined && rosterSize > MAX_ROSTER_BYTES) {
      throw new DataError(`roster ${rosterFile} is ${formatBytes(rosterSize)}; the limit is ${formatBytes(MAX_ROSTER_BYTES)}; nothing was written`);
    }
    try {
      rosterText = fs.readFileSync(rosterFile, 'utf8');
    } catch {
      rosterText = undefined;
    }
    if (rosterText !== undefined) {
      let rows = 0;
      for (let i = rosterText.indexOf('\n'); i >= 0; i = rosterText.indexOf('\n', i + 1)) rows++;
      if (rows > MAX_ROSTER_ROWS) {
        throw new DataError(`roster ${rosterFile} has ${rows.toLocaleString('en-US')} lines; the limit is ${MAX_ROSTER_ROWS.toLocaleString('en-US')} rows; nothing was written`);
      }
    }
  }
  const reference = await loadReference(knex);
  const res = validateDecree({ yamlFile: file, yamlText, rosterFile, rosterText }, reference, today);
  if (!res.ok) {
    const n = res.problems.length;
    const shown = res.problems.slice(0, MAX_PROBLEMS_SHOWN).map(formatProblem);
    if (n > MAX_PROBLEMS_SHOWN) shown.push(`… and ${(n - MAX_PROBLEMS_SHOWN).toLocaleString('en-US')} more (${n.toLocaleString('en-US')} problems in all; the first ${MAX_PROBLEMS_SHOWN} are shown)`);
    throw new DataError(`decree ${file} has ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'}; nothing was written`, shown);
  }
  return { decree: res.decree, hash: res.hash };
}
