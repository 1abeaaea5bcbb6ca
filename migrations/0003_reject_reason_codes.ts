import type { Knex } from 'knex';

/**
 * Reject reasons in the reader's language (issue 12): a rejected row keeps its reason's code and
 * parameters (src/i18n/rejects.ts), so `lapor import show` can render it in Indonesian or English.
 * `reason` stays (the English text): rows written before this migration have only it, and older
 * readers keep reading it. Both new columns are null for those old rows. Literal SQL, self-contained.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table import_rejects add column reason_code text`);
  await knex.raw(`alter table import_rejects add column reason_params jsonb`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter table import_rejects drop column if exists reason_params`);
  await knex.raw(`alter table import_rejects drop column if exists reason_code`);
}
