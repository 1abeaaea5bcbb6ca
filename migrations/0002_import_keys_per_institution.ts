import type { Knex } from 'knex';

/**
 * Import keys are per institution (issue 13): `(source, external_id)` was unique across the whole
 * database, so a KEMENPANRB import whose ids an unrelated Pemda had used under the same source
 * name was counted "already imported" (its rows lost), and any admin could probe whether another
 * institution held an id. The key becomes (key_institution_id, source, external_id):
 * `key_institution_id` is the institution the complaint was imported for (its batch's
 * institution), null for complaints keyed in through lapor itself (source `lapor`, whose
 * external id is the tracking id, unique anyway). Two partial unique indexes keep both kinds
 * unique: NULLS NOT DISTINCT would say it in one, but needs PostgreSQL 15 (DESIGN §3: ≥ 14).
 * Also: import batches may be `reverted` (`lapor import revert`), and an event imported by
 * `lapor import events` keeps its position in the legacy history. Literal SQL, self-contained.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table complaints add column key_institution_id integer references institutions (id)`);
  await knex.raw(`update complaints c set key_institution_id = b.institution_id
                  from import_batches b where b.id = c.import_batch_id and c.import_batch_id is not null`);
  await knex.raw(`alter table complaints drop constraint if exists complaints_source_external_id_unique`);
  await knex.raw(`create unique index complaints_import_key
                  on complaints (key_institution_id, source, external_id) where key_institution_id is not null`);
  await knex.raw(`create unique index complaints_own_key
                  on complaints (source, external_id) where key_institution_id is null`);
  // `lapor import revert BATCH`: a batch whose complaints were removed.
  await knex.raw(`alter table import_batches drop constraint if exists import_batches_status`);
  await knex.raw(`alter table import_batches add constraint import_batches_status
                  check (status in ('running', 'done', 'failed', 'aborted', 'reverted'))`);
  // `lapor import events`: an event's position in the legacy history of its complaint, so a re-run
  // (or a resumed run) writes each (institution, source, external id, position) once.
  await knex.raw(`alter table complaint_events add column import_position integer`);
  await knex.raw(`create unique index complaint_events_import_position on complaint_events (complaint_id, import_position)
                  where import_position is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index if exists complaint_events_import_position`);
  await knex.raw(`alter table complaint_events drop column if exists import_position`);
  await knex.raw(`alter table import_batches drop constraint if exists import_batches_status`);
  await knex.raw(`alter table import_batches add constraint import_batches_status
                  check (status in ('running', 'done', 'failed', 'aborted'))`);
  await knex.raw(`drop index if exists complaints_import_key`);
  await knex.raw(`drop index if exists complaints_own_key`);
  await knex.raw(`alter table complaints add constraint complaints_source_external_id_unique unique (source, external_id)`);
  await knex.raw(`alter table complaints drop column key_institution_id`);
}
