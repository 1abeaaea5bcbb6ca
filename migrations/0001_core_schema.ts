import type { Knex } from 'knex';

/**
 * The whole data model of DESIGN §4. Complaint-owned tables (events) carry complaint_id in their
 * primary key so they can be co-located by it under Citus; the rest are small reference tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sla_profiles', (t) => {
    t.increments('id').primary();
    t.text('name').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.text('title').notNullable();
    t.text('legal_basis');
    t.date('valid_from').notNullable();
    t.date('valid_to');
    // {"verification":3,"first_follow_up":5,"completion":{"aspirasi":5,...},"auto_close":10}
    t.jsonb('targets').notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['name', 'version']);
  });
  await knex.raw('create unique index sla_profiles_one_default on sla_profiles ((true)) where is_default');

  await knex.schema.createTable('institutions', (t) => {
    t.increments('id').primary();
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('region_code');
    t.integer('parent_id').references('id').inTable('institutions');
    t.text('province_code');
    t.text('time_zone').notNullable().defaultTo('WIB');
    // unregistered: known (region list, K/L list) but no decree yet; active: a decree is in force.
    t.text('status').notNullable().defaultTo('unregistered');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(`kind in ('kementerian','lembaga','provinsi','kabupaten','kota','bumn','other')`, [], 'institutions_kind');
    t.check(`time_zone in ('WIB','WITA','WIT')`, [], 'institutions_time_zone');
    t.check(`status in ('unregistered','active','inactive')`, [], 'institutions_status');
  });
  await knex.raw('create index institutions_province on institutions (province_code)');

  await knex.schema.createTable('institution_sla_profiles', (t) => {
    t.integer('institution_id').notNullable().references('id').inTable('institutions');
    t.integer('profile_id').notNullable().references('id').inTable('sla_profiles');
    t.date('valid_from').notNullable();
    t.text('assigned_by');
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['institution_id', 'valid_from']);
  });

  await knex.schema.createTable('decrees', (t) => {
    t.increments('id').primary();
    t.integer('institution_id').notNullable().references('id').inTable('institutions');
    t.text('number').notNullable();
    t.date('decree_date').notNullable();
    t.text('signed_by').notNullable();
    t.date('received_at');
    t.date('effective_from').notNullable();
    t.integer('superseded_by').references('id').inTable('decrees');
    t.date('superseded_at');
    // Hash of the normalised decree: registering the same decree twice changes nothing.
    t.text('content_hash').notNullable();
    t.jsonb('document').notNullable();
    t.text('registered_by');
    t.timestamp('registered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['institution_id', 'number']);
  });

  await knex.schema.createTable('units', (t) => {
    t.increments('id').primary();
    t.integer('institution_id').notNullable().references('id').inTable('institutions');
    t.text('code').notNullable();
    t.text('name').notNullable();
    t.integer('parent_unit_id').references('id').inTable('units');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['institution_id', 'code']);
  });

  await knex.schema.createTable('officers', (t) => {
    t.increments('id').primary();
    t.text('username').notNullable().unique();
    t.text('name').notNullable();
    t.text('nip');
    t.text('position');
    t.text('email');
    t.text('phone');
    t.text('role').notNullable();
    t.integer('institution_id').references('id').inTable('institutions');
    t.integer('unit_id').references('id').inTable('units');
    t.integer('decree_id').references('id').inTable('decrees');
    t.date('active_from').notNullable();
    t.date('active_to');
    t.text('deactivated_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(`role in ('patron','supervisor','admin','liaison','super_admin')`, [], 'officers_role');
    t.check(`role = 'super_admin' or institution_id is not null`, [], 'officers_scope');
    t.check(`role <> 'liaison' or unit_id is not null`, [], 'officers_liaison_unit');
  });
  await knex.raw('create index officers_institution on officers (institution_id) where active_to is null');

  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id').primary();
    t.text('source').notNullable();
    t.text('file_name').notNullable();
    t.text('file_hash').notNullable();
    t.integer('institution_id').references('id').inTable('institutions');
    t.text('status').notNullable().defaultTo('running');
    t.boolean('dry_run').notNullable().defaultTo(false);
    t.bigInteger('rows_read').notNullable().defaultTo(0);
    t.bigInteger('rows_inserted').notNullable().defaultTo(0);
    t.bigInteger('rows_duplicate').notNullable().defaultTo(0);
    t.bigInteger('rows_rejected').notNullable().defaultTo(0);
    t.jsonb('options');
    t.text('actor');
    t.text('message');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.check(`status in ('running','done','failed','aborted')`, [], 'import_batches_status');
  });

  await knex.schema.createTable('import_rejects', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('import_batches').onDelete('CASCADE');
    t.bigInteger('line_no').notNullable();
    t.text('raw').notNullable();
    t.text('field');
    t.text('reason').notNullable();
    t.primary(['batch_id', 'line_no']);
  });

  await knex.raw('create sequence complaint_tracking_seq start with 1');
  await knex.schema.createTable('complaints', (t) => {
    t.bigIncrements('id').primary();
    // Opaque numeric string, unique; legacy rows keep theirs when they have one.
    t.text('tracking_id').notNullable().unique();
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.text('channel').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.text('class').notNullable();
    t.text('category');
    t.text('title');
    t.text('body').notNullable();
    t.text('region_code');
    t.text('reporter_name');
    t.text('reporter_nik');
    t.text('reporter_phone');
    t.text('reporter_email');
    t.boolean('anonymous').notNullable().defaultTo(false);
    t.boolean('confidential').notNullable().defaultTo(false);
    t.integer('institution_id').references('id').inTable('institutions');
    t.integer('unit_id').references('id').inTable('units');
    t.text('status').notNullable().defaultTo('received');
    // Bumped by every transition: the optimistic-concurrency check of two operators at once.
    t.integer('version').notNullable().defaultTo(1);
    t.boolean('legacy').notNullable().defaultTo(false);
    t.integer('import_batch_id').references('id').inTable('import_batches');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['source', 'external_id']);
    t.check(
      `status in ('received','on_hold','archived','with_institution','with_unit','returned','responded','closed')`,
      [], 'complaints_status');
    t.check(`class in ('aspirasi','permintaan_informasi','pengaduan','pengaduan_berkadar_pengawasan')`, [], 'complaints_class');
  });
  await knex.raw('create index complaints_holder on complaints (institution_id, status)');
  await knex.raw('create index complaints_received on complaints (received_at)');

  await knex.schema.createTable('complaint_events', (t) => {
    t.bigInteger('complaint_id').notNullable().references('id').inTable('complaints');
    // Position in the complaint's history: (complaint_id, seq) is unique, so two writers cannot
    // both append the "next" event, and order is never ambiguous.
    t.integer('seq').notNullable();
    t.text('kind').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.integer('actor_id').references('id').inTable('officers');
    t.text('actor');
    t.text('from_status');
    t.text('to_status');
    t.integer('from_institution_id').references('id').inTable('institutions');
    t.integer('to_institution_id').references('id').inTable('institutions');
    t.integer('from_unit_id').references('id').inTable('units');
    t.integer('to_unit_id').references('id').inTable('units');
    t.text('reason');
    t.text('body');
    t.boolean('legacy').notNullable().defaultTo(false);
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['complaint_id', 'seq']);
  });
  await knex.raw('create index complaint_events_kind_at on complaint_events (kind, at)');

  await knex.schema.createTable('holidays', (t) => {
    t.date('day').notNullable();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('source').notNullable();
    // null: national (libur nasional, cuti bersama); a province code for a regional holiday.
    t.text('region_code');
    t.timestamp('imported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(`kind in ('libur_nasional','cuti_bersama','regional')`, [], 'holidays_kind');
  });
  await knex.raw(`create unique index holidays_day_name on holidays (day, name, coalesce(region_code, ''))`);

  await knex.schema.createTable('calendar_years', (t) => {
    t.integer('year').primary();
    t.text('source').notNullable();
    t.timestamp('imported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // One row per date 2015–2035. workday_no is the number of working days up to and including the
  // date, so "working days after a, up to and including b" is two look-ups: no(b) - no(a).
  await knex.schema.createTable('calendar_days', (t) => {
    t.date('day').primary();
    t.boolean('is_workday').notNullable();
    t.smallint('iso_weekday').notNullable();
    t.text('holiday_name');
    t.text('holiday_kind');
    t.text('source');
    t.integer('workday_no').notNullable();
  });
  await knex.raw('create index calendar_days_workday_no on calendar_days (workday_no) where is_workday');

  await knex.schema.createTable('routing_rules', (t) => {
    t.increments('id').primary();
    t.text('region_code');
    t.text('category');
    t.integer('institution_id').notNullable().references('id').inTable('institutions');
    t.integer('priority').notNullable().defaultTo(100);
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor');
    t.text('action').notNullable();
    t.jsonb('detail');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log', 'routing_rules', 'calendar_days', 'calendar_years', 'holidays', 'complaint_events',
    'complaints', 'import_rejects', 'import_batches', 'officers', 'units', 'decrees',
    'institution_sla_profiles', 'institutions', 'sla_profiles',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop sequence if exists complaint_tracking_seq');
}
