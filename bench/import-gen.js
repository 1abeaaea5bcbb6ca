// Generates a realistic legacy export (the default mapping's columns) for bench/import.js.
// Deterministic (seeded), streamed to disk: memory stays flat whatever the row count.
import fs from 'node:fs';

const WORDS = ('jalan rusak berlubang mohon segera diperbaiki lampu penerangan mati sejak minggu lalu ' +
  'pelayanan kantor kelurahan lambat antrean panjang petugas tidak ramah sampah menumpuk di pasar ' +
  'saluran air tersumbat banjir setiap hujan izin usaha belum terbit padahal berkas lengkap ' +
  'bantuan sosial tidak tepat sasaran pungutan liar pembuatan KTP elektronik puskesmas kekurangan obat ' +
  'guru sering tidak hadir sekolah angkutan umum ugal-ugalan terminal kotor parkir liar trotoar ' +
  'pohon tumbang menghalangi jalan air PDAM keruh tagihan listrik naik drastis terima kasih atas perhatiannya').split(' ');
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Andi', 'Wahyu', 'Sri', 'Joko', 'Putri', 'Ahmad', 'Nur', 'Eko', 'Lestari', 'Hendra', 'Yuni'];
const LAST = ['Santoso', 'Rahayu', 'Saputra', 'Wulandari', 'Hidayat', 'Kurniawan', 'Pratama', 'Lubis', 'Siregar', 'Nasution', 'Setiawan', 'Hasibuan'];
const CHANNELS = ['sms', 'whatsapp', 'web', 'twitter', 'facebook', 'instagram', 'mobile_app', 'email', 'phone', 'letter', 'in_person'];
const CLASSES = ['pengaduan', 'pengaduan', 'pengaduan', 'aspirasi', 'permintaan_informasi', 'pengaduan_berkadar_pengawasan'];
const CATEGORIES = ['Infrastruktur', 'Kesehatan', 'Pendidikan', 'Kependudukan', 'Lingkungan Hidup', 'Perhubungan', 'Perizinan', 'Sosial'];
const REGIONS = ['32.73', '32.04', '32.17', '32.77', '32.01', '32.02', '32.03'];

export const COLUMNS = ['external_id', 'received_at', 'channel', 'class', 'category', 'title', 'body', 'region_code',
  'reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email', 'anonymous', 'confidential', 'status',
  'disposed_at', 'responded_at', 'response', 'closed_at'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function iso(ms) {
  // WIB wall clock with its offset, as a plain export writes it.
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') + '+07:00';
}

function csvField(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `rows` rows to `file`; resolves when flushed. */
export async function generate(file, rows, seed = 42) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const out = fs.createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((res) => out.once('drain', res)));
  await write(COLUMNS.join(',') + '\n');
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2025, 11, 1) - start;
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const received = start + Math.floor(r() * span);
    const n = 8 + Math.floor(r() * 18);
    const words = [];
    for (let k = 0; k < n; k++) words.push(pick(WORDS));
    const body = words.join(' ');
    const anonymous = r() < 0.1;
    const name = anonymous ? '' : `${pick(FIRST)} ${pick(LAST)}`;
    const phone = anonymous ? '' : `08${String(1_000_000_000 + Math.floor(r() * 8_999_999_999)).slice(0, 10)}`;
    const nik = anonymous || r() < 0.5 ? '' : `3273${String(Math.floor(r() * 1e12)).padStart(12, '0')}`;
    const nikOk = nik && Number(nik.slice(6, 8)) >= 1 && Number(nik.slice(6, 8)) <= 31 && Number(nik.slice(8, 10)) >= 1 && Number(nik.slice(8, 10)) <= 12
      ? nik : '';
    const email = !anonymous && r() < 0.3 ? `${name.toLowerCase().replace(' ', '.')}${i}@example.co.id` : '';
    const stage = r();
    let status = 'with_institution';
    let disposed = received + Math.floor(r() * 3 * 86400_000);
    let responded = '';
    let response = '';
    let closed = '';
    if (stage > 0.25) {
      const t = disposed + Math.floor(r() * 10 * 86400_000);
      responded = iso(t);
      response = 'Terima kasih, laporan sudah ditindaklanjuti oleh dinas terkait.';
      status = 'responded';
      if (stage > 0.45) {
        closed = iso(t + Math.floor(r() * 12 * 86400_000));
        status = 'closed';
      }
    }
    const row = [
      `SMS-${String(i).padStart(8, '0')}`, iso(received), pick(CHANNELS), pick(CLASSES), pick(CATEGORIES),
      words.slice(0, 4).join(' '), body, pick(REGIONS), name, nikOk, phone, email,
      anonymous ? 'ya' : 'tidak', r() < 0.02 ? 'ya' : 'tidak', status, iso(disposed), responded, response, closed,
    ];
    buf += row.map(csvField).join(',') + '\n';
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((res, rej) => out.end((e) => (e ? rej(e) : res())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, rows] = process.argv.slice(2);
  await generate(file, Number(rows ?? 1000));
}
