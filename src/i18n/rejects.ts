/**
 * The reasons a bulk-import row is rejected (issue 12, "one language"): a stable code plus its
 * parameters, the texts here in both languages. The English text is what import_rejects.reason
 * and the --rejects file keep (as before); the run's summary shows the run's language. Pure data.
 */
import type { Lang, Pair } from './types.js';
import { fmt, label, perLang, STATUS } from './index.js';

/**
 * What is wrong with a NIK (src/domain/import/values.ts `nikProblem`): the text without the value,
 * as `complaint add` shows it after the option's name. The import's reasons below are these with
 * the quoted value in front. A NIK's digits other than the province code are quoted, so maskReason
 * masks them.
 */
export const NIK_PROBLEM = {
  nik_length: { id: 'NIK harus 16 digit, ada {n} digit', en: 'NIK must be 16 digits, got {n} digit(s)' },
  nik_province: { id: 'NIK diawali {province}, yang bukan kode provinsi', en: 'NIK starts with {province}, which is not a province code' },
  nik_birth_date: { id: 'bagian tanggal lahir NIK {part} bukan tanggal (DDMMYY, perempuan DD+40)', en: 'NIK birth date part {part} is not a date (DDMMYY, women DD+40)' },
} as const satisfies Record<string, Pair>;

export type NikProblemCode = keyof typeof NIK_PROBLEM;

/** A NIK problem: its code and the values its text names. */
export interface NikProblem {
  code: NikProblemCode;
  params: Readonly<Record<string, string | number>>;
}

/** The text of a NIK problem in one language (without the value). */
export function nikProblemText(p: NikProblem, lang: Lang): string {
  return fmt(NIK_PROBLEM[p.code], lang, p.params);
}

/** A NIK problem as an import reason: `{value}: ` before it. */
function withValue(p: Pair): Pair {
  return perLang((lang) => `{value}: ${p[lang]}`);
}

export const REJECT = {
  too_long: { id: 'panjangnya {n} karakter; batasnya {limit}', en: 'is {n} characters long; the limit is {limit}' },
  empty: { id: 'kosong', en: 'is empty' },
  bad_date: { id: '{value} bukan tanggal/waktu yang dikenal impor ini (ISO, dd/mm/yyyy [HH:MM], dd-mm-yyyy, 12 Maret 2019, serial Excel)', en: '{value} is not a date/time this import knows (ISO, dd/mm/yyyy [HH:MM], dd-mm-yyyy, 12 Maret 2019, Excel serial)' },
  future_date: { id: '{value} ada di masa depan', en: '{value} is in the future' },
  unknown_channel: { id: '{value} bukan kanal yang dikenal (tambahkan di values.channel pada pemetaan)', en: '{value} is not a known channel (add it under values.channel in the mapping)' },
  unknown_class: { id: '{value} bukan klasifikasi (aspirasi, permintaan_informasi, pengaduan, pengaduan_berkadar_pengawasan; atau petakan di values.class)', en: '{value} is not a class (aspirasi, permintaan_informasi, pengaduan, pengaduan_berkadar_pengawasan; or map it under values.class)' },
  empty_body: { id: 'kosong: pengaduan memerlukan isinya', en: 'is empty: a complaint needs its text' },
  unknown_region: { id: '{value} bukan kode wilayah yang dikenal (mis. 32 atau 32.73)', en: '{value} is not a known kode wilayah (e.g. 32 or 32.73)' },
  nik_length: withValue(NIK_PROBLEM.nik_length),
  nik_province: withValue(NIK_PROBLEM.nik_province),
  nik_birth_date: withValue(NIK_PROBLEM.nik_birth_date),
  bad_phone: { id: '{value} bukan nomor telepon Indonesia (08…, +628…, 628…)', en: '{value} is not an Indonesian phone number (08…, +628…, 628…)' },
  bad_email: { id: '{value} bukan alamat surel', en: '{value} is not an e-mail address' },
  bad_yes_no: { id: '{value} bukan ya/tidak (ya/tidak, yes/no, 1/0, true/false)', en: '{value} is not yes/no (ya/tidak, yes/no, 1/0, true/false)' },
  unknown_status: { id: '{value} bukan status yang dikenal impor ini (petakan di values.status)', en: '{value} is not a status this import knows (map it under values.status)' },
  unknown_unit: { id: '{value} bukan unit kerja instansi ini', en: '{value} is not a unit kerja of the institution' },
  out_of_order: { id: '{at} sebelum {previous} ({previous_at})', en: '{at} is before {previous} ({previous_at})' },
  archived_no_time: { id: 'status {value} (diarsipkan) memerlukan waktu pengarsipannya', en: 'status {value} (archived) needs the time it was archived' },
  archived_with_history: { id: 'pengaduan yang diarsipkan tidak pernah didisposisikan, diteruskan, dijawab, atau ditutup', en: 'an archived complaint was never disposed, forwarded, answered or closed' },
  never_disposed: { id: 'diisi, tetapi pengaduan tidak pernah didisposisikan ke instansi (tanpa disposed_at)', en: 'is given, but the complaint was never disposed to an institution (no disposed_at)' },
  unit_without_forward: { id: 'unit diisi, tetapi tidak kapan pengaduan diteruskan ke unit itu', en: 'a unit is given, but not when the complaint was forwarded to it' },
  forward_without_unit: { id: 'forwarded_at diisi, tetapi tidak unit tujuannya', en: 'forwarded_at is given, but not the unit it was forwarded to' },
  response_without_time: { id: 'teks tanggapan diisi, tetapi tidak kapan dikirim', en: 'a response text is given, but not when it was sent' },
  closed_without_response: { id: 'pengaduan yang ditutup memerlukan waktu tindak lanjutnya (responded_at)', en: 'a closed complaint needs the time of its follow-up (responded_at)' },
  status_mismatch: { id: '{value} ({stated}) tidak cocok dengan stempel waktu, yang berakhir di {final}', en: '{value} ({stated}) does not match the timestamps, which end in {final}' },
  nul_character: { id: 'mengandung karakter NUL (data biner, atau --encoding yang salah)', en: 'contains a NUL character (binary data, or the wrong --encoding)' },
  unclosed_quote: { id: 'kolom berkutip yang dibuka di baris {line} tidak pernah ditutup: rekaman berlanjut sampai akhir berkas (baris {last})', en: 'a quoted field opened on line {line} is never closed: the record runs to the end of the file (line {last})' },
  field_count: { id: 'memiliki {n} kolom, header memiliki {header} (pemisah {delimiter}; pemisah atau tanda kutip nyasar?)', en: 'has {n} field(s), the header has {header} (delimiter {delimiter}; a stray delimiter or quote?)' },
  // `lapor import events`: a legacy history's lines (src/domain/import/events.ts, src/usecases/import/events.ts);
  // its --rejects file has them in the run's language; import_rejects keeps the code, its values and the English text.
  event_no_external_id: { id: 'kosong: sebuah peristiwa memerlukan external id pengaduannya', en: 'is empty: an event needs the external id of its complaint' },
  event_no_complaint: { id: 'tidak ada pengaduan {value} yang diimpor dengan sumber {source} untuk {institution} (impor dulu dengan `lapor import complaints`)', en: 'no complaint {value} was imported under source {source} for {institution} (import it with `lapor import complaints` first)' },
  event_no_complaint_again: { id: 'tidak ada pengaduan {value} (lihat baris {line})', en: 'no complaint {value} (see line {line})' },
  event_history_rejected: { id: 'tidak diimpor: riwayat pengaduan ini memiliki langkah yang tidak sah di baris {line}', en: "not imported: this complaint's history has an illegal step on line {line}" },
  event_already_imported: { id: 'sudah diimpor (langkah ke-{position} riwayatnya), ada di sini agar riwayatnya utuh: jangan dihapus', en: 'already imported (step {position} of its history), here so the history stays whole: leave it in' },
  event_unknown_kind: { id: '{value} bukan jenis peristiwa yang dikenal impor ini ({kinds})', en: '{value} is not an event kind this import knows ({kinds})' },
  event_before_previous: { id: '{at} sebelum peristiwa pengaduan sebelumnya ({previous_at})', en: "{at} is before the complaint's previous event ({previous_at})" },
  event_from_national: { id: 'pengaduan tidak berada pada siapa pun (nasional), bukan pada {from}', en: 'the complaint is with nobody (national), not with {from}' },
  event_from_mismatch: { id: 'pengaduan berada pada {here}, bukan pada {from}', en: 'the complaint is with {here}, not with {from}' },
  event_dispose_needs_to: { id: 'disposisi memerlukan instansi tujuannya', en: 'a disposition needs the institution it went to' },
  event_unknown_institution: { id: '{value} bukan kode instansi', en: '{value} is not an institution code' },
  event_forward_needs_to: { id: 'penerusan memerlukan unit tujuannya', en: 'a forward needs the unit it went to' },
  event_unknown_unit: { id: '{value} bukan unit dari instansi yang memegang pengaduan', en: '{value} is not a unit of the institution holding the complaint' },
  event_wrong_state: { id: 'pengaduan berstatus {status} ({status_label}); {kind} hanya mungkin bila berstatus {allowed}', en: 'the complaint is {status} ({status_label}); {kind} is possible only when it is {allowed}' },
  // the life-cycle's own refusals of a step (src/domain/lifecycle.ts, Refusal.code), worded for an imported line
  event_needs_reason: { id: '{action} memerlukan alasan (kolom reason)', en: '{action} needs a reason (the reason column)' },
  event_needs_text: { id: '{action} memerlukan isi (kolom text)', en: '{action} needs a text (the text column)' },
  event_institution_inactive: { id: 'instansi {institution} belum memiliki tim pengelola pengaduan yang terdaftar (status {status}); daftarkan SK-nya dulu', en: 'institution {institution} has no registered complaint team (status {status}); register its decree first' },
  event_returned_by_target: { id: 'instansi {institution} sudah mengembalikan pengaduan {tracking_id} sebagai Bukan Wewenang; disposisikan ke instansi lain', en: 'institution {institution} returned complaint {tracking_id} as Bukan Wewenang; dispose it to another institution' },
  event_unit_elsewhere: { id: 'unit kerja {unit} bukan milik instansi yang memegang pengaduan {tracking_id}', en: 'unit {unit} does not belong to the institution holding complaint {tracking_id}' },
  event_unit_inactive: { id: 'unit kerja {unit} sudah nonaktif', en: 'unit {unit} is inactive' },
  // a refusal without a code (and reasons stored by an earlier version, which had only this one): the life-cycle's English message
  event_refused: { id: 'ditolak siklus hidup pengaduan: {message}', en: 'refused by the complaint life cycle: {message}' },
} as const satisfies Record<string, Pair>;

export type RejectCode = keyof typeof REJECT;
export type RejectParams = Readonly<Record<string, string | number>>;

/** A reject reason: its code and the values its text names. */
export interface RejectReason {
  code: RejectCode;
  params: RejectParams;
}

/** A stored code this catalogue knows (a row written by another version may hold one it does not). */
export function isRejectCode(code: string | null | undefined): code is RejectCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(REJECT, code);
}

/**
 * Parameters that are codes of a vocabulary, by reason: the text names each by its label as well
 * (`{status_label}` beside `{status}`), in the language it is rendered in. The reason itself keeps
 * only the code, so a stored reason reads right in either language.
 */
const LABELLED: Partial<Record<RejectCode, Readonly<Record<string, Readonly<Record<string, Pair>>>>>> = {
  event_wrong_state: { status: STATUS },
};

/** The text of a reject reason in one language. */
export function rejectText(r: RejectReason, lang: Lang): string {
  const vocabs = LABELLED[r.code];
  const labels = vocabs ? Object.fromEntries(Object.entries(vocabs).map(([k, v]) => [`${k}_label`, label(v, String(r.params[k] ?? ''), lang)])) : {};
  return fmt(REJECT[r.code], lang, { ...r.params, ...labels });
}
