/**
 * Our vocabularies and the many ways legacy files spell them (DESIGN §7). A mapping file's own
 * value maps are tried first; these built-in synonyms after. Matching ignores case, spaces and
 * punctuation (`Tatap-Muka`, `tatap muka`, `TATAPMUKA`). Pure.
 */
import type { NikProblem } from '../../i18n/rejects.js';

// The one channel vocabulary: stored in complaints.channel by the import and by `complaint add`.
// youtube and blog: SE MenPANRB 4/2016 lists YouTube and blog.lapor.go.id among LAPOR!'s channels;
// social_media: a social network the intake did not name.
export const CHANNELS = ['sms', 'whatsapp', 'twitter', 'facebook', 'instagram', 'youtube', 'blog', 'social_media', 'web', 'mobile_app',
  'letter', 'in_person', 'phone', 'email', 'fax', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CLASSES = ['aspirasi', 'permintaan_informasi', 'pengaduan', 'pengaduan_berkadar_pengawasan'] as const;
export type ComplaintClass = (typeof CLASSES)[number];

/** Statuses a legacy row may end in (no hold or return: those need a history the files do not keep). */
export const LEGACY_STATUSES = ['received', 'with_institution', 'with_unit', 'responded', 'closed', 'archived'] as const;
export type LegacyStatus = (typeof LEGACY_STATUSES)[number];

/** Lower case, letters and digits only: the form synonyms are compared in. */
export function vocabKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [value, spellings] of Object.entries(entries) as [T, string[]][]) {
    m.set(vocabKey(value), value);
    for (const s of spellings) m.set(vocabKey(s), value);
  }
  return m;
}

/** Each value and the spellings accepted for it (matched ignoring case, spaces and punctuation). */
export const CHANNEL_SPELLINGS: Record<Channel, string[]> = {
  sms: ['sms 1708', '1708', 'sms1708', 'sms lapor', 'pesan singkat', 'short message'],
  whatsapp: ['wa', 'whats app', 'wa bot', 'whatsapp 08111708', 'w.a.'],
  twitter: ['x', 'twitter/x', 'x/twitter', 'tweet', 'twiter', '@lapor1708'],
  facebook: ['fb', 'face book', 'facebook page', 'fanpage'],
  instagram: ['ig', 'insta', 'instagram dm'],
  youtube: ['yt', 'you tube', 'youtube channel', 'kanal youtube'],
  blog: ['blog.lapor.go.id', 'blog lapor', 'blog lapor go id', 'weblog'],
  social_media: ['media sosial', 'medsos', 'sosmed', 'social media', 'jejaring sosial'],
  web: ['website', 'situs', 'situs web', 'lapor.go.id', 'www.lapor.go.id', 'web form', 'formulir web', 'online', 'portal'],
  mobile_app: ['aplikasi', 'app', 'apps', 'aplikasi lapor', 'aplikasi mobile', 'android', 'ios', 'mobile', 'aplikasi android'],
  letter: ['surat', 'surat tertulis', 'surat masuk', 'pos', 'letter'],
  in_person: ['tatap muka', 'datang langsung', 'langsung', 'loket', 'walk in', 'walk-in', 'offline', 'kunjungan'],
  phone: ['telepon', 'telpon', 'telp', 'tel', 'telephone', 'call center', 'hotline', 'panggilan'],
  email: ['e-mail', 'surel', 'surat elektronik', 'mail'],
  fax: ['faks', 'faksimile', 'facsimile'],
  other: ['lainnya', 'lain-lain', 'lain'],
};
const CHANNEL_SYNONYMS = table<Channel>(CHANNEL_SPELLINGS);

export const CLASS_SPELLINGS: Record<ComplaintClass, string[]> = {
  aspirasi: ['saran', 'usulan', 'aspiration', 'suggestion'],
  permintaan_informasi: ['permintaan informasi', 'informasi', 'pertanyaan', 'information request', 'info'],
  pengaduan: ['aduan', 'keluhan', 'complaint'],
  pengaduan_berkadar_pengawasan: ['pengaduan berkadar pengawasan', 'berkadar pengawasan', 'pbp', 'pengawasan',
    'whistleblowing', 'pelanggaran'],
};
const CLASS_SYNONYMS = table<ComplaintClass>(CLASS_SPELLINGS);

export const STATUS_SPELLINGS: Record<LegacyStatus, string[]> = {
  received: ['belum terverifikasi', 'belum diverifikasi', 'baru', 'masuk', 'diterima', 'new', 'open', 'pending'],
  with_institution: ['terdisposisi ke instansi', 'terdisposisi', 'didisposisi', 'diteruskan', 'diproses', 'proses',
    'dalam proses', 'in progress', 'sedang diproses'],
  with_unit: ['terdisposisi ke unit kerja', 'di unit kerja', 'diteruskan ke opd', 'diteruskan ke skpd'],
  responded: ['ditindaklanjuti', 'sudah ditanggapi', 'ditanggapi', 'dibalas', 'dijawab', 'answered', 'responded', 'tindak lanjut'],
  closed: ['selesai', 'ditutup', 'tuntas', 'done', 'closed', 'finished'],
  archived: ['diarsipkan', 'arsip', 'tidak dapat ditindaklanjuti', 'duplikat', 'archived'],
};
const STATUS_SYNONYMS = table<LegacyStatus>(STATUS_SPELLINGS);

export const YES_SPELLINGS = ['ya', 'y', 'yes', 'true', '1', 'benar', 'iya', 'anonim', 'rahasia', 'x', 'v'];
// 't' alone is ambiguous (true / tidak): not accepted.
export const NO_SPELLINGS = ['tidak', 'tdk', 'no', 'n', 'false', 'f', '0', 'bukan', '-'];
const TRUE = new Set(YES_SPELLINGS);
const FALSE = new Set(NO_SPELLINGS);

export type ValueMap = ReadonlyMap<string, string>;

/** A mapping file's value map (`"SMS 1708": sms`) in lookup form. */
export function compileValueMap(entries: Record<string, string> | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(entries ?? {})) m.set(vocabKey(k), v);
  return m;
}

function lookup<T extends string>(text: string, own: ValueMap | undefined, builtIn: Map<string, T>): T | undefined {
  const k = vocabKey(text);
  if (k === '') return undefined;
  const mine = own?.get(k);
  if (mine !== undefined) return builtIn.get(vocabKey(mine));
  return builtIn.get(k);
}

export function normalizeChannel(text: string, own?: ValueMap): Channel | undefined {
  return lookup(text, own, CHANNEL_SYNONYMS);
}

export function normalizeClass(text: string, own?: ValueMap): ComplaintClass | undefined {
  return lookup(text, own, CLASS_SYNONYMS);
}

export function normalizeStatus(text: string, own?: ValueMap): LegacyStatus | undefined {
  return lookup(text, own, STATUS_SYNONYMS);
}

/** ya/tidak, yes/no, true/false, 1/0 …; undefined for anything else. */
export function parseYesNo(text: string): boolean | undefined {
  const k = text.trim().toLowerCase();
  if (TRUE.has(k)) return true;
  if (FALSE.has(k)) return false;
  return undefined;
}

/**
 * NIK (Nomor Induk Kependudukan): 16 digits = province(2) regency(2) district(2) birth date
 * DDMMYY (women: day + 40) serial(4). Returns why it is not one (a code of src/i18n/rejects.ts
 * NIK_PROBLEM and its values), or undefined when it is. The birth date part is quoted (a masked
 * reason masks it); the province code is not a secret.
 */
export function nikProblem(nik: string, provinces?: ReadonlySet<string>): NikProblem | undefined {
  if (!/^\d{16}$/.test(nik)) return { code: 'nik_length', params: { n: nik.replace(/\D/g, '').length } };
  const province = nik.slice(0, 2);
  if (provinces && !provinces.has(province)) return { code: 'nik_province', params: { province } };
  let day = Number(nik.slice(6, 8));
  if (day > 40) day -= 40;
  const month = Number(nik.slice(8, 10));
  if (day < 1 || day > 31 || month < 1 || month > 12) return { code: 'nik_birth_date', params: { part: `'${nik.slice(6, 12)}'` } };
  return undefined;
}

/** `32.73`, `3273`, `32` → the dotted kode wilayah; undefined when it is not of that shape. */
export function normalizeRegionCode(text: string): string | undefined {
  const s = text.trim();
  if (/^\d{2}(?:\.\d{2})?$/.test(s)) return s;
  if (/^\d{4}$/.test(s)) return `${s.slice(0, 2)}.${s.slice(2)}`;
  return undefined;
}
