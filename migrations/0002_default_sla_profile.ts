import type { Knex } from 'knex';

/** DESIGN §6: the default profile, PermenPANRB 62/2018. Profiles are data, not code. */
export const DEFAULT_PROFILE_TARGETS = {
  verification: 3,
  first_follow_up: 5,
  completion: { aspirasi: 5, permintaan_informasi: 5, pengaduan: 14, pengaduan_berkadar_pengawasan: 60 },
  auto_close: 10,
};

export async function up(knex: Knex): Promise<void> {
  await knex('sla_profiles').insert({
    name: 'permenpan-62-2018',
    version: 1,
    title: 'PermenPANRB No. 62 Tahun 2018',
    legal_basis: 'Peraturan Menteri PANRB Nomor 62 Tahun 2018 tentang Pedoman Teknis Pengelolaan Pengaduan Pelayanan Publik Nasional',
    valid_from: '2018-01-01',
    targets: JSON.stringify(DEFAULT_PROFILE_TARGETS),
    is_default: true,
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('sla_profiles').where({ name: 'permenpan-62-2018', version: 1 }).delete();
}
