/**
 * The onboarding wizard driven by keystrokes, as a person would use it: the real inquirer prompts
 * (through src/cli/prompts.ts) on fake terminal streams, each answer typed and confirmed with
 * Enter, wrong answers corrected with Backspace after the prompt has said what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import MuteStream from 'mute-stream';
import { render } from '@inquirer/testing';
import { input } from '@inquirer/prompts';
import { inquirerPrompter, type Prompter } from '../../src/cli/prompts.js';
import { runDecreeWizard, validEmail, validNip, validDate, validPhone, type WizardInstitution } from '../../src/commands/institution/wizard.js';
import { nipRefusal, parseNip } from '../../src/domain/nip.js';
import { fmt } from '../../src/i18n/index.js';
import { parseMinistries, parseRegions } from '../../src/domain/reference-csv.js';
import { validateDecree } from '../../src/domain/decree.js';
import { decreeToFiles } from '../../src/domain/decree-write.js';
import { UsageError } from '../../src/errors.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const reference = [...parseRegions(fs.readFileSync(path.join(fixtures, 'wilayah.csv'), 'utf8')),
  ...parseMinistries(fs.readFileSync(path.join(fixtures, 'kementerian_lembaga.csv'), 'utf8'))];
const institutions: WizardInstitution[] = reference.map((r) => ({ code: r.code, name: r.name, kind: r.kind, status: r.code === '32.73' ? 'active' : 'unregistered' }));
const TODAY = '2026-01-15';

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');

/** A fake terminal: keystrokes in, the screen out, and a way to wait for a question. */
class Terminal {
  readonly input = new MuteStream();
  private text = '';
  private cursor = 0;
  readonly output = new (class extends Writable {
    constructor(private readonly term: Terminal) { super(); }
    _write(chunk: Buffer, _enc: string, cb: () => void) {
      this.term.append(chunk.toString());
      cb();
    }
  })(this);

  constructor() {
    this.input.unmute();
    // Each prompt pipes its output into ours and ends the pipe when it is done; a terminal stays open.
    (this.output as unknown as { end: () => unknown }).end = () => this.output;
  }
  append(s: string) {
    this.text += stripAnsi(s);
  }
  get screen() {
    return this.text;
  }
  /** Waits until `fragment` appears after everything already waited for. */
  async waitFor(fragment: string, timeoutMs = 3000): Promise<void> {
    const start = Date.now();
    for (;;) {
      const i = this.text.indexOf(fragment, this.cursor);
      if (i >= 0) {
        this.cursor = i + fragment.length;
        // Let the prompt attach its keypress handler after its first render.
        await new Promise((r) => setTimeout(r, 5));
        return;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${JSON.stringify(fragment)}; screen tail:\n${this.text.slice(-800)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  type(text: string) {
    this.input.write(text);
    for (const ch of text) this.input.emit('keypress', null, { name: ch });
  }
  key(name: string, n = 1) {
    for (let i = 0; i < n; i++) this.input.emit('keypress', null, { name });
  }
  async answer(question: string, text: string) {
    await this.waitFor(question);
    if (text) this.type(text);
    this.key('enter');
  }
}

function start(term: Terminal, dir: string, printed: string[]) {
  return runDecreeWizard(inquirerPrompter({ input: term.input, output: term.output }), {
    institutions,
    today: TODAY,
    cwd: dir,
    fileExists: (p) => fs.existsSync(p),
    dirExists: (p) => fs.existsSync(p),
    print: (t) => printed.push(t),
  });
}

describe('wizard answers are checked as they are given (prompt level, @inquirer/testing)', () => {
  it('a NIP with an impossible birth date is refused and asked again', async () => {
    const { answer, events, getScreen } = await render(input, { message: 'NIP:', validate: validNip(new Set(), TODAY, true) });
    events.type('198513122010011003');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 10));
    // in the run's language, Indonesian by default (issue 12: parseNip's English problem was shown on an Indonesian run)
    expect(getScreen()).toMatch(/NIP '198513122010011003': tanggal lahir 19851312 bukan tanggal yang sah — 8\s+angka pertama adalah tanggal lahir yyyymmdd/);
    for (let i = 0; i < 18; i++) events.keypress('backspace');
    events.type('198503122010011003');
    events.keypress('enter');
    await expect(answer).resolves.toBe('198503122010011003');
  });

  it('a date in the future, or before the SK date, is refused', async () => {
    const v = validDate(TODAY, { date: '2025-02-03', label: 'tanggal SK' });
    expect(v('2026-02-01')).toMatch(/masa depan/);
    expect(v('2025-02-01')).toMatch(/tidak boleh sebelum tanggal SK/);
    expect(v('3 Feb 2025')).toMatch(/YYYY-MM-DD/);
    expect(v('2025-02-04')).toBe(true);
    const { answer, events, getScreen } = await render(input, { message: 'Tanggal SK:', validate: validDate(TODAY) });
    events.type('2027-01-01');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 10));
    expect(getScreen()).toMatch(/ada di masa depan \(hari ini 2026-01-15\)/);
    for (let i = 0; i < 10; i++) events.keypress('backspace');
    events.type('2025-11-03');
    events.keypress('enter');
    await expect(answer).resolves.toBe('2025-11-03');
  });
});

describe('the checks in English (--lang en)', () => {
  it('a NIP, a date, an e-mail and a phone are refused in English, and the English NIP text is parseNip\'s own', async () => {
    const { answer, events, getScreen } = await render(input, { message: 'NIP:', validate: validNip(new Set(), TODAY, true, 'en') });
    events.type('199004042015033002');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 10));
    expect(getScreen()).toMatch(/NIP '199004042015033002': digit 15 is '3', not 1 \(man\) or 2 \(woman\) — digit 15\s+of a NIP is the sex digit, 1 or 2/);
    for (let i = 0; i < 18; i++) events.keypress('backspace');
    events.type('199004042015031002');
    events.keypress('enter');
    await expect(answer).resolves.toBe('199004042015031002');
    const v = validDate(TODAY, { date: '2025-02-03', label: 'the decree date' }, 'en');
    expect([v('3 Feb 2025'), v('2026-02-01'), v('2025-02-01')]).toEqual([
      'write the date as YYYY-MM-DD, e.g. 2025-02-03', 'the date 2026-02-01 is in the future (today is 2026-01-15)', 'must not be before the decree date (2025-02-03)']);
    expect(validNip(new Set(), TODAY, true, 'en')('')).toBe('the NIP is required (18 digits)');
    expect(validNip(new Set(['198503122010011003']), TODAY, true, 'en')('198503122010011003')).toBe('NIP 198503122010011003 is already used by someone else in this decree');
    expect(validEmail(true, 'en')('x@')).toBe("'x@' is not an e-mail address (e.g. nama@bandung.go.id)");
    expect(validPhone('en')('0813-2000')).toBe("'0813-2000' is not an Indonesian phone number (write 08…, +62… or 62…)");
    expect(validPhone('id')('0813-2000')).toBe("'0813-2000' bukan nomor telepon Indonesia (tulis 08…, +62… atau 62…)");
  });

  it('every refusal of parseNip reads in English as its problem and hint, and has an Indonesian text', () => {
    const codes = new Set<string>();
    for (const nip of ['19850312x010011003', '1985031220100110', '198513122010011003', '198503122010131003', '198503121980011003',
      '203003122040011003', '198503122010013003', '198503122010011000']) {
      const r = parseNip(nip, TODAY);
      if (r.ok) throw new Error(`${nip} should be refused`);
      codes.add(r.code);
      expect(r.problem).toContain(nip);
      expect(nipRefusal(r.code, r.values, 'en')).toBe(`${r.problem} — ${r.hint}`);
      const id = nipRefusal(r.code, r.values, 'id');
      expect(id).toContain(nip);
      expect(id).not.toMatch(/\{\w+\}/);
      expect(id).not.toBe(`${r.problem} — ${r.hint}`);
    }
    expect(codes.size).toBe(8);
  });
});

/**
 * A prompter that answers from a list, in order, as a person would (an empty answer takes the
 * default; an answer the check refuses is followed by the next one): it records every question,
 * every refusal and every choice shown, so a run can be read in either language.
 */
function scripted(answers: (string | boolean)[]) {
  const asked: string[] = [];
  const refused: string[] = [];
  const shown: string[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`no answer left for: ${asked.at(-1)}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    async input(q) {
      asked.push(q.message);
      for (;;) {
        const a = String(next());
        const value = a === '' && q.default !== undefined ? q.default : a;
        const ok = q.validate ? q.validate(value) : true;
        if (ok === true) return value;
        refused.push(ok);
      }
    },
    async confirm(q) {
      asked.push(q.message);
      return next() as boolean;
    },
    async select(q) {
      asked.push(q.message);
      shown.push(...q.choices.map((c) => c.name));
      const a = next();
      return q.choices.find((c) => c.value === a)!.value;
    },
    async search(q) {
      asked.push(q.message);
      const choices = await q.source(String(next()));
      shown.push(...choices.map((c) => c.name));
      return choices[0].value;
    },
  };
  return { prompter, asked, refused, shown };
}

/** One kota decree, wrong answers included; the same answers in either language. */
const ANSWERS = (): (string | boolean)[] => [
  'Kota Bog', '100.3.3.2/Kep.45-Diskominfo/2025', '2025-13-01', '2025-11-03', '', '2025-11-10',
  'Andi Wijaya', '', '', '', '',
  'Sri Rahayu', '197206141998032004', '', '', '',
  'Budi Santoso', '198513122010011003', '198503122010011003', 'Pranata Komputer', 'budi@@kotabogor.go.id', 'budi@kotabogor.go.id', '0812 2233 4455', false,
  'diskominfo', 'Dinas Komunikasi dan Informatika',
  'Dedi Kurniawan', '198503122010011003', '198807212012121002', '', 'dedi@kotabogor.go.id', '0813-2000', '081320004411', false,
  false, true, '',
];

describe('the wizard in the run\'s language (issue 12)', () => {
  const run = async (lang: 'id' | 'en') => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'lapor-wiz-'));
    try {
      const s = scripted(ANSWERS());
      const printed: string[] = [];
      const result = await runDecreeWizard(s.prompter, {
        institutions, today: TODAY, cwd: dir, fileExists: (p) => fs.existsSync(p), dirExists: (p) => fs.existsSync(p), print: (t) => printed.push(t), lang,
      });
      return { ...s, printed, result: { ...result, yamlPath: path.basename(result.yamlPath) } };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('asks, refuses and sums up in English on an English run, and builds the same decree as in Indonesian', async () => {
    const en = await run('en');
    expect(en.asked).toEqual([
      'Institution (type a region code, a K/L abbreviation or a name):', 'Decree number (nomor SK):', 'Decree date (YYYY-MM-DD):', 'Signed by:',
      'Date KemenPANRB received the decree (YYYY-MM-DD):',
      'Patron (Pembina) — full name:', 'Patron (Pembina) — NIP (18 digits, leave empty if none):', 'Patron (Pembina) — position:',
      'Patron (Pembina) — e-mail (may be left empty):', 'Patron (Pembina) — phone (may be left empty):',
      'Supervisor (Penanggungjawab) — full name:', 'Supervisor (Penanggungjawab) — NIP (18 digits, leave empty if none):', 'Supervisor (Penanggungjawab) — position:',
      'Supervisor (Penanggungjawab) — e-mail (may be left empty):', 'Supervisor (Penanggungjawab) — phone (may be left empty):',
      'Admin (Admin Instansi) — full name:', 'Admin (Admin Instansi) — NIP (18 digits):', 'Admin (Admin Instansi) — position:',
      'Admin (Admin Instansi) — e-mail:', 'Admin (Admin Instansi) — phone (may be left empty):', 'Add another admin (Admin Instansi)?',
      'Unit code (e.g. DISKOMINFO):', 'Name of unit DISKOMINFO:',
      'Liaison (Pejabat Penghubung) — full name:', 'Liaison (Pejabat Penghubung) — NIP (18 digits):', 'Liaison (Pejabat Penghubung) — position:',
      'Liaison (Pejabat Penghubung) — e-mail:', 'Liaison (Pejabat Penghubung) — phone (may be left empty):',
      'Add another liaison (Pejabat Penghubung) for DISKOMINFO?', 'Add another unit?', 'Save this decree to a file and register it?', 'Save as (a .yaml file):',
    ]);
    expect(en.refused).toEqual([
      'write the date as YYYY-MM-DD, e.g. 2025-02-03',
      "NIP '198513122010011003': birth date 19851312 is not a valid date — the first 8 digits are the birth date yyyymmdd",
      "'budi@@kotabogor.go.id' is not an e-mail address (e.g. nama@bandung.go.id)",
      'NIP 198503122010011003 is already used by someone else in this decree',
      "'0813-2000' is not an Indonesian phone number (write 08…, +62… or 62…)",
    ]);
    expect(en.shown[0]).toBe('32.71  Kota Bogor (City)');
    expect(en.shown.at(-1)).toBe('(another K/L, not in the list yet)');
    expect(en.printed[0]).toBe('Decree registration (SK Tim Pengelola Pengaduan). Answer each question; Ctrl-C cancels without saving anything.');
    expect(en.printed[1]).toBe([
      '', 'Summary of decree 100.3.3.2/Kep.45-Diskominfo/2025 of 2025-11-03 (received 2025-11-10), signed by Wali Kota Bogor',
      'Institution: 32.71 Kota Bogor (City)', '  Patron (Pembina): Andi Wijaya, Wali Kota Bogor', '  Supervisor (Penanggungjawab): Sri Rahayu, NIP 197206141998032004, Sekretaris Daerah',
      '  Admin (Admin Instansi): Budi Santoso, NIP 198503122010011003, Pranata Komputer, budi@kotabogor.go.id, +6281222334455', 'Units (1):',
      '  DISKOMINFO Dinas Komunikasi dan Informatika',
      '    Liaison (Pejabat Penghubung): Dedi Kurniawan, NIP 198807212012121002, dedi@kotabogor.go.id, +6281320004411', '',
    ].join('\n'));
    const id = await run('id');
    expect(id.asked[0]).toBe('Instansi (ketik kode wilayah, singkatan K/L atau nama):');
    expect(id.asked).toContain('Pejabat Penghubung — NIP (18 digit):');
    expect(id.refused).toEqual([
      'tulis tanggal sebagai YYYY-MM-DD, misalnya 2025-02-03',
      "NIP '198513122010011003': tanggal lahir 19851312 bukan tanggal yang sah — 8 angka pertama adalah tanggal lahir yyyymmdd",
      "'budi@@kotabogor.go.id' bukan alamat e-mail (contoh: nama@bandung.go.id)",
      'NIP 198503122010011003 sudah dipakai orang lain di SK ini',
      "'0813-2000' bukan nomor telepon Indonesia (tulis 08…, +62… atau 62…)",
    ]);
    expect(id.shown[0]).toBe('32.71  Kota Bogor (Kota)');
    expect(id.printed[1]).toMatch(/^\nRingkasan SK 100\.3\.3\.2\/Kep\.45-Diskominfo\/2025 tanggal 2025-11-03 \(diterima 2025-11-10\), ditandatangani Wali Kota Bogor\nInstansi: 32\.71 Kota Bogor \(Kota\)\n/);
    // The language changes the words, never the decree.
    expect(en.result).toEqual(id.result);
    expect(en.result.yamlPath).toBe('sk-32-71-2025-11-03.yaml');
  });
});

describe('the whole wizard, keystroke by keystroke', () => {
  it('builds a kota decree with two units; wrong answers are asked again; the file it writes validates', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'lapor-wiz-'));
    const term = new Terminal();
    const printed: string[] = [];
    const done = start(term, dir, printed);
    try {
      await term.waitFor('Instansi');
      term.type('Kota Bog');
      await term.waitFor('32.71  Kota Bogor (Kota)'); // the kind's label, no longer its code (issue 12)
      term.key('enter');
      await term.answer('Nomor SK:', '100.3.3.2/Kep.45-Diskominfo/2025');
      // A wrong date first: refused, asked again.
      await term.answer('Tanggal SK (YYYY-MM-DD):', '2025-13-01');
      await term.waitFor('tulis tanggal sebagai YYYY-MM-DD');
      term.key('backspace', 10);
      term.type('2025-11-03');
      term.key('enter');
      await term.answer('Ditandatangani oleh:', ''); // default: Wali Kota Bogor
      await term.answer('diterima KemenPANRB', '2025-11-10');
      // Pembina
      await term.answer('Pembina — nama lengkap:', 'Andi Wijaya');
      await term.answer('Pembina — NIP', '');
      await term.answer('Pembina — jabatan:', '');
      await term.answer('Pembina — e-mail', '');
      await term.answer('Pembina — telepon', '');
      // Penanggungjawab
      await term.answer('Penanggungjawab — nama lengkap:', 'Sri Rahayu');
      await term.answer('Penanggungjawab — NIP', '197206141998032004');
      await term.answer('Penanggungjawab — jabatan:', '');
      await term.answer('Penanggungjawab — e-mail', '');
      await term.answer('Penanggungjawab — telepon', '');
      // Admin: a bad NIP, then a bad e-mail, each asked again.
      await term.answer('Admin Instansi — nama lengkap:', 'Budi Santoso');
      await term.answer('Admin Instansi — NIP', '198513122010011003');
      await term.waitFor('tanggal lahir 19851312 bukan tanggal yang sah');
      term.key('backspace', 18);
      term.type('198503122010011003');
      term.key('enter');
      await term.answer('Admin Instansi — jabatan:', 'Pranata Komputer');
      await term.answer('Admin Instansi — e-mail:', 'budi@@kotabogor.go.id');
      await term.waitFor('bukan alamat e-mail');
      term.key('backspace', 21);
      term.type('budi@kotabogor.go.id');
      term.key('enter');
      await term.answer('Admin Instansi — telepon', '0812 2233 4455');
      await term.answer('Tambah Admin Instansi lain?', 'n');
      // Unit 1 with a liaison whose NIP is the admin's: refused as a duplicate.
      await term.answer('Kode unit kerja', 'diskominfo');
      await term.answer('Nama unit DISKOMINFO:', 'Dinas Komunikasi dan Informatika');
      await term.answer('Pejabat Penghubung — nama lengkap:', 'Dedi Kurniawan');
      await term.answer('Pejabat Penghubung — NIP', '198503122010011003');
      await term.waitFor('sudah dipakai orang lain di SK ini');
      term.key('backspace', 18);
      term.type('198807212012121002');
      term.key('enter');
      await term.answer('Pejabat Penghubung — jabatan:', 'Kepala Seksi');
      await term.answer('Pejabat Penghubung — e-mail:', 'dedi@kotabogor.go.id');
      await term.answer('Pejabat Penghubung — telepon', '0813-2000');
      await term.waitFor('bukan nomor telepon Indonesia');
      term.key('backspace', 9);
      term.type('081320004411');
      term.key('enter');
      await term.answer('Tambah Pejabat Penghubung lain untuk DISKOMINFO?', 'n');
      await term.answer('Tambah unit kerja lain?', 'y');
      // Unit 2: the same code again is refused.
      await term.answer('Kode unit kerja', 'DISKOMINFO');
      await term.waitFor('unit DISKOMINFO sudah ditambahkan');
      term.key('backspace', 10);
      term.type('DINKES');
      term.key('enter');
      await term.answer('Nama unit DINKES:', 'Dinas Kesehatan');
      await term.answer('Pejabat Penghubung — nama lengkap:', 'Maya Sari');
      await term.answer('Pejabat Penghubung — NIP', '198609182011012003');
      await term.answer('Pejabat Penghubung — jabatan:', '');
      await term.answer('Pejabat Penghubung — e-mail:', 'maya@kotabogor.go.id');
      await term.answer('Pejabat Penghubung — telepon', '');
      await term.answer('Tambah Pejabat Penghubung lain untuk DINKES?', 'n');
      await term.answer('Tambah unit kerja lain?', 'n');
      await term.answer('Simpan SK ini ke berkas dan daftarkan?', 'y');
      await term.answer('Simpan sebagai', '');
      const r = await done;
      expect(r.yamlPath).toBe(path.join(dir, 'sk-32-71-2025-11-03.yaml'));
      expect(r.decree.institution).toEqual({ code: '32.71', name: 'Kota Bogor', kind: 'kota', regionCode: '32.71' });
      expect(r.decree).toMatchObject({ number: '100.3.3.2/Kep.45-Diskominfo/2025', date: '2025-11-03', receivedAt: '2025-11-10', signedBy: 'Wali Kota Bogor' });
      expect(r.decree.units.map((u) => u.code)).toEqual(['DISKOMINFO', 'DINKES']);
      expect(r.decree.people.map((p) => `${p.role}:${p.name}:${p.nip ?? ''}:${p.phone ?? ''}`)).toEqual([
        'patron:Andi Wijaya::', 'supervisor:Sri Rahayu:197206141998032004:', 'admin:Budi Santoso:198503122010011003:+6281222334455',
        'liaison:Dedi Kurniawan:198807212012121002:+6281320004411', 'liaison:Maya Sari:198609182011012003:',
      ]);
      expect(r.decree.people[0].position).toBe('Wali Kota Bogor');
      expect(printed.join('\n')).toMatch(/Ringkasan SK 100\.3\.3\.2\/Kep\.45-Diskominfo\/2025[\s\S]*DINKES Dinas Kesehatan\n\s+Pejabat Penghubung: Maya Sari/);
      // What it saves reads back as the same, valid decree.
      const files = decreeToFiles(r.decree, r.rosterFileName);
      const ref = new Map(reference.map((x) => [x.code, { code: x.code, name: x.name, kind: x.kind }]));
      const back = validateDecree({ yamlFile: 'w.yaml', yamlText: files.yaml, rosterFile: r.rosterFileName, rosterText: files.csv }, ref, TODAY);
      expect(back.ok).toBe(true);
    } finally {
      term.input.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Ctrl-C cancels, and nothing is written', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'lapor-wiz-'));
    try {
      const term = new Terminal();
      const done = start(term, dir, []);
      await term.waitFor('Instansi');
      term.input.emit('keypress', null, { name: 'c', ctrl: true });
      await expect(done).rejects.toBeInstanceOf(UsageError);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
