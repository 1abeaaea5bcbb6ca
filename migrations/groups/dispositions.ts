import type { MigrationEntry } from '../types.js';

/** This area's migrations, each [name, module]; names sort into apply order. */
export const migrations: MigrationEntry[] = [];
