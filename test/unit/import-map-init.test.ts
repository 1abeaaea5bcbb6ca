/**
 * import map --init writes its comments in the run's language (issue 12); what it maps (keys and
 * values) is the same in either, so the mapping parses the same.
 */
import { describe, expect, it } from 'vitest';
import { initMapping, type MapInitInput } from '../../src/domain/import/map-init.js';
import { parseMappingLenient } from '../../src/domain/import/mapping.js';
import { L } from '../../src/i18n/index.js';

/** Headers that say nothing, so every field is found by its content; a time column; a column it cannot place. */
const input = (lang: 'id' | 'en', over: Partial<MapInitInput> = {}): MapInitInput => ({
  fileName: 'loket.csv',
  header: ['A', 'B', 'Jam', 'C', 'D', 'E', 'F', 'G', 'H'],
  rows: [
    ['X1', '13/03/2019', '08:00', '081234567890', '3273010101010001', 'budi@contoh.id', 'SMS', 'Jalan rusak berlubang di depan pasar sejak minggu lalu', 'z'],
    ['X2', '14/03/2019', '09:30', '+6281234567891', '3273010101010002', 'sari@contoh.id', 'Merpati Pos', 'Lampu jalan mati di depan sekolah dasar negeri', 'z'],
    ['X3', '15/03/2019', '10:15', '081234567892', '3273010101010003', 'dedi@contoh.id', 'WhatsApp', 'Sampah menumpuk di pinggir sungai dekat jembatan', 'z'],
  ],
  encoding: 'utf8', encodingWhy: L.encoding_valid_utf8, delimiter: ',', today: '2026-01-15', lang, ...over,
});
const content = (text: string) => text.split('\n').filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/\s+#.*$/, '')).join('\n');

describe('import map --init: comments in the run\'s language, the same mapping in either', () => {
  it('by content, a time of day, values it does not know, defaults', () => {
    const id = initMapping(input('id'));
    const en = initMapping(input('en'));
    expect(parseMappingLenient(id, 'id.yaml')).toEqual(parseMappingLenient(en, 'en.yaml'));
    expect(content(id)).toBe(content(en));
    expect(en).toMatch(/^# Mapping for loket\.csv, written by `lapor import map --init` on 2026-01-15\n# from its header \(9 columns\) and first 3 row\(s\)\. /);
    expect(en).toMatch(/^encoding: utf8 +# UTF-8: every byte sequence in the file is valid UTF-8$/m);
    expect(en).toMatch(/^date_order: dmy +# found 13\/03\/2019: day first$/m);
    expect(en).toMatch(/^ {2}received_at: \[B, Jam\] +# by content: 3 of 3 look like dates; time of day from "Jam"; e\.g\. "13\/03\/2019"$/m);
    expect(en).toMatch(/^ {2}reporter_nik: D +# by content: 3 of 3 are 16 digits \(NIK\)/m);
    expect(en).toMatch(/^ {2}channel: F +# by content: 2 of 3 are channel names/m);
    expect(en).toMatch(/^# not mapped \(not imported\): "A", "H"$/m);
    expect(en).toMatch(/^ {2}# channel: +# not known: write what each one is \(one of sms, /m);
    expect(en).toMatch(/^ {2}class: pengaduan +# no class column found: every row gets this$/m);
    expect(id).toMatch(/^# Pemetaan untuk loket\.csv, ditulis oleh `lapor import map --init` pada 2026-01-15\n# dari header-nya \(9 kolom\) dan 3 baris pertama\. /);
    expect(id).toMatch(/^encoding: utf8 +# UTF-8: setiap urutan bita dalam berkas adalah UTF-8 yang sah$/m);
    expect(id).toMatch(/^date_order: dmy +# ditemukan 13\/03\/2019: hari lebih dulu$/m);
    expect(id).toMatch(/^ {2}received_at: \[B, Jam\] +# menurut isi: 3 dari 3 berupa tanggal; jam dari "Jam"; mis\. "13\/03\/2019"$/m);
    expect(id).toMatch(/^ {2}reporter_phone: C +# menurut isi: 3 dari 3 berupa nomor telepon/m);
    expect(id).toMatch(/^ {2}reporter_email: E +# menurut isi: 3 dari 3 berupa alamat e-mail/m);
    expect(id).toMatch(/^ {2}channel: F +# menurut isi: 2 dari 3 adalah nama kanal/m);
    expect(id).toMatch(/^ {2}body: G +# menurut isi: teks terpanjang \(rata-rata \d+ karakter\)/m);
    expect(id).toMatch(/^# tidak dipetakan \(tidak diimpor\): "A", "H"$/m);
    expect(id).toMatch(/^ {2}#   "Merpati Pos": \?\?\?$/m);
    expect(id).toMatch(/^ {2}class: pengaduan +# tidak ada kolom klasifikasi: setiap baris mendapat nilai ini$/m);
    for (const text of [id, en]) expect(text).not.toMatch(/\{\w+\}/);
  });

  it('by name, a required field missing, every value known', () => {
    const over = { header: ['Kode', 'Isi Pengaduan', 'Media'], rows: [['1', 'Jalan rusak', 'SMS']], delimiter: ';' };
    const id = initMapping(input('id', over));
    const en = initMapping(input('en', over));
    expect(parseMappingLenient(id, 'id.yaml')).toEqual(parseMappingLenient(en, 'en.yaml'));
    expect(content(id)).toBe(content(en));
    expect(en).toMatch(/^ {2}body: Isi Pengaduan +# by name; e\.g\. "Jalan rusak"$/m);
    expect(en).toMatch(/^ {2}# received_at: \?\?\? +# REQUIRED: no column found for it; name the column$/m);
    expect(en).toMatch(/^ {2}\{\} +# every value in the first rows is one the import knows$/m);
    expect(en).toMatch(/^date_order: dmy +# default: day first \(03\/04\/2019 is 3 April\)$/m);
    expect(id).toMatch(/^ {2}body: Isi Pengaduan +# menurut nama; mis\. "Jalan rusak"$/m);
    expect(id).toMatch(/^ {2}# received_at: \?\?\? +# WAJIB: tidak ada kolom untuknya; tuliskan nama kolomnya$/m);
    expect(id).toMatch(/^ {2}\{\} +# setiap nilai di baris-baris pertama sudah dikenal impor$/m);
    expect(id).toMatch(/^date_order: dmy +# bawaan: hari lebih dulu \(03\/04\/2019 adalah 3 April\)$/m);
  });
});
