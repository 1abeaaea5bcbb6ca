import type { Knex } from 'knex';

/**
 * One channel vocabulary (issue 13): `complaint add` stored its own Indonesian codes (`surat`,
 * `tatap_muka`, `telepon`, `aplikasi`, `media_sosial`) beside the import's (`letter`,
 * `in_person`, `phone`, `mobile_app`), so reports by channel split one channel in two and showed
 * raw codes. Both now store src/domain/import/values.ts CHANNELS; this rewrites the old codes.
 * Literal SQL, self-contained.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`update complaints set channel = case channel
                    when 'surat' then 'letter' when 'tatap_muka' then 'in_person' when 'telepon' then 'phone'
                    when 'aplikasi' then 'mobile_app' when 'media_sosial' then 'social_media' end
                  where channel in ('surat', 'tatap_muka', 'telepon', 'aplikasi', 'media_sosial')`);
}

/** Nothing to undo: the old codes cannot be told apart from imported ones once rewritten. */
export async function down(): Promise<void> {}
