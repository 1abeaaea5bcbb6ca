import * as m0001 from './0001_core_schema.js';
import * as m0002 from './0002_default_sla_profile.js';
import * as m0003 from './0003_lean_complaint_events.js';
import * as m0002import from './0002_import_keys_per_institution.js';
import type { MigrationEntry } from './types.js';
import { migrations as registry } from './groups/registry.js';
import { migrations as imports } from './groups/imports.js';
import { migrations as dispositions } from './groups/dispositions.js';
import { migrations as sla } from './groups/sla.js';

export type { MigrationEntry, MigrationModule } from './types.js';

/**
 * Every migration, sorted by name (0001…, then each area's range: registry 0010–0019, imports
 * 0020–0029, dispositions 0030–0039, SLA 0040–0049). A static list, not a directory scan, so the
 * compiled CLI and the TypeScript tests see exactly the same set. Never rename an applied one.
 */
export const migrations: ReadonlyArray<MigrationEntry> = [
  ['0001_core_schema', m0001] as const,
  ['0002_default_sla_profile', m0002] as const,
  ['0003_lean_complaint_events', m0003] as const,
  ['0002_import_keys_per_institution', m0002import] as const,
  ...registry,
  ...imports,
  ...dispositions,
  ...sla,
].sort((a, b) => a[0].localeCompare(b[0]));
