import type { Knex } from 'knex';
import type { MigrationEntry } from '../types.js';
import { m0041 } from '../0041_sla_spans.js';
import { m0042 } from '../0042_sla_held_days.js';
import { m0043 } from '../0043_sla_spans_by_institution.js';
import { m0044 } from '../0044_sla_spans_refresh_by_index.js';
import { m0045 } from '../0045_sla_spans_completion_by_window.js';

/**
 * 0040: reports of one institution or province pre-select the complaints ever disposed to it
 * (every SLA timer belongs to an institution the complaint was disposed to).
 */
const m0040 = {
  async up(knex: Knex): Promise<void> {
    await knex.raw(`create index if not exists complaint_events_dispose_to
                    on complaint_events (to_institution_id, complaint_id) where kind = 'dispose'`);
  },
  async down(knex: Knex): Promise<void> {
    await knex.raw('drop index if exists complaint_events_dispose_to');
  },
};

/** This area's migrations, each [name, module]; names sort into apply order. */
export const migrations: MigrationEntry[] = [['0040_sla_dispose_index', m0040], ['0041_sla_spans', m0041],
  ['0042_sla_held_days', m0042], ['0043_sla_spans_by_institution', m0043],
  ['0044_sla_spans_refresh_by_index', m0044], ['0045_sla_spans_completion_by_window', m0045]];
