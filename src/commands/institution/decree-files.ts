import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { DataError } from '../../errors.js';
import { formatProblem, rosterFileOf, validateDecree, type Decree } from '../../domain/decree.js';
import { loadReference } from '../../db/registry.js';

/**
 * Reads a decree YAML and the roster CSV it names (relative to the YAML), validates both against
 * the institutions in the database, and returns the decree, or throws a DataError (65) listing
 * every problem. Problems name the files as the user gave them.
 */
export async function loadDecree(knex: Knex, file: string, today: string): Promise<{ decree: Decree; hash: string }> {
  let yamlText: string;
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
    try {
      rosterText = fs.readFileSync(rosterFile, 'utf8');
    } catch {
      rosterText = undefined;
    }
  }
  const reference = await loadReference(knex);
  const res = validateDecree({ yamlFile: file, yamlText, rosterFile, rosterText }, reference, today);
  if (!res.ok) {
    const n = res.problems.length;
    throw new DataError(`decree ${file} has ${n} problem${n === 1 ? '' : 's'}; nothing was written`, res.problems.map(formatProblem));
  }
  return { decree: res.decree, hash: res.hash };
}
