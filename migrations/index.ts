import * as m0001 from './0001_baseline.js';
import * as m0002 from './0002_import_keys_per_institution.js';
import * as m0003 from './0003_reject_reason_codes.js';
import * as m0004 from './0004_one_channel_vocabulary.js';
import * as m0005 from './0005_judged_spans.js';
import type { MigrationEntry } from './types.js';

export type { MigrationEntry, MigrationModule } from './types.js';

/**
 * Every migration in apply order: a static list, not a directory scan, so the compiled CLI and the
 * TypeScript tests see exactly the same set. Forward-only; each migration is self-contained
 * (literal SQL, no imports of other migrations). Never rename an applied one.
 */
export const migrations: ReadonlyArray<MigrationEntry> = [
  ['0001_baseline', m0001],
  ['0002_import_keys_per_institution', m0002],
  ['0003_reject_reason_codes', m0003],
  ['0004_one_channel_vocabulary', m0004],
  ['0005_judged_spans', m0005],
];
