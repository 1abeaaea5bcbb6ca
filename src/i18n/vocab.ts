/**
 * The vocabularies of lapor: every code the database or the domain uses, with its label in
 * Bahasa Indonesia (the default) and English. Pure data; `t()` (index.ts) picks the language.
 * JSON prints the code (stable) and the label beside it (`"state": "met", "state_label": …`).
 */
import type { Pair } from './types.js';

/** Complaint status (DESIGN §5); one table for every command. */
export const STATUS = {
  received: { id: 'Belum Terverifikasi', en: 'Unverified' },
  on_hold: { id: 'Tunda', en: 'On hold' },
  archived: { id: 'Diarsipkan', en: 'Archived' },
  with_institution: { id: 'Terdisposisi ke Instansi', en: 'Disposed to institution' },
  with_unit: { id: 'Terdisposisi ke Unit Kerja', en: 'Forwarded to unit' },
  returned: { id: 'Dikembalikan', en: 'Returned' },
  responded: { id: 'Ditindaklanjuti', en: 'Followed up' },
  closed: { id: 'Selesai', en: 'Closed' },
} as const satisfies Record<string, Pair>;

/** Event kinds (docs/events.md). */
export const EVENT = {
  received: { id: 'Diterima', en: 'Received' },
  hold: { id: 'Ditunda', en: 'Put on hold' },
  resume: { id: 'Dilanjutkan', en: 'Resumed' },
  archive: { id: 'Diarsipkan', en: 'Archived' },
  dispose: { id: 'Diverifikasi, disposisi ke instansi', en: 'Verified, disposed to institution' },
  forward: { id: 'Diteruskan ke unit kerja', en: 'Forwarded to unit' },
  return: { id: 'Dikembalikan (Bukan Wewenang)', en: 'Returned (not our authority)' },
  return_to_admin: { id: 'Dikembalikan ke admin instansi', en: 'Returned to the institution admin' },
  respond: { id: 'Tindak lanjut', en: 'Follow-up' },
  reply: { id: 'Tanggapan pelapor', en: "Reporter's reply" },
  close: { id: 'Ditutup', en: 'Closed' },
  auto_close: { id: 'Ditutup otomatis (10 HK tanpa tanggapan)', en: 'Auto-closed (10 working days, no reply)' },
} as const satisfies Record<string, Pair>;

/** SLA timers (DESIGN §6). */
export const TIMER = {
  verification: { id: 'Verifikasi', en: 'Verification' },
  first_follow_up: { id: 'Tindak lanjut pertama', en: 'First follow-up' },
  completion: { id: 'Penyelesaian', en: 'Completion' },
  auto_close: { id: 'Tutup otomatis', en: 'Auto-close' },
} as const satisfies Record<string, Pair>;

/** SLA timer states (DESIGN §6) and the returned-late sub-count of breached. */
export const STATE = {
  met: { id: 'Tepat waktu', en: 'Met' },
  breached: { id: 'Terlambat', en: 'Breached' },
  open_within: { id: 'Berjalan (dalam batas)', en: 'Open within time' },
  open_late: { id: 'Berjalan (lewat batas)', en: 'Open and late' },
  returned: { id: 'Dikembalikan', en: 'Returned' },
  returned_late: { id: 'Dikembalikan terlambat', en: 'Returned late' },
} as const satisfies Record<string, Pair>;

/** Complaint class (klasifikasi). */
export const CLASS = {
  aspirasi: { id: 'Aspirasi', en: 'Aspiration' },
  permintaan_informasi: { id: 'Permintaan informasi', en: 'Information request' },
  pengaduan: { id: 'Pengaduan', en: 'Complaint' },
  pengaduan_berkadar_pengawasan: { id: 'Pengaduan berkadar pengawasan', en: 'Complaint with a supervisory element' },
} as const satisfies Record<string, Pair>;

/** Channel a complaint came in by (src/domain/import/values.ts CHANNELS). */
export const CHANNEL = {
  sms: { id: 'SMS', en: 'SMS' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  twitter: { id: 'Twitter/X', en: 'Twitter/X' },
  facebook: { id: 'Facebook', en: 'Facebook' },
  instagram: { id: 'Instagram', en: 'Instagram' },
  youtube: { id: 'YouTube', en: 'YouTube' },
  blog: { id: 'Blog LAPOR!', en: 'LAPOR! blog' },
  social_media: { id: 'Media sosial', en: 'Social media' },
  web: { id: 'Situs web', en: 'Web' },
  mobile_app: { id: 'Aplikasi seluler', en: 'Mobile app' },
  letter: { id: 'Surat', en: 'Letter' },
  in_person: { id: 'Datang langsung', en: 'In person' },
  phone: { id: 'Telepon', en: 'Phone' },
  email: { id: 'Surel', en: 'E-mail' },
  fax: { id: 'Faksimile', en: 'Fax' },
  other: { id: 'Lainnya', en: 'Other' },
} as const satisfies Record<string, Pair>;

/** Import batch status. */
export const IMPORT_STATUS = {
  running: { id: 'berjalan', en: 'running' },
  done: { id: 'selesai', en: 'done' },
  failed: { id: 'gagal', en: 'failed' },
  aborted: { id: 'dihentikan', en: 'aborted' },
  reverted: { id: 'dibatalkan', en: 'reverted' },
} as const satisfies Record<string, Pair>;

/** Roles of the decree (SK) and the national admin. */
export const ROLE = {
  patron: { id: 'Pembina', en: 'patron' },
  supervisor: { id: 'Penanggungjawab', en: 'supervisor' },
  admin: { id: 'Admin Instansi', en: 'admin' },
  liaison: { id: 'Pejabat Penghubung', en: 'liaison' },
  super_admin: { id: 'Admin Nasional', en: 'super admin' },
} as const satisfies Record<string, Pair>;

/** Returns and re-dispositions counted by the monitoring report. */
export const RETURN_KIND = {
  return: { id: 'Dikembalikan ke nasional (Bukan Wewenang)', en: 'Returned to national (not our authority)' },
  return_to_admin: { id: 'Dikembalikan unit ke admin instansi', en: 'Returned by a unit to the admin' },
  redisposition_received: { id: 'Diterima sebagai disposisi ulang', en: 'Received as a re-disposition' },
} as const satisfies Record<string, Pair>;

/** Institution kinds and the onboarding report's groups. */
export const INSTITUTION_KIND = {
  provinsi: { id: 'Provinsi', en: 'Province' },
  kabupaten: { id: 'Kabupaten', en: 'Regency' },
  kota: { id: 'Kota', en: 'City' },
  kabupaten_kota: { id: 'Kabupaten/Kota', en: 'Regencies/cities' },
  kementerian: { id: 'Kementerian', en: 'Ministry' },
  lembaga: { id: 'Lembaga', en: 'Agency' },
  kementerian_lembaga: { id: 'Kementerian/Lembaga', en: 'Ministries/agencies' },
  bumn: { id: 'BUMN', en: 'SOE' },
  other: { id: 'Lainnya', en: 'Other' },
  bumn_lainnya: { id: 'BUMN & lainnya', en: 'SOEs & other' },
  total: { id: 'Total', en: 'Total' },
} as const satisfies Record<string, Pair>;

/** Institution status (institutions.status): no decree yet, a decree registered, or no longer in use. */
export const INSTITUTION_STATUS = {
  unregistered: { id: 'belum terdaftar', en: 'unregistered' },
  active: { id: 'aktif', en: 'active' },
  inactive: { id: 'nonaktif', en: 'inactive' },
} as const satisfies Record<string, Pair>;

/** Keys of a report's `meta` (parameters that produced it): JSON keeps the key, people see the label. */
export const META = {
  scope: { id: 'cakupan', en: 'scope' },
  from: { id: 'dari', en: 'from' },
  to: { id: 'sampai', en: 'to' },
  as_of: { id: 'per', en: 'as of' },
  actor: { id: 'petugas', en: 'actor' },
  by: { id: 'per kelompok', en: 'grouped by' },
  identity: { id: 'identitas pelapor', en: 'reporter identity' },
  date: { id: 'tanggal', en: 'date' },
  deadline: { id: 'batas waktu SK', en: 'decree deadline' },
  province: { id: 'provinsi', en: 'province' },
  printed_at: { id: 'dicetak', en: 'printed' },
  institution: { id: 'instansi', en: 'institution' },
  dry_run: { id: 'uji coba', en: 'dry run' },
  complaint: { id: 'pengaduan', en: 'complaint' },
  profile: { id: 'profil SLA', en: 'SLA profile' },
  batch: { id: 'batch', en: 'batch' },
  code: { id: 'kode', en: 'code' },
  kind: { id: 'jenis', en: 'kind' },
  parent: { id: 'induk', en: 'parent' },
  time_zone: { id: 'zona waktu', en: 'time zone' },
  decree_in_force: { id: 'SK berlaku', en: 'decree in force' },
  tracking_id: { id: 'nomor', en: 'tracking id' },
  received_at: { id: 'diterima', en: 'received' },
  status: { id: 'status', en: 'status' },
  source: { id: 'sumber', en: 'source' },
  file: { id: 'berkas', en: 'file' },
  file_sha256: { id: 'SHA-256 berkas', en: 'file SHA-256' },
  started_at: { id: 'mulai', en: 'started' },
  finished_at: { id: 'selesai', en: 'finished' },
  read: { id: 'dibaca', en: 'read' },
  inserted: { id: 'dimasukkan', en: 'inserted' },
  duplicates: { id: 'duplikat', en: 'duplicates' },
  rejected: { id: 'ditolak', en: 'rejected' },
  options: { id: 'opsi', en: 'options' },
  message: { id: 'pesan', en: 'message' },
  outcome: { id: 'hasil', en: 'outcome' },
  decree: { id: 'nomor SK', en: 'decree' },
  decree_date: { id: 'tanggal SK', en: 'date' },
  effective_from: { id: 'berlaku', en: 'effective' },
  // the imports' summaries (import complaints, import events)
  mapping: { id: 'pemetaan', en: 'mapping' },
  encoding: { id: 'pengodean berkas', en: 'encoding' },
  delimiter: { id: 'pemisah kolom', en: 'delimiter' },
  would_insert: { id: 'akan dimasukkan', en: 'would insert' },
  unverified: { id: 'belum terverifikasi', en: 'unverified' },
  seconds: { id: 'detik', en: 'seconds' },
  rows_per_second: { id: 'baris per detik', en: 'rows per second' },
  rejects_file: { id: 'berkas baris ditolak', en: 'rejects file' },
  format: { id: 'format', en: 'format' },
  complaints: { id: 'pengaduan', en: 'complaints' },
  complaints_rejected: { id: 'riwayat pengaduan ditolak', en: 'complaint histories rejected' },
  // import revert
  found: { id: 'ditemukan', en: 'found' },
  would_remove: { id: 'akan dihapus', en: 'would remove' },
  removed: { id: 'dihapus', en: 'removed' },
  kept: { id: 'dipertahankan', en: 'kept' },
  // sla profile show
  name: { id: 'nama', en: 'name' },
  version: { id: 'versi', en: 'version' },
  default: { id: 'bawaan', en: 'default' },
  valid_from: { id: 'berlaku dari', en: 'valid from' },
  valid_to: { id: 'berlaku sampai', en: 'valid to' },
  // report overdue
  count: { id: 'jumlah', en: 'count' },
  legacy: { id: 'data lama hasil impor', en: 'legacy complaints' },
} as const satisfies Record<string, Pair>;

/** The fields of `complaint show` (its rows' `field`, a code; people read the label). */
export const COMPLAINT_FIELD = {
  tracking_id: { id: 'nomor pelacakan', en: 'tracking id' },
  status: { id: 'status', en: 'status' },
  institution: { id: 'instansi', en: 'institution' },
  unit: { id: 'unit kerja', en: 'unit' },
  received: { id: 'diterima', en: 'received' },
  channel: { id: 'kanal', en: 'channel' },
  class: { id: 'klasifikasi', en: 'class' },
  category: { id: 'kategori', en: 'category' },
  region: { id: 'wilayah', en: 'region' },
  title: { id: 'judul', en: 'title' },
  text: { id: 'isi', en: 'text' },
  reporter: { id: 'pelapor', en: 'reporter' },
  nik: { id: 'NIK', en: 'NIK' },
  phone: { id: 'telepon', en: 'phone' },
  email: { id: 'email', en: 'email' },
  identity: { id: 'identitas', en: 'identity' },
  anonymous: { id: 'anonim', en: 'anonymous' },
  confidential: { id: 'rahasia', en: 'confidential' },
  source: { id: 'sumber', en: 'source' },
  version: { id: 'versi', en: 'version' },
} as const satisfies Record<string, Pair>;

/** Values of meta and cells that are codes. */
export const VALUE = {
  yes: { id: 'ya', en: 'yes' },
  no: { id: 'tidak', en: 'no' },
  masked: { id: 'disamarkan', en: 'masked' },
  revealed: { id: 'ditampilkan', en: 'revealed' },
  /** complaint show's identity row: the reporter's identity was shown, and the audit log says so. */
  revealed_audited: { id: 'dibuka (tercatat di audit log)', en: 'revealed (audited)' },
  all: { id: 'semua', en: 'all' },
  national_scope: { id: 'nasional', en: 'national' },
  not_given: { id: '(tidak diisi)', en: '(not given)' },
  anonymous: { id: '(anonim)', en: '(anonymous)' },
  no_rows: { id: '(tidak ada data)', en: '(no rows)' },
  unassigned: { id: '(belum terdisposisi)', en: '(not yet disposed)' },
  no_value: { id: '—', en: '—' },
  /** report overdue's meta `legacy`: imported legacy complaints listed (--include-legacy) or not. */
  included: { id: 'disertakan', en: 'included' },
  excluded: { id: 'tidak disertakan', en: 'excluded' },
  /** An import's meta `mapping` when no mapping file was given (the value stays '(default)' in JSON). */
  default_mapping: { id: '(bawaan)', en: '(default)' },
} as const satisfies Record<string, Pair>;

/** Words of the output layer itself. */
export const UI = {
  warning: { id: 'peringatan', en: 'warning' },
  notes: { id: 'Catatan', en: 'Notes' },
  info_sheet: { id: 'Keterangan', en: 'About' },
  wrote: { id: 'ditulis', en: 'wrote' },
  page: { id: 'Halaman', en: 'Page' },
  page_of: { id: 'dari', en: 'of' },
  printed: { id: 'Dicetak', en: 'Printed' },
  progress_rows: { id: 'baris', en: 'rows' },
  progress_import: { id: 'Mengimpor', en: 'Importing' },
  progress_eta: { id: 'sisa', en: 'ETA' },
} as const satisfies Record<string, Pair>;

/** The days of the week by ISO number (1 = Monday): in full, and short (tables). */
export const WEEKDAY = {
  1: { id: 'Senin', en: 'Monday' }, 2: { id: 'Selasa', en: 'Tuesday' }, 3: { id: 'Rabu', en: 'Wednesday' },
  4: { id: 'Kamis', en: 'Thursday' }, 5: { id: 'Jumat', en: 'Friday' }, 6: { id: 'Sabtu', en: 'Saturday' }, 7: { id: 'Minggu', en: 'Sunday' },
} as const satisfies Record<number, Pair>;
export const WEEKDAY_SHORT = {
  1: { id: 'Sen', en: 'Mon' }, 2: { id: 'Sel', en: 'Tue' }, 3: { id: 'Rab', en: 'Wed' }, 4: { id: 'Kam', en: 'Thu' },
  5: { id: 'Jum', en: 'Fri' }, 6: { id: 'Sab', en: 'Sat' }, 7: { id: 'Min', en: 'Sun' },
} as const satisfies Record<number, Pair>;

/** Holiday kinds (holidays.kind, calendar_days.holiday_kind). */
export const HOLIDAY_KIND = {
  libur_nasional: { id: 'Libur nasional', en: 'National holiday' },
  cuti_bersama: { id: 'Cuti bersama', en: 'Collective leave (cuti bersama)' },
  regional: { id: 'Libur daerah', en: 'Regional holiday' },
} as const satisfies Record<string, Pair>;

/** What a timer's stop is called in a sentence (`sla explain`: "answered on Saturday …"). */
export const STOP_VERB = {
  dispose: { id: 'didisposisikan', en: 'disposed' },
  archive: { id: 'diarsipkan', en: 'archived' },
  respond: { id: 'ditindaklanjuti', en: 'answered' },
  return: { id: 'dikembalikan', en: 'returned' },
  reply: { id: 'dibalas pelapor', en: 'replied to by the reporter' },
  close: { id: 'ditutup', en: 'closed' },
  auto_close: { id: 'ditutup otomatis', en: 'closed automatically' },
  stopped: { id: 'berhenti', en: 'stopped' },
} as const satisfies Record<string, Pair>;

/** Why a day is, or is not, a counted working day, in a sentence (`sla explain`). */
export const DAY_IN_SENTENCE = {
  workday: { id: 'hari kerja', en: 'a working day' },
  weekend: { id: 'akhir pekan', en: 'a weekend day' },
  libur_nasional: { id: 'libur nasional', en: 'a national holiday' },
  cuti_bersama: { id: 'cuti bersama', en: 'a collective leave day (cuti bersama)' },
  regional: { id: 'libur daerah', en: 'a regional holiday' },
  on_hold: { id: 'hari yang dikembalikan karena Tunda', en: 'a day given back for the hold (Tunda)' },
} as const satisfies Record<string, Pair>;

