import type { Lang } from './types.js';

/**
 * The one-line summary of every command (issue 12, "one language"), by command path ('' is
 * `lapor` itself), in Bahasa Indonesia and English: the only place a summary is written (the
 * commands carry none). buildProgram applies them in the run's language;
 * test/unit/help-lang.test.ts checks that every command of the tree has both.
 */
export const HELP: Record<string, { id: string; en: string }> = {
  '': {
    id: 'administrasi dan pelaporan SP4N-LAPOR!: instansi, impor data lama, disposisi, laporan SLA',
    en: 'SP4N-LAPOR! administration and reporting: institutions, legacy imports, dispositions, SLA reports',
  },
  'demo': {
    id: 'jalankan seluruh alur kerja pada basis data tertanam yang baru: registrasi, impor, disposisi, laporan',
    en: 'run the whole job on a fresh embedded database: register, import, dispose, report',
  },
  'init': {
    id: 'buat atau perbarui basis data, muat wilayah, K/L dan hari libur, buat super_admin pertama',
    en: 'create or upgrade the database, load regions, K/L and holidays, create the first super_admin',
  },
  'db': {
    id: 'skema dan akses basis data: migrate, status, rollback, roles',
    en: 'database schema and access: migrate, status, rollback, roles',
  },
  'db migrate': {
    id: 'terapkan semua migrasi yang tertunda (migrasi yang sama di PGlite dan PostgreSQL)',
    en: 'apply every pending migration (the same ones on PGlite and PostgreSQL)',
  },
  'db status': {
    id: 'daftar migrasi yang sudah dan belum diterapkan; kode keluar 3 bila ada yang tertunda',
    en: 'list applied and pending migrations; exit 3 when some are pending',
  },
  'db rollback': {
    id: 'batalkan migrasi terbaru; bersifat merusak, sehingga memerlukan --yes',
    en: 'undo the newest migration(s); destructive, so it needs --yes',
  },
  'db roles': {
    id: 'buat (atau perbarui) login PostgreSQL: login baca-saja untuk tugas laporan (view tersamar), atau login yang terikat pada seorang petugas',
    en: 'create (or refresh) PostgreSQL logins: a read-only one for report jobs (masked views), or one bound to an officer',
  },
  'calendar': {
    id: 'kalender hari kerja: hari libur, jumlah hari kerja antartanggal, tenggat',
    en: 'working-day calendar: holidays, working days between dates, deadlines',
  },
  'calendar import': {
    id: 'impor daftar hari libur (kolom tanggal,nama,jenis); menggantikan setiap tahun yang dimuatnya',
    en: 'import a holiday list (columns tanggal,nama,jenis); replaces each year it contains',
  },
  'calendar list': {
    id: 'daftar hari libur (libur nasional, cuti bersama) dalam satu tahun',
    en: 'list the holidays (libur nasional, cuti bersama) of a year',
  },
  'calendar workdays': {
    id: 'jumlah hari kerja setelah FROM, sampai dengan TO',
    en: 'number of working days after FROM, up to and including TO',
  },
  'calendar add': {
    id: 'tenggat N hari kerja (HK) setelah INSTANT: akhir (23:59:59 waktu setempat) hari kerja ke-N setelah tanggalnya',
    en: 'deadline of N working days after INSTANT: the end (23:59:59 local) of the N-th working day after its date',
  },
  'institution': {
    id: 'instansi (Pemda, K/L) dan SK Tim Pengelola Pengaduan-nya',
    en: 'institutions (Pemda, K/L) and their SK Tim Pengelola Pengaduan',
  },
  'institution register': {
    id: 'daftarkan instansi beserta tim pengelola pengaduannya dari SK Tim Pengelola Pengaduan (YAML SK + CSV susunan tim); tanpa --decree di terminal, wizard akan menanyakannya',
    en: 'register an institution and its complaint team from its SK Tim Pengelola Pengaduan (decree YAML + roster CSV); with no --decree on a terminal, a wizard asks for it',
  },
  'institution list': {
    id: 'daftar instansi (Pemda dan K/L) beserta SK yang berlaku',
    en: 'list institutions (Pemda and K/L) with their decree in force',
  },
  'institution show': {
    id: 'satu instansi: unit kerjanya, tim pengelola pengaduan yang berlaku (per unit kerja), riwayat SK dan mantan petugas',
    en: 'an institution: its units, the complaint team in force (by unit), decree history and former officers',
  },
  'unit': {
    id: 'unit kerja (SKPD/OPD) suatu instansi',
    en: 'unit kerja (SKPD/OPD) of an institution',
  },
  'unit add': {
    id: 'tambahkan unit kerja pada instansi (super_admin, atau admin instansi tersebut); pejabat penghubungnya ditetapkan dengan SK berikutnya',
    en: 'add a unit kerja to an institution (super_admin, or an admin of that institution); its liaison comes with the next decree',
  },
  'unit list': {
    id: 'daftar unit kerja suatu instansi beserta pejabat penghubungnya',
    en: "list an institution's units with their liaisons",
  },
  'officer': {
    id: 'petugas yang ditetapkan dalam SK: Pembina, Penanggungjawab, Admin Instansi, Pejabat Penghubung',
    en: 'officers named by decrees: Pembina, Penanggungjawab, Admin Instansi, Pejabat Penghubung',
  },
  'officer list': {
    id: 'daftar petugas (yang aktif saja, kecuali dengan --all)',
    en: 'list officers (active ones unless --all)',
  },
  'officer deactivate': {
    id: 'nonaktifkan petugas (riwayat tetap disimpan); menampilkan pengaduan yang masih dipegang unit kerjanya',
    en: 'deactivate an officer (history is kept); lists the complaints their unit still holds',
  },
  'report': {
    id: 'laporan: kesiapan instansi, kepatuhan SLA, pemantauan, pengaduan terlambat',
    en: 'reports: onboarding, SLA compliance, monitoring, overdue',
  },
  'report onboarding': {
    id: 'provinsi, kabupaten/kota dan K/L mana yang memiliki SK terdaftar, seorang admin dan pejabat penghubung untuk setiap unit kerja; SK yang diterima setelah batas waktu',
    en: 'which provinces, kabupaten/kota and K/L have a registered decree, an admin and a liaison for every unit; decrees received after the deadline',
  },
  'report sla': {
    id: 'kepatuhan SLA per instansi (atau unit kerja, provinsi, klasifikasi, kanal) dan per timer: tepat waktu, terlambat, terbuka, % kepatuhan, median dan p90 hari kerja',
    en: 'SLA compliance per institution (or unit, province, class, channel) and timer: met, breached, open, compliance %, median and p90 working days',
  },
  'report monitoring': {
    id: 'tampilan Penanggungjawab atas satu instansi: jumlah, umur tunggakan, daftar terlambat, pengembalian, tren bulanan',
    en: "the Penanggungjawab's view of one institution: counts, backlog ageing, overdue list, returns, monthly trend",
  },
  'report overdue': {
    id: 'pengaduan yang saat ini melewati tenggat (terbuka dan terlambat), untuk ditangani, diurutkan menurut jumlah hari kerja keterlambatan',
    en: 'complaints past a deadline now (open and late), for intervention, sorted by working days late',
  },
  'import': {
    id: 'impor massal pengaduan lama (log SMS, ekspor formulir web, lembar kerja)',
    en: 'bulk import of legacy complaints (SMS hotline logs, web-form exports, spreadsheets)',
  },
  'import complaints': {
    id: 'impor pengaduan lama dari berkas CSV (bertahap, tervalidasi, idempoten, dapat dilanjutkan)',
    en: 'import legacy complaints from a CSV file (streaming, validated, idempotent, resumable)',
  },
  'import events': {
    id: 'impor riwayat pengaduan lama (CSV atau JSON Lines, satu peristiwa per baris) ke pengaduan yang sudah diimpor sebelumnya',
    en: 'import legacy complaint histories (CSV or JSON Lines, one event a line) onto complaints imported before',
  },
  'import list': {
    id: 'daftar batch impor, terbaru lebih dulu (admin melihat batch instansinya sendiri)',
    en: "list import batches, newest first (an admin sees their own institution's)",
  },
  'import show': {
    id: 'tampilkan satu batch impor: opsi, jumlah, pengaduan yang dimasukkan menurut status, baris yang ditolak',
    en: 'show one import batch: options, counts, the complaints it inserted by status, its rejected rows',
  },
  'import revert': {
    id: 'hapus pengaduan dari batch impor yang belum memiliki peristiwa sejak diimpor; yang lain ditampilkan dan dipertahankan',
    en: "remove an import batch's complaints that have had no event since the import; list and keep the others",
  },
  'import map': {
    id: 'tulis berkas pemetaan awal untuk CSV lama: encoding, pemisah, kolom → field (menurut nama dan isi), dengan komentar',
    en: 'write a starting mapping file for a legacy CSV: encoding, delimiter, column → field (by name and by content), with comments',
  },
  'import values': {
    id: 'daftar nilai yang diterima impor (kanal, klasifikasi, status, ya/tidak) beserta ejaan yang dikenali untuk masing-masing',
    en: 'list the values the import accepts (channel, class, status, yes/no) and the spellings it knows for each',
  },
  'complaint': {
    id: 'pengaduan: input, tampilkan, daftar, dan proses sepanjang siklus hidupnya',
    en: 'complaints: key in, show, list, and move them through their life-cycle',
  },
  'complaint add': {
    id: 'input pengaduan yang diterima melalui surat, tatap muka atau kanal lain (pejabat penghubung: masuk ke unit kerja Anda; admin: ke instansi Anda; super_admin: antrean nasional)',
    en: 'key in a complaint received by letter, in person or from a channel (liaison: lands with your unit; admin: with your institution; super_admin: national queue)',
  },
  'complaint show': {
    id: 'satu pengaduan beserta seluruh riwayatnya (setiap peristiwa: siapa, kapan, dari → ke, alasan)',
    en: 'a complaint and its whole history (every event: who, when, from → to, why)',
  },
  'complaint list': {
    id: 'pengaduan yang boleh Anda lihat, terlama lebih dulu (identitas pelapor disamarkan)',
    en: 'complaints you may see, oldest first (reporter identity masked)',
  },
  'complaint verify': {
    id: 'verifikasi pengaduan yang diterima (atau dikembalikan) dan disposisikan ke suatu instansi (super_admin)',
    en: 'verify a received (or returned) complaint and dispose it to an institution (super_admin)',
  },
  'complaint hold': {
    id: 'tunda pengaduan yang diterima (Tunda), misalnya selama meminta keterangan tambahan dari pelapor (super_admin)',
    en: 'put a received complaint on hold (Tunda), e.g. while asking the reporter for more (super_admin)',
  },
  'complaint resume': {
    id: 'lanjutkan pengaduan yang ditunda: kembali ke antrean verifikasi (super_admin)',
    en: 'resume a complaint on hold: it is back in the verification queue (super_admin)',
  },
  'complaint archive': {
    id: 'masukkan pengaduan yang diterima ke arsip: tidak jelas, duplikat atau tidak dapat ditindaklanjuti (super_admin)',
    en: 'archive a received complaint: unclear, duplicate or not actionable (super_admin)',
  },
  'complaint forward': {
    id: 'teruskan pengaduan yang didisposisikan ke instansi Anda kepada salah satu unit kerjanya (admin)',
    en: 'forward a complaint disposed to your institution to one of its units (admin)',
  },
  'complaint return': {
    id: 'kembalikan pengaduan: dari unit kerja ke adminnya (pejabat penghubung), dari instansi ke admin nasional sebagai Bukan Wewenang (admin)',
    en: 'return a complaint: a unit back to its admin (liaison), an institution back to the national admin as Bukan Wewenang (admin)',
  },
  'complaint respond': {
    id: 'kirim tindak lanjut atas pengaduan yang dipegang instansi atau unit kerja Anda',
    en: 'post the follow-up (tindak lanjut) of a complaint your institution or unit holds',
  },
  'complaint reply': {
    id: 'catat tanggapan pelapor atas tindak lanjut: membuka kembali pengaduan pada pemegang yang sama',
    en: "record the reporter's reply to a follow-up: reopens the complaint with the same holder",
  },
  'complaint close': {
    id: 'tutup pengaduan yang sudah ditindaklanjuti (super_admin, admin)',
    en: 'close a responded complaint (super_admin, admin)',
  },
  'dispatch': {
    id: 'disposisi massal: terapkan CSV rencana (tracking_id,action,target,reason), atau buat rencana dengan `dispatch suggest` dari aturan rute',
    en: 'bulk dispatch: apply a plan CSV (tracking_id,action,target,reason), or `dispatch suggest` one from routing rules',
  },
  'dispatch suggest': {
    id: 'usulkan instansi untuk setiap pengaduan yang diterima berdasarkan aturan rute; menulis CSV rencana untuk diperiksa dan dijalankan',
    en: 'propose an institution for every received complaint from the routing rules; writes a plan CSV to review and run',
  },
  'route': {
    id: 'aturan rute (kode wilayah dan kategori → instansi) untuk `dispatch suggest`',
    en: 'routing rules (region code and category → institution) for `dispatch suggest`',
  },
  'route add': {
    id: 'tambahkan aturan rute: pengaduan dari REGION dan/atau CATEGORY diteruskan ke INSTITUTION (super_admin)',
    en: 'add a routing rule: complaints of REGION and/or CATEGORY go to INSTITUTION (super_admin)',
  },
  'route list': {
    id: 'aturan rute yang dipakai `dispatch suggest`',
    en: 'routing rules used by `dispatch suggest`',
  },
  'route remove': {
    id: 'hapus aturan rute menurut nomornya (super_admin)',
    en: 'remove a routing rule by its number (super_admin)',
  },
  'sla': {
    id: 'SLA: tenggat dalam hari kerja, penutupan otomatis',
    en: 'SLA: deadlines in working days, the auto-close sweep',
  },
  'sla sweep': {
    id: 'tutup otomatis pengaduan yang sudah ditindaklanjuti setelah 10 hari kerja tanpa tanggapan (idempoten; aman dijalankan dari cron)',
    en: 'auto-close responded complaints after 10 working days without a reply (idempotent; safe from cron)',
  },
  'sla explain': {
    id: 'jelaskan angka SLA satu pengaduan: setiap timer dalam zona waktunya, setiap hari yang dihitung atau dilewati (akhir pekan, hari libur, Tunda), dan alasan timer terlambat',
    en: 'explain the SLA figures of one complaint: each timer in its own zone, every day counted or skipped (weekend, holiday, on hold), and why a timer is late',
  },
  'sla profile': {
    id: 'profil SLA: kumpulan target dalam hari kerja yang bernama dan berversi; ditetapkan untuk instansi mulai suatu tanggal',
    en: 'SLA profiles: named, versioned sets of targets in working days; assigned to institutions from a date',
  },
  'sla profile list': {
    id: 'daftar profil SLA dan jumlah instansi yang memakai masing-masing',
    en: 'list the SLA profiles and how many institutions use each',
  },
  'sla profile show': {
    id: 'tampilkan satu profil (NAME atau NAME@VERSION): targetnya dan instansi yang memakainya',
    en: 'show one profile (NAME or NAME@VERSION): its targets and the institutions assigned to it',
  },
  'sla profile add': {
    id: 'tambahkan profil dari berkas YAML/JSON (nama yang sudah ada mendapat versi berikutnya); super_admin',
    en: 'add a profile from a YAML/JSON file (a known name gets the next version); super_admin',
  },
  'sla profile assign': {
    id: 'tetapkan profil untuk suatu instansi mulai suatu tanggal (timer yang dimulai sejak itu memakainya); super_admin',
    en: 'assign a profile to an institution from a date on (timers starting from then use it); super_admin',
  },
  'completion': {
    id: 'cetak skrip pelengkapan otomatis shell (bash atau zsh)',
    en: 'print a shell completion script (bash or zsh)',
  },
};

/** The summary of the command at `path` in `lang`, if the catalogue has it. */
export function helpSummary(path: string, lang: Lang): string | undefined {
  return HELP[path]?.[lang];
}

/**
 * The Bahasa Indonesia text of every option's and argument's description, keyed by its English text: the English
 * is written once, beside its flag in the command (many options are shared by helpers such as the
 * report options), and this is its translation, the way gettext keys a catalogue by its msgid.
 * buildProgram applies it when help is shown in Indonesian; test/unit/help-lang.test.ts checks
 * that every option of the tree has an entry and that no entry is left over from a changed text.
 */
export const OPTION_HELP_ID: Record<string, string> = {
  'output the version number': 'tampilkan nomor versi',
  'database: postgres://user@host:5432/db[?schema=name], pglite:/dir or memory: (default: embedded PGlite)':
    'basis data: postgres://user@host:5432/db[?schema=nama], pglite:/dir atau memory: (bawaan: PGlite tertanam)',
  'acting officer (default: $LAPOR_ACTOR)': 'petugas yang bertindak (bawaan: $LAPOR_ACTOR)',
  'disable colour': 'matikan warna',
  'show stack traces and SQL errors in full': 'tampilkan jejak tumpukan (stack trace) dan galat SQL selengkapnya',
  'language of every label: id (Bahasa Indonesia) or en (default: $LAPOR_LANG, else id)':
    'bahasa semua label: id (Bahasa Indonesia) atau en (bawaan: $LAPOR_LANG, selain itu id)',
  'print nothing but errors on stderr (for cron)': 'jangan cetak apa pun selain galat di stderr (untuk cron)',
  'where the demo database and reports go (default: a new temporary directory)':
    'tempat basis data dan laporan demo disimpan (bawaan: direktori sementara yang baru)',
  'username of the first super_admin account': 'nama pengguna akun super_admin pertama',
  'output format': 'format keluaran',
  'write to FILE (atomically) instead of stdout': 'tulis ke FILE (secara atomik), bukan ke stdout',
  'CSV for Excel in an Indonesian locale: UTF-8 BOM, ";" between fields, decimal comma':
    'CSV untuk Excel berlokal Indonesia: BOM UTF-8, ";" di antara kolom, koma desimal',
  'CSV of a report: print only this table (one table per CSV)': 'CSV laporan: cetak tabel ini saja (satu tabel per CSV)',
  'tables: show every column in full, whatever the terminal width': 'tabel: tampilkan setiap kolom utuh, berapa pun lebar terminal',
  'how many migrations to undo': 'jumlah migrasi yang dibatalkan',
  'undo every migration (drops all lapor tables)': 'batalkan semua migrasi (menghapus semua tabel lapor)',
  'confirm: data in the rolled-back tables is lost': 'konfirmasi: data di tabel yang dibatalkan akan hilang',
  'name of the read-only role, e.g. lapor_report (reads masked views only; re-run after db migrate)':
    'nama peran baca-saja, mis. lapor_report (hanya membaca view tersamar; jalankan lagi setelah db migrate)',
  "a login named after the officer USERNAME, bound to that officer: lapor acts as them only; lapor's writes, no DDL":
    'login bernama petugas USERNAME, terikat pada petugas itu: lapor hanya bertindak sebagai dia; hak tulis lapor, tanpa DDL',
  'take the role password from this environment variable (never from the command line)':
    'ambil kata sandi peran dari variabel lingkungan ini (tidak pernah dari baris perintah)',
  'the decree the list comes from, e.g. "SKB 3 Menteri No. 1497/2025"': 'dasar hukum daftar itu, mis. "SKB 3 Menteri No. 1497/2025"',
  'the year': 'tahunnya',
  'local time zone: WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9)': 'zona waktu setempat: WIB (UTC+7), WITA (UTC+8) atau WIT (UTC+9)',
  "count in the institution's time zone": 'hitung dalam zona waktu instansi',
  'the decree YAML (its roster CSV beside it); see docs/registry.md': 'YAML SK (CSV daftar timnya di sebelahnya); lihat docs/registry.md',
  'validate and show what would change, write nothing': 'periksa dan tampilkan apa yang akan berubah, tanpa menulis apa pun',
  'kinds, comma-separated: provinsi, kabupaten, kota, kementerian, lembaga, bumn, other; or pemda, kl':
    'jenis, dipisah koma: provinsi, kabupaten, kota, kementerian, lembaga, bumn, other; atau pemda, kl',
  'only this province and its kabupaten/kota (e.g. 32)': 'hanya provinsi ini beserta kabupaten/kotanya (mis. 32)',
  'only institutions with a decree in force': 'hanya instansi yang SK-nya berlaku',
  'only institutions without a decree': 'hanya instansi yang belum memiliki SK',
  'the institution (32.73, KEMENPANRB)': 'instansinya (32.73, KEMENPANRB)',
  'the unit name': 'nama unit kerja',
  'parent unit code': 'kode unit induk',
  'include units dropped by a newer decree': 'sertakan unit yang dihapus oleh SK yang lebih baru',
  'only this institution': 'hanya instansi ini',
  'only this role': 'hanya peran ini',
  'only this unit (with --institution)': 'hanya unit ini (bersama --institution)',
  'include deactivated officers (history)': 'sertakan petugas yang sudah dinonaktifkan (riwayat)',
  'why (mutasi, pensiun, …): kept in the history': 'alasannya (mutasi, pensiun, …): disimpan dalam riwayat',
  'last day in office (default: today)': 'hari terakhir menjabat (bawaan: hari ini)',
  'decrees received after this date are late': 'SK yang diterima setelah tanggal ini terlambat',
  'only this province (2 digits), with each of its institutions': 'hanya provinsi ini (2 digit), beserta setiap instansinya',
  'write to FILE (atomically) instead of stdout; with --format csv, a directory gets one CSV per table':
    'tulis ke FILE (secara atomik), bukan ke stdout; dengan --format csv, sebuah direktori mendapat satu CSV per tabel',
  'group by': 'kelompokkan menurut',
  'complaints received from this date (YYYY-MM-DD, WIB)': 'aduan yang diterima sejak tanggal ini (YYYY-MM-DD, WIB)',
  'complaints received up to and including this date': 'aduan yang diterima sampai dengan tanggal ini',
  'complaints received in this month (instead of --from/--to)': 'aduan yang diterima pada bulan ini (pengganti --from/--to)',
  'only institutions of this province (two digits, super_admin)': 'hanya instansi di provinsi ini (dua digit, super_admin)',
  'judge every timer as of this instant (default: now); makes a cron run reproducible':
    'nilai setiap timer per saat ini (bawaan: sekarang); membuat jalannya cron dapat diulang',
  'exit 3 when the compliance of any timer is below PCT': 'keluar dengan kode 3 bila kepatuhan salah satu timer di bawah PCT',
  "show reporters' identity unmasked (super_admin only; written to the audit log)":
    'tampilkan identitas pelapor tanpa disamarkan (hanya super_admin; dicatat di log audit)',
  'rows of the overdue list': 'baris daftar yang melewati tenggat',
  'the institution (default: your own)': 'instansinya (bawaan: instansi Anda sendiri)',
  'at most N rows': 'paling banyak N baris',
  'also list imported legacy complaints (they raise no alerts by default)':
    'sertakan juga aduan lama hasil impor (secara bawaan tidak menimbulkan peringatan)',
  'name of the legacy channel, e.g. sms-1708-kota-bandung: (source, external id) is unique':
    'nama kanal lama, mis. sms-1708-kota-bandung: (sumber, id eksternal) unik',
  "mapping file (YAML or JSON): columns, value maps, defaults, time zone (default: headers are field names)":
    'berkas pemetaan (YAML atau JSON): kolom, peta nilai, nilai bawaan, zona waktu (bawaan: judul kolom adalah nama field)',
  "institution the complaints belong to (default: the mapping's, or the admin's own)":
    'instansi pemilik aduan (bawaan: dari pemetaan, atau instansi admin sendiri)',
  'validate and count, write no complaint (the batch and its rejects are recorded)':
    'periksa dan hitung, tanpa menulis aduan (batch dan penolakannya dicatat)',
  'write every rejected row (line, field, reason in --lang, original line) to this CSV file':
    'tulis setiap baris yang ditolak (baris, field, alasan dalam --lang, baris asli) ke berkas CSV ini',
  'write every line of each rejected history (with _line,_field,_reason) to this CSV file, to fix and feed back':
    'tulis setiap baris dari tiap riwayat yang ditolak (dengan _line,_field,_reason) ke berkas CSV ini, untuk diperbaiki dan diimpor lagi',
  'stop (exit 65) when more than N rows are rejected; the unfinished chunk is not written':
    'berhenti (kode 65) bila lebih dari N baris ditolak; bagian yang belum selesai tidak ditulis',
  'file encoding': 'pengodean berkas',
  'import text that looks wrongly decoded (U+FFFD, `Ã©`, `â€™`) as it is; refused (65) otherwise':
    'impor apa adanya teks yang tampak salah didekode (U+FFFD, `Ã©`, `â€™`); bila tidak, ditolak (65)',
  "field delimiter: auto, ',', ';', tab or '|'": "pemisah kolom: auto, ',', ';', tab atau '|'",
  'writer sessions on PostgreSQL (default 2; PGlite writes with one): see docs/import.md for how it scales':
    'sesi penulis di PostgreSQL (bawaan 2; PGlite menulis dengan satu): lihat docs/import.md tentang skalanya',
  'rows per transaction (default 4000 on PostgreSQL, 10000 on PGlite)': 'baris per transaksi (bawaan 4000 di PostgreSQL, 10000 di PGlite)',
  'summary format': 'format ringkasan',
  'the source the complaints were imported under (import complaints --source)':
    'sumber tempat aduan diimpor (import complaints --source)',
  "the institution they were imported for (default: the admin's own)": 'instansi tujuan impornya (bawaan: instansi admin sendiri)',
  'check every history against the life-cycle; write no event (the batch and its rejects are recorded)':
    'periksa setiap riwayat terhadap siklus hidup aduan; tanpa menulis peristiwa (batch dan penolakannya dicatat)',
  'import text that looks wrongly decoded as it is': 'impor apa adanya teks yang tampak salah didekode',
  'complaints per transaction': 'aduan per transaksi',
  'language of titles and headers': 'bahasa judul dan kepala kolom',
  'only batches of this source': 'hanya batch dari sumber ini',
  'at most N batches': 'paling banyak N batch',
  'show at most N rejected rows': 'tampilkan paling banyak N baris yang ditolak',
  "super_admin: show rejected rows' original lines unmasked (written to the audit log)":
    'super_admin: tampilkan baris asli yang ditolak tanpa disamarkan (dicatat di log audit)',
  'count and list what would be removed and kept; write nothing': 'hitung dan daftar apa yang akan dihapus dan dipertahankan; tanpa menulis apa pun',
  'remove without asking (needed when not on a terminal)': 'hapus tanpa bertanya (wajib bila tidak di terminal)',
  'the legacy CSV file to look at': 'berkas CSV lama yang diperiksa',
  'write the mapping here (default: stdout)': 'tulis pemetaan ke sini (bawaan: stdout)',
  'how many first rows to look at': 'berapa baris pertama yang diperiksa',
  'only this field: channel, class, status or yes_no': 'hanya field ini: channel, class, status atau yes_no',
  'how it came in: sms, whatsapp, twitter, facebook, instagram, youtube, blog, social_media, web, mobile_app, letter, in_person, phone, email, fax, other':
    'kanal masuknya: sms, whatsapp, twitter, facebook, instagram, youtube, blog, social_media, web, mobile_app, letter, in_person, phone, email, fax, other',
  'klasifikasi': 'klasifikasi aduan',
  'the complaint text': 'isi aduan',
  'read the complaint text from FILE': 'baca isi aduan dari FILE',
  'short title': 'judul singkat',
  'category (kategori), used by routing rules': 'kategori, dipakai oleh aturan disposisi',
  'region code of the matter, e.g. 32.73': 'kode wilayah perkaranya, mis. 32.73',
  "when it was received (ISO, or local time of the actor's institution); default now":
    'waktu diterima (ISO, atau waktu setempat instansi petugas); bawaan sekarang',
  "the reporter's name": 'nama pelapor',
  '16-digit NIK': 'NIK 16 digit',
  "the reporter's phone number": 'nomor telepon pelapor',
  "the reporter's e-mail address": 'alamat surel pelapor',
  'the reporter asked to stay anonymous: no identity is stored': 'pelapor meminta anonim: tidak ada identitas yang disimpan',
  'rahasia: shown only to the holding institution and super_admin': 'rahasia: hanya ditampilkan kepada instansi pemegang dan super_admin',
  "super_admin: show the reporter's identity unmasked (written to the audit log)":
    'super_admin: tampilkan identitas pelapor tanpa disamarkan (dicatat di log audit)',
  'comma-separated: received,on_hold,archived,with_institution,with_unit,returned,responded,closed':
    'dipisah koma: received,on_hold,archived,with_institution,with_unit,returned,responded,closed',
  'held by this institution': 'dipegang instansi ini',
  'held by this unit': 'dipegang unit ini',
  'received on or after this date (YYYY-MM-DD, WIB)': 'diterima pada atau setelah tanggal ini (YYYY-MM-DD, WIB)',
  'received on or before this date (YYYY-MM-DD, WIB)': 'diterima pada atau sebelum tanggal ini (YYYY-MM-DD, WIB)',
  'only complaints past the deadline of their running timer (legacy rows excluded)':
    'hanya aduan yang melewati tenggat timer yang sedang berjalan (kecuali data lama)',
  'only complaints with nobody (unverified, on hold, returned), such as those imported as unverified':
    'hanya aduan yang tidak dipegang siapa pun (belum terverifikasi, ditunda, dikembalikan), seperti yang diimpor sebagai belum terverifikasi',
  'institution code, e.g. 32.73 or KEMENPANRB': 'kode instansi, mis. 32.73 atau KEMENPANRB',
  'note on the disposition': 'catatan disposisi',
  'why it waits': 'alasan ditunda',
  'note': 'catatan',
  'why it is archived': 'alasan diarsipkan',
  'unit code within the institution, e.g. DISHUB': 'kode unit di dalam instansi, mis. DISHUB',
  'note to the unit': 'catatan untuk unit',
  'why it is not yours': 'alasan bukan wewenang Anda',
  'the follow-up': 'tindak lanjutnya',
  'read the follow-up from FILE': 'baca tindak lanjut dari FILE',
  "the reporter's reply": 'tanggapan pelapor',
  'read the reply from FILE': 'baca tanggapan dari FILE',
  'check every row and show its outcome; write nothing': 'periksa setiap baris dan tampilkan hasilnya; tanpa menulis apa pun',
  'apply without asking (needed when not on a terminal)': 'terapkan tanpa bertanya (wajib bila tidak di terminal)',
  'per-row result file (default: PLAN.result.csv beside the plan)': 'berkas hasil per baris (bawaan: PLAN.result.csv di sebelah rencana)',
  'output format of the outcome': 'format keluaran hasilnya',
  'write the plan to FILE (atomically) instead of stdout': 'tulis rencana ke FILE (secara atomik), bukan ke stdout',
  'at most N complaints (oldest first)': 'paling banyak N aduan (yang terlama dahulu)',
  'also list complaints no rule matches (with an empty target, to fill in by hand)':
    'sertakan juga aduan yang tidak cocok dengan aturan mana pun (tujuan kosong, untuk diisi manual)',
  'the institution to propose, e.g. 32.73': 'instansi yang diusulkan, mis. 32.73',
  'region code of the complaint (32 matches 32.73 too)': 'kode wilayah aduan (32 juga cocok dengan 32.73)',
  'category of the complaint (case-insensitive)': 'kategori aduan (huruf besar/kecil tidak dibedakan)',
  'lower wins among equally specific rules': 'nilai lebih kecil menang di antara aturan yang sama spesifiknya',
  'count up to this instant (ISO, or WIB local time); default now; never in the future':
    'hitung sampai saat ini (ISO, atau waktu setempat WIB); bawaan sekarang; tidak boleh di masa depan',
  'show what would be closed, write nothing': 'tampilkan apa yang akan ditutup, tanpa menulis apa pun',
  'judge as of this instant (default: now)': 'nilai per saat ini (bawaan: sekarang)',
  'the institution': 'instansinya',
  'first day (YYYY-MM-DD, local) it applies to': 'hari pertama berlakunya (YYYY-MM-DD, waktu setempat)',
  // arguments
  'CSV (external_id,at,kind,from,to,actor,reason,text) or JSON Lines with those keys':
    'CSV (external_id,at,kind,from,to,actor,reason,text) atau JSON Lines dengan kunci-kunci itu',
  'CSV file (`,` `;` tab or `|`; UTF-8, UTF-16 or Windows-1252)': 'berkas CSV (`,` `;` tab atau `|`; UTF-8, UTF-16 atau Windows-1252)',
  'CSV file: tanggal (YYYY-MM-DD), nama, jenis (libur_nasional | cuti_bersama)':
    'berkas CSV: tanggal (YYYY-MM-DD), nama, jenis (libur_nasional | cuti_bersama)',
  'CSV with columns tracking_id,action,target,reason': 'CSV dengan kolom tracking_id,action,target,reason',
  'ISO instant (2026-03-17T10:00:00+07:00), naive local time or date': 'saat ISO (2026-03-17T10:00:00+07:00), waktu setempat tanpa zona, atau tanggal',
  'batch id (see `lapor import list`)': 'nomor batch (lihat `lapor import list`)',
  'date (YYYY-MM-DD) or instant (2026-03-17T10:00:00+07:00)': 'tanggal (YYYY-MM-DD) atau saat (2026-03-17T10:00:00+07:00)',
  'date or instant': 'tanggal atau saat',
  'kode wilayah (32.73) or K/L abbreviation (KEMENPANRB)': 'kode wilayah (32.73) atau singkatan K/L (KEMENPANRB)',
  'name or name@version': 'nama atau nama@versi',
  'name, or name@version': 'nama, atau nama@versi',
  'profile file, e.g. fixtures/sla-profiles/permenpan-5-2025.yaml': 'berkas profil, mis. fixtures/sla-profiles/permenpan-5-2025.yaml',
  'rule number, see `lapor route list`': 'nomor aturan, lihat `lapor route list`',
  'the complaint': 'aduannya',
  'the officer': 'petugasnya',
  'unit code, e.g. DISKOMINFO': 'kode unit, mis. DISKOMINFO',
  'working days': 'hari kerja',
  'the shell to complete for': 'shell yang akan dilengkapi',
  // commander's own
  'display help for command': 'tampilkan bantuan untuk perintah',
};

/** The headings of a help page, in Indonesian: commander's, and the examples lapor adds (src/cli/examples.ts). */
export const HELP_HEADING_ID: Record<string, string> = {
  'Usage:': 'Penggunaan:',
  'Arguments:': 'Argumen:',
  'Options:': 'Opsi:',
  'Global Options:': 'Opsi global:',
  'Commands:': 'Perintah:',
  'Examples:': 'Contoh:',
};

/** A help page's heading in `lang`. */
export function helpHeading(english: string, lang: Lang): string {
  return lang === 'en' ? english : HELP_HEADING_ID[english] ?? english;
}

/** An option's description in `lang`: the English as written, or its Indonesian translation. */
export function optionHelp(english: string, lang: Lang): string {
  return lang === 'en' ? english : OPTION_HELP_ID[english] ?? english;
}

/** The root help's closing sections: the exit codes (DESIGN §9) and the environment. */
export const ROOT_HELP_AFTER = {
  en: `Exit codes:
  0   ok
  1   unexpected error (a bug: run again with --debug and report it)
  2   usage error (unknown command, bad flag or argument)
  3   ran, but found what the caller asked to fail on (--fail-on-breach, rejected rows, refused plan rows)
  65  bad input data (a file or value that cannot be used; nothing was written)
  69  database unavailable (cannot connect, or the schema is missing or behind)
  74  cannot write an output file (full disk, no such folder, not permitted)
  75  conflict, retry (another process holds the data directory, or the complaint changed meanwhile)
  77  not permitted (the actor's role or scope does not allow it)

Environment:
  DATABASE_URL     PostgreSQL URL used when --db is not given
  LAPOR_DATA_DIR   embedded (PGlite) data directory; default $XDG_DATA_HOME/lapor or ~/.local/share/lapor
  LAPOR_ACTOR      acting officer's username when --as is not given
  LAPOR_LANG       language of labels when --lang is not given: id (default) or en
  COLUMNS          width tables fit on a terminal (--wide: no limit)
  NO_COLOR         disable colour (as does --no-color)`,
  id: `Kode keluar:
  0   berhasil
  1   galat tak terduga (sebuah bug: jalankan lagi dengan --debug dan laporkan)
  2   galat penggunaan (perintah tak dikenal, opsi atau argumen salah)
  3   berjalan, tetapi menemukan yang diminta untuk digagalkan (--fail-on-breach, baris ditolak, baris rencana ditolak)
  65  data masukan salah (berkas atau nilai yang tidak dapat dipakai; tidak ada yang ditulis)
  69  basis data tidak tersedia (tidak dapat tersambung, atau skemanya tidak ada atau tertinggal)
  74  tidak dapat menulis berkas keluaran (disk penuh, folder tidak ada, tidak diizinkan)
  75  konflik, coba lagi (proses lain memegang direktori data, atau aduannya berubah sementara itu)
  77  tidak diizinkan (peran atau cakupan petugas tidak mengizinkannya)

Lingkungan:
  DATABASE_URL     URL PostgreSQL yang dipakai bila --db tidak diberikan
  LAPOR_DATA_DIR   direktori data tertanam (PGlite); bawaan $XDG_DATA_HOME/lapor atau ~/.local/share/lapor
  LAPOR_ACTOR      nama pengguna petugas yang bertindak bila --as tidak diberikan
  LAPOR_LANG       bahasa label bila --lang tidak diberikan: id (bawaan) atau en
  COLUMNS          lebar tabel di terminal (--wide: tanpa batas)
  NO_COLOR         matikan warna (seperti --no-color)`,
} as const satisfies Record<Lang, string>;

/** Commander's notes after an option's description ("(choices: …, default: …)"), in Indonesian. */
export function helpExtrasId(text: string): string {
  return text.replace(/\((choices|default|env|preset): /g, (_m, w: string) => `(${{ choices: 'pilihan', default: 'bawaan', env: 'env', preset: 'prasetel' }[w]}: `)
    .replace(/, (default|env|preset): /g, (_m, w: string) => `, ${{ default: 'bawaan', env: 'env', preset: 'prasetel' }[w]}: `);
}

