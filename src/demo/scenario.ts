import path from 'node:path';
import { fixture } from '../paths.js';
import type { DemoStep, StepResult } from './runner.js';
import { fill, L, type Pair } from '../i18n/index.js';

/**
 * The demo's story, on a fixed timeline (November 2026, WIB) so every run prints the same
 * figures: Kota Bandung and Kementerian PANRB register their SK, Bandung imports its legacy
 * complaints, and new complaints travel the whole chain — verified and disposed, forwarded,
 * returned by a unit, returned as Bukan Wewenang and re-disposed, put on hold, archived,
 * answered on time and late, replied to, closed, and auto-closed by the sweep.
 */
export const DEMO_AS_OF = '2026-11-30T17:00:00+07:00';

type Run = (step: DemoStep) => Promise<StepResult>;

const SUPER = ['--as', 'adminnas'];
const BANDUNG_ADMIN = ['--as', 'budi.santoso'];
const MENPAN_ADMIN = ['--as', 'fajar.nugroho'];

interface NewComplaint {
  key: string;
  at: string;
  cls: string;
  channel: string;
  title: string;
  body: string;
  category: string;
  reporter?: string[];
}

const NEW_COMPLAINTS: NewComplaint[] = [
  { key: 'road', at: '2026-11-02T08:15:00+07:00', cls: 'pengaduan', channel: 'sms', category: 'infrastruktur',
    title: 'Jalan berlubang di Jl. Soekarno-Hatta', body: 'Lubang besar di depan pasar Gedebage membahayakan pengendara motor.',
    reporter: ['--reporter-name', 'Andi Wijaya', '--reporter-phone', '081234567890'] },
  { key: 'ktp', at: '2026-11-02T09:30:00+07:00', cls: 'permintaan_informasi', channel: 'web', category: 'kependudukan',
    title: 'Syarat cetak ulang KTP-el', body: 'Mohon informasi syarat cetak ulang KTP-el yang rusak dan lama prosesnya.',
    reporter: ['--reporter-name', 'Sri Lestari', '--reporter-email', 'sri.lestari@example.id', '--reporter-nik', '3273014507890002'] },
  { key: 'asn', at: '2026-11-02T10:45:00+07:00', cls: 'pengaduan', channel: 'mobile_app', category: 'kepegawaian',
    title: 'Seleksi PPPK tidak transparan', body: 'Pengumuman hasil seleksi PPPK nasional tidak mencantumkan nilai; mohon penjelasan.',
    reporter: ['--anonymous'] },
  { key: 'school', at: '2026-11-02T13:00:00+07:00', cls: 'aspirasi', channel: 'letter', category: 'pendidikan',
    title: 'Usulan halte dekat SDN 045', body: 'Warga mengusulkan halte dan zebra cross di depan SDN 045 Bandung.' },
  { key: 'dup', at: '2026-11-03T08:00:00+07:00', cls: 'pengaduan', channel: 'sms', category: 'infrastruktur',
    title: 'Jalan berlubang Soekarno-Hatta (ulang)', body: 'Lubang di depan pasar Gedebage, sudah dilaporkan kemarin.' },
  { key: 'late', at: '2026-11-27T15:00:00+07:00', cls: 'pengaduan', channel: 'web', category: 'perizinan',
    title: 'Izin usaha mikro belum terbit', body: 'Permohonan NIB dan izin usaha mikro sejak bulan lalu belum terbit.' },
];

export interface DemoFacts {
  trackingIds: Record<string, string>;
}

export async function runScenario(run: Run, files: { dir: string }): Promise<DemoFacts> {
  const step = (label: Pair, at: string, argv: string[], extra: Partial<DemoStep> = {}) =>
    run({ label, at, argv, ...extra });

  await step(L.demo_init, '2026-11-02T07:00:00+07:00',
    ['init', '--admin', 'adminnas']);
  for (const decree of ['kota-bandung-2024.yaml', 'kemenpanrb-2024.yaml']) {
    await step(fill(L.demo_register, { decree }), '2026-11-02T07:10:00+07:00',
      [...SUPER, 'institution', 'register', '--decree', fixture('decrees', decree)]);
  }

  // Legacy complaints from the old channels; each file has a few broken rows, so exit 3 is expected.
  const legacy: Array<[string, string, string]> = [
    ['sms-1708.csv', 'sms-1708.map.yaml', 'sms-1708-kota-bandung'],
    ['web-form.csv', 'web-form.map.json', 'web-kota-bandung'],
    ['front-desk.csv', 'front-desk.map.yaml', 'loket-kota-makassar'],
  ];
  for (const [file, map, source] of legacy) {
    await step(fill(L.demo_import, { file }), '2026-11-02T07:20:00+07:00',
      [...SUPER, 'import', 'complaints', fixture('legacy', file), '--source', source, '--map', fixture('legacy', map),
        '--rejects', path.join(files.dir, `${source}.rejects.csv`)], { allow: [3] });
  }

  const ids: Record<string, string> = {};
  for (const c of NEW_COMPLAINTS) {
    const r = await step(fill(L.demo_key_in, { title: c.title }), c.at, [...SUPER, 'complaint', 'add', '--channel', c.channel,
      '--class', c.cls, '--title', c.title, '--body', c.body, '--category', c.category, '--region', '32.73',
      '--received-at', c.at, ...(c.reporter ?? []), '--format', 'json']);
    ids[c.key] = (JSON.parse(r.stdout) as { data: { trackingId: string } }).data.trackingId;
  }
  const act = (label: Pair, at: string, who: string[], verb: string, key: string, ...rest: string[]) =>
    step(label, at, [...who, 'complaint', verb, ids[key], ...rest]);

  // The road complaint: disposed, forwarded, answered within a day, then auto-closed by the sweep.
  await act(L.demo_dispose_bandung, '2026-11-03T09:00:00+07:00', SUPER, 'verify', 'road', '--dispose-to', '32.73');
  await act(L.demo_forward_dishub, '2026-11-03T11:00:00+07:00', BANDUNG_ADMIN, 'forward', 'road', '--to', 'DISHUB');
  await act(L.demo_respond_dishub, '2026-11-05T14:00:00+07:00', ['--as', 'wahyu.pratama'], 'respond', 'road',
    '--text', 'Tim UPT Jalan telah menambal lubang pada 5 November 2026.');

  // KTP: the wrong unit returns it, the right unit answers late; the reporter replies; answered again.
  await act(L.demo_dispose_bandung, '2026-11-04T08:30:00+07:00', SUPER, 'verify', 'ktp', '--dispose-to', '32.73');
  await act(L.demo_forward_diskominfo, '2026-11-04T10:00:00+07:00', BANDUNG_ADMIN, 'forward', 'ktp', '--to', 'DISKOMINFO');
  await act(L.demo_return_to_admin, '2026-11-05T09:00:00+07:00', ['--as', 'dedi.kurniawan'], 'return', 'ktp',
    '--reason', 'Layanan KTP-el adalah kewenangan Disdukcapil');
  await act(L.demo_forward_disdukcapil, '2026-11-05T10:00:00+07:00', BANDUNG_ADMIN, 'forward', 'ktp', '--to', 'DISDUKCAPIL');
  await act(L.demo_late_respond, '2026-11-16T15:00:00+07:00', ['--as', 'rudi.hartono'], 'respond', 'ktp',
    '--text', 'Syarat: fotokopi KK dan KTP-el rusak; proses 1 hari kerja di kantor kecamatan.');
  await act(L.demo_reply, '2026-11-17T08:00:00+07:00', SUPER, 'reply', 'ktp',
    '--text', 'Apakah bisa diurus di kecamatan lain?');
  await act(L.demo_second_respond, '2026-11-18T10:00:00+07:00', ['--as', 'rudi.hartono'], 'respond', 'ktp',
    '--text', 'Bisa, di kecamatan mana pun di Kota Bandung.');

  // ASN selection: Bukan Wewenang of the kota, re-disposed to Kementerian PANRB, answered and closed.
  await act(L.demo_dispose_bandung, '2026-11-03T09:30:00+07:00', SUPER, 'verify', 'asn', '--dispose-to', '32.73');
  await act(L.demo_return, '2026-11-04T09:00:00+07:00', BANDUNG_ADMIN, 'return', 'asn',
    '--reason', 'Seleksi PPPK nasional kewenangan Kementerian PANRB');
  await act(L.demo_redispose, '2026-11-05T08:00:00+07:00', SUPER, 'verify', 'asn', '--dispose-to', 'KEMENPANRB');
  await act(L.demo_forward_deputi, '2026-11-05T13:00:00+07:00', MENPAN_ADMIN, 'forward', 'asn', '--to', 'DEPUTI-YANLIK');
  await act(L.demo_respond_deputi, '2026-11-10T10:00:00+07:00', ['--as', 'indah.lestari'], 'respond', 'asn',
    '--text', 'Nilai seleksi dapat dilihat pada akun peserta di portal SSCASN.');
  await act(L.demo_close, '2026-11-12T09:00:00+07:00', MENPAN_ADMIN, 'close', 'asn');

  // School aspirasi: on hold for more detail, resumed, disposed, forwarded; no answer yet (late).
  await act(L.demo_hold, '2026-11-03T10:00:00+07:00', SUPER, 'hold', 'school',
    '--reason', 'Menunggu kelengkapan lokasi');
  await act(L.demo_resume, '2026-11-09T09:00:00+07:00', SUPER, 'resume', 'school');
  await act(L.demo_dispose_bandung, '2026-11-10T09:00:00+07:00', SUPER, 'verify', 'school', '--dispose-to', '32.73');
  await act(L.demo_forward_dishub, '2026-11-10T13:00:00+07:00', BANDUNG_ADMIN, 'forward', 'school', '--to', 'DISHUB');

  // The duplicate is archived.
  await act(L.demo_archive, '2026-11-04T08:00:00+07:00', SUPER, 'archive', 'dup',
    '--reason', `Duplikat laporan ${ids.road}`);

  await step(L.demo_sweep, DEMO_AS_OF, ['sla', 'sweep', '--as-of', DEMO_AS_OF]);
  return { trackingIds: ids };
}
