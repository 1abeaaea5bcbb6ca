/**
 * The wizard as a person uses it: the real, compiled binary in a real terminal (tmux), answered
 * key by key with `tmux send-keys`, including wrong answers that it refuses and asks again.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasTmux)('institution register wizard in tmux', () => {
  let dir: string;
  const session = `lapor-wiz-${process.pid}`;
  const env = () => ({ LAPOR_DATA_DIR: path.join(dir, 'data') });
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-100', '-t', session);
  let seen = 0;
  /** Waits for `fragment` to appear on screen (counting from the previous wait), then a beat for the prompt to listen. */
  async function waitFor(fragment: string, timeoutMs = 15_000) {
    const start = Date.now();
    for (;;) {
      const s = screen();
      const i = s.indexOf(fragment, Math.min(seen, Math.max(0, s.length - 4000)));
      if (i >= 0) {
        seen = i + fragment.length;
        await new Promise((r) => setTimeout(r, 60));
        return;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${JSON.stringify(fragment)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);
  const key = (name: string, n = 1) => tmux('send-keys', '-t', session, ...Array(n).fill(name));
  async function answer(question: string, text: string) {
    await waitFor(question);
    if (text) type(text);
    key('Enter');
  }

  beforeAll(async () => {
    dir = tempDir('lapor-tmux-');
    const init = await runCli(['init', '--admin', 'adminnas'], { env: env() });
    expect(init.code).toBe(0);
  });
  afterAll(() => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('walks through a kabupaten decree, re-asks wrong answers, writes the files and registers them', async () => {
    const cmd = `env -i PATH="${process.env.PATH}" HOME="${dir}" NO_COLOR=1 LAPOR_DATA_DIR="${path.join(dir, 'data')}" LAPOR_ACTOR=adminnas ` +
      `"${process.execPath}" "${binPath}" institution register; echo "EXIT=$?" > "${path.join(dir, 'exit.txt')}"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '220', '-y', '60', '-c', dir, cmd);

    await waitFor('Instansi (ketik');
    type('Sleman');
    await waitFor('34.04  Kabupaten Sleman');
    key('Enter');
    await answer('Nomor SK:', '51/Kep.KDH/A/2025');
    await answer('Tanggal SK (YYYY-MM-DD):', '2025-02-30');
    await waitFor('tulis tanggal sebagai YYYY-MM-DD');
    key('BSpace', 10);
    type('2025-02-03');
    key('Enter');
    await answer('Ditandatangani oleh:', ''); // default Bupati Sleman
    await answer('diterima KemenPANRB', '2025-02-10');
    await answer('Pembina — nama lengkap:', 'Kustini Rahayu');
    await answer('Pembina — NIP', '');
    await answer('Pembina — jabatan:', '');
    await answer('Pembina — e-mail', '');
    await answer('Pembina — telepon', '');
    await answer('Penanggungjawab — nama lengkap:', 'Harda Kusuma');
    await answer('Penanggungjawab — NIP', '196707071993031006');
    await answer('Penanggungjawab — jabatan:', '');
    await answer('Penanggungjawab — e-mail', '');
    await answer('Penanggungjawab — telepon', '');
    await answer('Admin Instansi — nama lengkap:', 'Bayu Aji Nugraha');
    await answer('Admin Instansi — NIP', '199004042015033002');
    // in the run's language, Indonesian here (issue 12: parseNip's English problem was shown on an Indonesian run)
    await waitFor("angka ke-15 adalah '3', bukan 1 (laki-laki) atau 2 (perempuan)");
    key('BSpace', 18);
    type('199004042015031002');
    key('Enter');
    await answer('Admin Instansi — jabatan:', 'Pranata Komputer');
    await answer('Admin Instansi — e-mail:', 'bayu.aji@slemankab.go.id');
    await answer('Admin Instansi — telepon', '0274 868405');
    await answer('Tambah Admin Instansi lain?', 'n');
    await answer('Kode unit kerja', 'diskominfo');
    await answer('Nama unit DISKOMINFO:', 'Dinas Komunikasi dan Informatika');
    await answer('Pejabat Penghubung — nama lengkap:', 'Tri Wahyuni');
    await answer('Pejabat Penghubung — NIP', '198603032010012003');
    await answer('Pejabat Penghubung — jabatan:', 'Kepala Bidang');
    await answer('Pejabat Penghubung — e-mail:', 'tri.wahyuni@slemankab');
    await waitFor('bukan alamat e-mail');
    key('BSpace', 21);
    type('tri.wahyuni@slemankab.go.id');
    key('Enter');
    await answer('Pejabat Penghubung — telepon', '');
    await answer('Tambah Pejabat Penghubung lain untuk DISKOMINFO?', 'n');
    await answer('Tambah unit kerja lain?', 'n');
    await waitFor('Ringkasan SK 51/Kep.KDH/A/2025');
    await answer('Simpan SK ini ke berkas dan daftarkan?', 'y');
    await answer('Simpan sebagai', '');
    const exitFile = path.join(dir, 'exit.txt');
    const start = Date.now();
    while (!fs.existsSync(exitFile) && Date.now() - start < 30_000) await new Promise((r) => setTimeout(r, 100));
    const final = screen();
    expect(fs.readFileSync(exitFile, 'utf8').trim(), final).toBe('EXIT=0');
    expect(final).toMatch(/SK 51\/Kep\.KDH\/A\/2025 \(34\.04 Kabupaten Sleman\) didaftarkan/);

    const yamlFile = path.join(dir, 'sk-34-04-2025-02-03.yaml');
    const yaml = fs.readFileSync(yamlFile, 'utf8');
    expect(yaml).toMatch(/number: 51\/Kep\.KDH\/A\/2025/);
    expect(yaml).toMatch(/code: "34\.04"/);
    expect(yaml).toMatch(/roster: sk-34-04-2025-02-03-lampiran\.csv/);
    expect(fs.readFileSync(path.join(dir, 'sk-34-04-2025-02-03-lampiran.csv'), 'utf8')).toMatch(
      /DISKOMINFO,Dinas Komunikasi dan Informatika,liaison,Tri Wahyuni,198603032010012003,Kepala Bidang,tri\.wahyuni@slemankab\.go\.id,/);

    const show = await runCli(['institution', 'show', '34.04', '--format', 'json'], { env: env() });
    expect(show.code).toBe(0);
    const doc = JSON.parse(show.stdout);
    expect(doc.data.roster.map((r: { username: string; unit_code: string | null }) => `${r.username}:${r.unit_code ?? ''}`)).toEqual([
      'kustini.rahayu:', 'harda.kusuma:', 'bayu.nugraha:', 'tri.wahyuni:DISKOMINFO']);
    expect(doc.data.roster[2].phone).toBe('+62274868405');
    // The saved file can be kept and re-run: the same decree again changes nothing.
    const again = await runCli(['--as', 'adminnas', 'institution', 'register', '--decree', yamlFile], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/tidak ada perubahan/);
  });
});
