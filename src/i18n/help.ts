import type { Lang } from './types.js';

/**
 * The one-line summary of every command (issue 12, "one language"), by command path ('' is
 * `lapor` itself), in Bahasa Indonesia and English. buildProgram applies them in the run's
 * language; test/unit/help-lang.test.ts checks that every command of the tree has both.
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
