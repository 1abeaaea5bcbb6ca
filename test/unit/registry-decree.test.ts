import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMinistries, parseRegions } from '../../src/domain/reference-csv.js';
import { decreeHash, rosterFileOf, validateDecree, type DecreeInput, type ReferenceEntry } from '../../src/domain/decree.js';
import { decreeToFiles } from '../../src/domain/decree-write.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const reference = new Map<string, ReferenceEntry>(
  [...parseRegions(fs.readFileSync(path.join(fixtures, 'wilayah.csv'), 'utf8')),
    ...parseMinistries(fs.readFileSync(path.join(fixtures, 'kementerian_lembaga.csv'), 'utf8'))]
    .map((r) => [r.code, { code: r.code, name: r.name, kind: r.kind }]),
);
const TODAY = '2026-01-15';

function input(name: string): DecreeInput {
  const yamlFile = `fixtures/decrees/${name}`;
  const yamlText = fs.readFileSync(path.join(fixtures, 'decrees', name), 'utf8');
  const roster = rosterFileOf(yamlText);
  if (!roster) return { yamlFile, yamlText };
  const p = path.join(fixtures, 'decrees', roster);
  return { yamlFile, yamlText, rosterFile: `fixtures/decrees/${roster}`, rosterText: fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined };
}

function problemsOf(inp: DecreeInput, today = TODAY): string[] {
  const r = validateDecree(inp, reference, today);
  return r.ok ? [] : r.problems.map((p) => `${p.where}: ${p.message}`);
}

/** A valid small kota decree, inline roster, to mutate. */
const BASE = `number: 1/2025
date: 2025-02-03
signed_by: Wali Kota Bogor
received_at: 2025-02-04
institution: {code: "32.71", kind: kota}
patron: {name: Andi Wijaya, position: Wali Kota Bogor}
supervisor: {name: Sri Mulyani Rahayu, nip: "197206141998032004", position: Sekretaris Daerah}
admins:
  - {name: Budi Santoso, nip: "198503122010011003", email: budi@kotabogor.go.id, phone: "0812 2233 4455"}
roster:
  - {unit_code: DISKOMINFO, unit_name: Dinas Kominfo, role: liaison, name: Dedi Kurniawan, nip: "198807212012121002", email: dedi@kotabogor.go.id}
`;
const inline = (yamlText: string): DecreeInput => ({ yamlFile: 'sk.yaml', yamlText });

describe('the shipped sample decrees', () => {
  it.each(['kota-bandung-2024.yaml', 'kota-bandung-2025.yaml', 'kemenpanrb-2024.yaml', 'jawa-barat-2024.yaml', 'kabupaten-sleman-2024.yaml'])('%s is valid', (name) => {
    expect(problemsOf(input(name))).toEqual([]);
  });

  it('kota Bandung 2024 names 6 units, each with a liaison, 2 admins; phones are stored as +62', () => {
    const r = validateDecree(input('kota-bandung-2024.yaml'), reference, TODAY);
    if (!r.ok) throw new Error('invalid');
    const d = r.decree;
    expect(d.institution).toEqual({ code: '32.73', name: 'Kota Bandung', kind: 'kota', regionCode: '32.73' });
    expect(d.units.map((u) => u.code)).toEqual(['DISKOMINFO', 'DISDUKCAPIL', 'DINKES', 'DISDIK', 'DPMPTSP', 'DISHUB']);
    expect(d.people.filter((p) => p.role === 'admin')).toHaveLength(2);
    for (const u of d.units) expect(d.people.some((p) => p.role === 'liaison' && p.unitCode === u.code)).toBe(true);
    expect(d.people.find((p) => p.name === 'Hendra Gunawan')?.phone).toBe('+62224234567');
    expect(d.people.find((p) => p.name === 'Dedi Kurniawan')?.source).toBe('fixtures/decrees/kota-bandung-2024-lampiran.csv:2');
  });

  it('a kementerian needs no region code; a semicolon CSV with Indonesian role names is read', () => {
    const k = validateDecree(input('kemenpanrb-2024.yaml'), reference, TODAY);
    expect(k.ok && k.decree.institution).toEqual({ code: 'KEMENPANRB', name: 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', kind: 'kementerian', regionCode: null });
    const j = validateDecree(input('jawa-barat-2024.yaml'), reference, TODAY);
    expect(j.ok && j.decree.people.filter((p) => p.role === 'liaison').map((p) => p.unitCode)).toEqual(['DISKOMINFO', 'DINKES']);
  });
});

describe('the decree with planted mistakes', () => {
  it('lists every mistake at once, each with file:line, field and a fix', () => {
    const r = validateDecree(input('contoh-salah.yaml'), reference, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.problems.map((p) => `${p.where}: ${p.message}`);
    expect(lines).toEqual([
      'fixtures/decrees/contoh-salah.yaml:7 institution.code: region 32.99 is not in the region list',
      "fixtures/decrees/contoh-salah.yaml:18 admins[0].nip: admin Budi Santoso: NIP '198513122010011003': birth date 19851312 is not a valid date",
      "fixtures/decrees/contoh-salah.yaml:20 admins[0].email: admin Budi Santoso: 'budi.santoso@@contoh.go.id' is not an e-mail address",
      "fixtures/decrees/contoh-salah-lampiran.csv:3 phone: liaison Maya Sari: '0813-2000' is not an Indonesian phone number",
      'fixtures/decrees/contoh-salah.yaml:27 units[0]: unit BAPPEDA (Badan Perencanaan Pembangunan Daerah) has no Pejabat Penghubung',
      'fixtures/decrees/contoh-salah-lampiran.csv:2: NIP 199001052015032001 (Siti Aminah) is named as liaison here and as admin at fixtures/decrees/contoh-salah.yaml:22: conflicting roles',
    ]);
    for (const p of r.problems) expect(p.hint.length).toBeGreaterThan(10);
  });
});

describe('validation rules', () => {
  it('accepts the base decree', () => {
    expect(problemsOf(inline(BASE))).toEqual([]);
  });

  it('SK date not in the future, received not before the date', () => {
    expect(problemsOf(inline(BASE), '2025-02-02')).toEqual([
      'sk.yaml:2 date: date 2025-02-03 is in the future (today is 2025-02-02)',
      'sk.yaml:4 received_at: received_at 2025-02-04 is in the future (today is 2025-02-02)',
    ]);
    expect(problemsOf(inline(BASE.replace('received_at: 2025-02-04', 'received_at: 2025-01-30')))).toEqual([
      'sk.yaml:4 received_at: received_at 2025-01-30 is before the SK date 2025-02-03',
    ]);
    expect(problemsOf(inline(BASE.replace('date: 2025-02-03', 'date: 2025-02-30')))[0]).toBe("sk.yaml:2 date: '2025-02-30' is not a date");
  });

  it('the region code must exist and match the kind (kabupaten 01–69, kota 71–99)', () => {
    expect(problemsOf(inline(BASE.replace('kind: kota', 'kind: kabupaten')))).toEqual([
      'sk.yaml:5 institution.kind: 32.71 (Kota Bogor) is a kota, not a kabupaten',
    ]);
    expect(problemsOf(inline(BASE.replace('"32.71"', '"32.70"')))).toEqual([
      "sk.yaml:5 institution.code: '32.70' is not a kode wilayah",
    ]);
    expect(problemsOf(inline(BASE.replace('{code: "32.71", kind: kota}', '{code: "32.71", kind: kota, region_code: "32.72"}')))).toEqual([
      'sk.yaml:5 institution.region_code: region_code 32.72 differs from code 32.71',
    ]);
  });

  it('a K/L has no region code and is known by abbreviation (any case)', () => {
    const kl = BASE.replace('{code: "32.71", kind: kota}', '{code: Kemenkes, kind: kementerian}');
    const r = validateDecree(inline(kl), reference, TODAY);
    expect(r.ok && r.decree.institution.code).toBe('KEMENKES');
    expect(problemsOf(inline(kl.replace('kind: kementerian}', 'kind: kementerian, region_code: "31"}')))).toEqual([
      'sk.yaml:5 institution.region_code: a kementerian has no region code',
    ]);
    expect(problemsOf(inline(BASE.replace('{code: "32.71", kind: kota}', '{code: BPOM, kind: kementerian}')))).toEqual([
      'sk.yaml:5 institution.kind: BPOM (Badan Pengawas Obat dan Makanan) is a lembaga, not a kementerian',
    ]);
    expect(problemsOf(inline(BASE.replace('{code: "32.71", kind: kota}', '{code: KEMENBARU, kind: kementerian}')))).toEqual([
      'sk.yaml:5 institution.name: KEMENBARU is not in the K/L list, so its name is needed',
    ]);
    const named = validateDecree(inline(BASE.replace('{code: "32.71", kind: kota}', '{code: KEMENBARU, kind: kementerian, name: Kementerian Baru}')), reference, TODAY);
    expect(named.ok && named.decree.institution).toEqual({ code: 'KEMENBARU', name: 'Kementerian Baru', kind: 'kementerian', regionCode: null });
  });

  it('at least one admin, a patron and a supervisor', () => {
    const noAdmin = BASE.replace(/admins:\n.*\n/, '');
    expect(problemsOf(inline(noAdmin))).toEqual(['sk.yaml:1 admins: the decree names no Admin Instansi']);
    const noPatron = BASE.replace(/patron:.*\n/, '').replace(/supervisor:.*\n/, '');
    expect(problemsOf(inline(noPatron))).toEqual([
      'sk.yaml:1 patron: the decree names no Pembina (patron)',
      'sk.yaml:1 supervisor: the decree names no Penanggungjawab (supervisor)',
    ]);
  });

  it('an admin or liaison needs NIP and e-mail; unknown fields and roles are refused', () => {
    const y = BASE.replace('nip: "198807212012121002", email: dedi@kotabogor.go.id', 'nipp: "198807212012121002"')
      .replace('role: liaison', 'role: liason');
    expect(problemsOf(inline(y))).toEqual([
      "sk.yaml:11 roster[0].nipp: unknown field 'nipp'",
      "sk.yaml:11 roster[0].role: unknown role 'liason'",
    ]);
    const y2 = BASE.replace('nip: "198807212012121002", email: dedi@kotabogor.go.id', 'position: Kasi');
    expect(problemsOf(inline(y2))).toEqual([
      'sk.yaml:11 roster[0].nip: liaison Dedi Kurniawan: NIP is missing',
      'sk.yaml:11 roster[0].email: liaison Dedi Kurniawan: e-mail is missing',
    ]);
  });

  it('the same person twice: conflicting roles, two units, or a plain duplicate', () => {
    const twoUnits = BASE + `  - {unit_code: DINKES, unit_name: Dinas Kesehatan, role: liaison, name: Dedi K., nip: "198807212012121002", email: dedi@kotabogor.go.id}\n`;
    expect(problemsOf(inline(twoUnits))).toEqual([
      'sk.yaml:12 roster[1]: NIP 198807212012121002 (Dedi K.) is liaison of DINKES here and of DISKOMINFO at sk.yaml:11',
    ]);
    const dup = BASE + `  - {unit_code: DISKOMINFO, role: liaison, name: Dedi Kurniawan, nip: "198807212012121002", email: dedi@kotabogor.go.id}\n`;
    expect(problemsOf(inline(dup))).toEqual(['sk.yaml:12 roster[1]: NIP 198807212012121002 (Dedi Kurniawan) is listed twice (also at sk.yaml:11)']);
    const byName = BASE.replace('patron: {name: Andi Wijaya', 'patron: {name: "Dr. Sri Mulyani Rahayu, M.Si."');
    expect(problemsOf(inline(byName))[0]).toBe('sk.yaml:7 supervisor: NIP 197206141998032004 (Sri Mulyani Rahayu) is named as supervisor here and as patron at sk.yaml:6: conflicting roles');
  });

  it('YAML syntax errors and a missing roster file are reported with lines', () => {
    expect(problemsOf(inline('number: 1\n  date: [x\n'))[0]).toMatch(/^sk.yaml:\d+: YAML syntax/);
    const r = problemsOf({ yamlFile: 'sk.yaml', yamlText: BASE.replace(/roster:\n(.*\n)+/, 'roster: missing.csv\n') });
    expect(r).toContain("sk.yaml:10 roster: cannot read the roster file 'missing.csv'");
  });

  it('roster CSV: unknown columns, missing unit for a liaison, a unit named twice differently', () => {
    const y = BASE.replace(/roster:\n(.*\n)+/, 'roster: r.csv\n');
    const csv = 'unit_code,unit_name,role,name,nip,email,fax\n' +
      'DISKOMINFO,Dinas Kominfo,liaison,Dedi Kurniawan,198807212012121002,dedi@kotabogor.go.id,1\n' +
      ',,liaison,Rudi Hartono,198104302006041001,rudi@kotabogor.go.id,\n' +
      'DISKOMINFO,Dinas Komunikasi,liaison,Ani Lestari,198502282010122001,ani@kotabogor.go.id,\n';
    expect(problemsOf({ yamlFile: 'sk.yaml', yamlText: y, rosterFile: 'r.csv', rosterText: csv })).toEqual([
      "r.csv:1 column 7: unknown column 'fax'",
      'r.csv:3 unit_code: liaison Rudi Hartono: a liaison needs a unit',
      "r.csv:4 unit_code: unit DISKOMINFO is named 'Dinas Komunikasi' here but 'Dinas Kominfo' at r.csv:2 unit_code",
    ]);
  });

  it('the hash ignores layout and phone style, not content', () => {
    const a = validateDecree(inline(BASE), reference, TODAY);
    const b = validateDecree(inline(BASE.replace('"0812 2233 4455"', '"+62-812-2233-4455"').replace(/\n/g, '\n\n')), reference, TODAY);
    const c = validateDecree(inline(BASE.replace('Dinas Kominfo', 'Dinas Komunikasi')), reference, TODAY);
    if (!a.ok || !b.ok || !c.ok) throw new Error('invalid');
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    expect(a.hash).toBe(decreeHash(a.decree));
  });

  it('a decree written back to YAML + CSV reads as the same decree', () => {
    for (const name of ['kota-bandung-2024.yaml', 'kemenpanrb-2024.yaml']) {
      const r = validateDecree(input(name), reference, TODAY);
      if (!r.ok) throw new Error('invalid');
      const files = decreeToFiles(r.decree, 'out-lampiran.csv');
      const again = validateDecree({ yamlFile: 'out.yaml', yamlText: files.yaml, rosterFile: 'out-lampiran.csv', rosterText: files.csv }, reference, TODAY);
      expect(again.ok && again.hash).toBe(r.hash);
    }
  });
});
