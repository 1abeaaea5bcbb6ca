/**
 * `lapor import map --init FILE`: a starting mapping from a file's header and first rows, for the
 * person migrating to edit and dry-run. Columns are matched to fields by their name (the headers
 * legacy Indonesian exports use) and, when the name says nothing, by their content (dates,
 * phones, NIK, e-mail, channel / class / status words, the longest text). Every line carries a
 * comment saying why; values the import does not know are listed, commented out, under `values:`.
 * The comments are in the run's language (issue 12); keys and values are the same in either, so
 * the mapping parses the same. Pure: header and rows in, YAML text out.
 */
import { normalizePhone, isValidEmail } from '../phone.js';
import { parseLegacyDate, type DateOrder } from './dates.js';
import { FIELDS, REQUIRED_FIELDS, type Field } from './mapping.js';
import { COMPLAINT_FIELD, fill, fmt, L, label, perLang, t, type Lang, type Pair } from '../../i18n/index.js';
import {
  CHANNELS, CLASSES, LEGACY_STATUSES, normalizeChannel, normalizeClass, normalizeStatus, vocabKey,
} from './values.js';

/** Header names (compared by vocabKey) that say which field a column is. */
const NAMES: Record<Field, string[]> = {
  external_id: ['external_id', 'id', 'no', 'nomor', 'no tiket', 'nomor tiket', 'tiket', 'ticket', 'ticket id', 'id laporan',
    'no laporan', 'nomor laporan', 'kode', 'kode laporan', 'id pesan', 'no pengaduan', 'nomor pengaduan', 'id pengaduan', 'tracking id', 'no registrasi', 'no reg'],
  received_at: ['received_at', 'tanggal', 'tgl', 'tgl masuk', 'tanggal masuk', 'waktu', 'waktu masuk', 'waktu terima', 'tanggal diterima',
    'tgl diterima', 'tanggal laporan', 'tgl laporan', 'tanggal pengaduan', 'tgl pengaduan', 'received', 'created', 'created at', 'date', 'tanggal lapor'],
  channel: ['channel', 'media', 'kanal', 'saluran', 'sumber', 'via', 'asal', 'media pengaduan', 'sumber laporan', 'saluran pengaduan'],
  class: ['class', 'klasifikasi', 'jenis', 'jenis laporan', 'jenis pengaduan', 'tipe', 'tipe laporan'],
  category: ['category', 'kategori', 'topik', 'bidang', 'kategori laporan', 'sub kategori'],
  title: ['title', 'judul', 'subjek', 'perihal', 'subject', 'judul laporan', 'hal'],
  body: ['body', 'isi', 'isi pengaduan', 'isi laporan', 'isi pesan', 'pesan', 'uraian', 'keluhan', 'deskripsi', 'laporan', 'text',
    'message', 'isi aduan', 'uraian pengaduan'],
  region_code: ['region_code', 'kode wilayah', 'wilayah', 'kode daerah', 'region', 'kode kab kota'],
  reporter_name: ['reporter_name', 'nama', 'nama pelapor', 'pelapor', 'name', 'nama pengadu'],
  reporter_nik: ['reporter_nik', 'nik', 'no ktp', 'ktp', 'nik pelapor', 'nomor induk kependudukan'],
  reporter_phone: ['reporter_phone', 'telp', 'no telp', 'no hp', 'hp', 'telepon', 'nomor telepon', 'nomor pengirim', 'no pengirim',
    'pengirim', 'phone', 'msisdn', 'no wa', 'nomor hp', 'kontak'],
  reporter_email: ['reporter_email', 'email', 'e-mail', 'surel', 'alamat email'],
  anonymous: ['anonymous', 'anonim'],
  confidential: ['confidential', 'rahasia'],
  status: ['status', 'keadaan', 'status laporan', 'status pengaduan'],
  disposed_at: ['disposed_at', 'tgl disposisi', 'tanggal disposisi', 'waktu disposisi', 'tgl verifikasi', 'tanggal verifikasi'],
  unit: ['unit', 'unit kerja', 'opd', 'skpd', 'kode unit'],
  forwarded_at: ['forwarded_at', 'tgl diteruskan', 'tanggal diteruskan', 'waktu diteruskan', 'tgl teruskan'],
  responded_at: ['responded_at', 'tgl tanggapan', 'tanggal tanggapan', 'waktu balas', 'waktu tanggapan', 'tgl tindak lanjut',
    'tanggal tindak lanjut', 'tgl balas', 'tanggal balas', 'tgl jawab'],
  response: ['response', 'tanggapan', 'balasan', 'isi balasan', 'isi tanggapan', 'tindak lanjut', 'jawaban'],
  closed_at: ['closed_at', 'tgl selesai', 'tanggal selesai', 'waktu selesai', 'tgl tutup'],
  archived_at: ['archived_at', 'tgl arsip', 'tanggal arsip'],
  archive_reason: ['archive_reason', 'alasan arsip'],
};
const BY_NAME = new Map<string, Field>();
for (const [f, names] of Object.entries(NAMES) as [Field, string[]][]) for (const n of names) BY_NAME.set(vocabKey(n), f);
const TIME_NAMES = new Set(['jam', 'pukul', 'jam masuk', 'waktu jam'].map(vocabKey));
const TIME_RE = /^(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:WIB|WITA|WIT))?$/i;

export interface MapInitInput {
  fileName: string;
  header: string[];
  /** The first data rows (a few dozen are plenty). */
  rows: string[][];
  encoding: string;
  /** How the encoding was decided (examineFile's encodingWhyLabel). */
  encodingWhy: Pair;
  /** The delimiter character. */
  delimiter: string;
  today: string;
  /** The language of the comments. */
  lang: Lang;
}

interface Pick {
  field: Field;
  columns: string[];
  why: Pair;
}

function yamlString(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9 _.-]*$/.test(s) && !/^(yes|no|true|false|null|y|n|on|off)$/i.test(s) && s.trim() === s ? s : JSON.stringify(s);
}

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

export function initMapping(i: MapInitInput): string {
  const cells = (col: number) => i.rows.map((r) => (r[col] ?? '').trim()).filter((v) => v !== '');
  const taken = new Map<Field, Pick>();
  const used = new Set<number>();
  // 1. By name.
  i.header.forEach((h, col) => {
    const f = BY_NAME.get(vocabKey(h));
    if (f && !taken.has(f)) {
      taken.set(f, { field: f, columns: [h], why: L.map_init_by_name });
      used.add(col);
    }
  });
  // Date order: a first part above 12 means day first, a second part above 12 month first.
  let order: DateOrder = 'dmy';
  let orderWhy: Pair = L.map_init_date_default;
  for (const [col] of i.header.entries()) {
    for (const v of cells(col)) {
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(v);
      if (!m) continue;
      if (Number(m[1]) > 12) { order = 'dmy'; orderWhy = fill(L.map_init_date_day_first, { value: v }); break; }
      if (Number(m[2]) > 12) { order = 'mdy'; orderWhy = fill(L.map_init_date_month_first, { value: v }); break; }
    }
  }
  // 2. By content, for the columns the name did not place.
  const samples = new Map<number, string>();
  i.header.forEach((h, col) => {
    const vs = cells(col);
    if (vs.length) samples.set(col, vs[0]);
    if (used.has(col) || vs.length === 0) return;
    const n = vs.length;
    const count = (p: (v: string) => boolean) => vs.filter(p).length;
    const claim = (f: Field, why: Pair) => {
      if (taken.has(f)) return false;
      taken.set(f, { field: f, columns: [h], why });
      used.add(col);
      return true;
    };
    const dates = count((v) => parseLegacyDate(v, 'WIB', order) !== undefined && !/^\d{1,5}$/.test(v));
    if (share(dates, n) >= 0.8) {
      for (const f of ['received_at', 'responded_at', 'closed_at'] as Field[]) if (claim(f, fill(L.map_init_dates, { k: dates, n }))) return;
      return;
    }
    const phones = count((v) => normalizePhone(v) !== undefined);
    if (share(phones, n) >= 0.8 && claim('reporter_phone', fill(L.map_init_phones, { k: phones, n }))) return;
    const niks = count((v) => /^\d{16}$/.test(v.replace(/[\s.-]/g, '')));
    if (share(niks, n) >= 0.8 && claim('reporter_nik', fill(L.map_init_niks, { k: niks, n }))) return;
    const mails = count(isValidEmail);
    if (share(mails, n) >= 0.8 && claim('reporter_email', fill(L.map_init_emails, { k: mails, n }))) return;
    for (const [f, norm] of [['channel', normalizeChannel], ['class', normalizeClass], ['status', normalizeStatus]] as const) {
      const k = count((v) => norm(v) !== undefined);
      if (share(k, n) >= 0.6 && claim(f, fill(L.map_init_names_of, { k, n, field: COMPLAINT_FIELD[f] }))) return;
    }
  });
  // A time-of-day column next to the received date: joined to it.
  const rec = taken.get('received_at');
  if (rec) {
    i.header.forEach((h, col) => {
      if (used.has(col)) return;
      const vs = cells(col);
      if ((TIME_NAMES.has(vocabKey(h)) || (vs.length && share(vs.filter((v) => TIME_RE.test(v)).length, vs.length) >= 0.8)) && vs.every((v) => TIME_RE.test(v))) {
        rec.columns.push(h);
        const timeOfDay = fill(L.map_init_time_of_day, { column: h });
        rec.why = perLang((lang) => rec.why[lang] + timeOfDay[lang]);
        used.add(col);
      }
    });
  }
  // The body: the column with the longest text, if no name said so.
  if (!taken.has('body')) {
    let best = -1;
    let bestLen = 0;
    i.header.forEach((_, col) => {
      if (used.has(col)) return;
      const vs = cells(col);
      const avg = vs.reduce((a, v) => a + v.length, 0) / Math.max(1, vs.length);
      if (avg > bestLen) { bestLen = avg; best = col; }
    });
    if (best >= 0 && bestLen >= 15) {
      taken.set('body', { field: 'body', columns: [i.header[best]], why: fill(L.map_init_longest, { n: Math.round(bestLen) }) });
      used.add(best);
    }
  }

  const { lang } = i;
  const say = (text: Pair) => t(text, lang);
  const out: string[] = [];
  const delim = i.delimiter === '\t' ? 'tab' : i.delimiter;
  out.push(`# ${fmt(L.map_init_head, lang, { file: i.fileName, today: i.today })}`);
  out.push(`# ${fmt(L.map_init_from, lang, { columns: i.header.length, rows: i.rows.length })}`);
  out.push(`#   ${fmt(L.map_init_dry_run, lang, { file: i.fileName })}`);
  out.push(`# ${say(L.map_init_reference)}`);
  // The description is the mapping's content (import shows it): the same in either language.
  out.push(`description: ${JSON.stringify(`Impor ${i.fileName}`)}`);
  out.push(`# institution: "32.73"        # ${say(L.map_init_institution)}`);
  out.push(`encoding: ${i.encoding}${' '.repeat(Math.max(1, 20 - i.encoding.length))}# ${say(i.encodingWhy)}`);
  out.push(`delimiter: ${JSON.stringify(delim)}${' '.repeat(Math.max(1, 18 - JSON.stringify(delim).length))}# ${say(L.map_init_delimiter)}`);
  out.push(`date_order: ${order}               # ${say(orderWhy)}`);
  out.push(`# time_zone: WIB             # ${say(L.map_init_time_zone)}`);
  out.push(`columns:                     # ${say(L.map_init_columns)}`);
  const col = (c: string) => yamlString(c);
  for (const f of FIELDS) {
    const p = taken.get(f);
    if (!p) continue;
    const spec = p.columns.length === 1 ? col(p.columns[0]) : `[${p.columns.map(col).join(', ')}]`;
    const firstCol = i.header.indexOf(p.columns[0]);
    const eg = samples.get(firstCol);
    const example = eg !== undefined ? fmt(L.map_init_example, lang, { value: JSON.stringify(eg.length > 40 ? `${eg.slice(0, 37)}…` : eg) }) : '';
    out.push(`  ${f}: ${spec}`.padEnd(40) + ` # ${say(p.why)}${example}`);
  }
  const missingRequired = REQUIRED_FIELDS.filter((f) => !taken.has(f));
  for (const f of missingRequired.filter((f) => f === 'body' || f === 'received_at')) {
    out.push(`  # ${f}: ???                  # ${say(L.map_init_required)}`);
  }
  const unmapped = i.header.filter((_, c) => !used.has(c));
  if (unmapped.length) out.push(`# ${fmt(L.map_init_not_mapped, lang, { columns: unmapped.map((h) => JSON.stringify(h)).join(', ') })}`);

  // Values the import does not know, in the columns mapped to channel / class / status.
  const unknown: string[] = [];
  for (const [f, norm, vocab] of [['channel', normalizeChannel, CHANNELS], ['class', normalizeClass, CLASSES], ['status', normalizeStatus, LEGACY_STATUSES]] as const) {
    const p = taken.get(f);
    if (!p) continue;
    const c = i.header.indexOf(p.columns[0]);
    const odd = [...new Set(cells(c).filter((v) => norm(v) === undefined))];
    if (odd.length) {
      unknown.push(`  # ${f}:                     # ${fmt(L.map_init_unknown_values, lang, { values: vocab.join(', ') })}`);
      for (const v of odd.slice(0, 20)) unknown.push(`  #   ${JSON.stringify(v)}: ???`);
    }
  }
  out.push(`values:                      # ${say(L.map_init_values)}`);
  if (unknown.length) out.push(...unknown);
  else out.push(`  {}                         # ${say(L.map_init_values_known)}`);
  const defaults: string[] = [];
  if (!taken.has('channel')) defaults.push(`  channel: other              # ${say(L.map_init_default_channel)}`);
  if (!taken.has('class')) defaults.push(`  class: pengaduan             # ${say(L.map_init_default_class)}`);
  out.push(`defaults:                    # ${say(L.map_init_defaults)}`);
  if (defaults.length) out.push(...defaults);
  else out.push('  {}');
  return out.join('\n') + '\n';
}
