import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNip } from '../../src/domain/nip.js';
import { isValidEmail, normalizePhone } from '../../src/domain/phone.js';
import { baseUsername, uniqueUsername } from '../../src/domain/decree-username.js';

describe('NIP', () => {
  it('reads birth date, appointment month and sex', () => {
    const r = parseNip('19850312 201001 1 003');
    expect(r).toEqual({ ok: true, nip: '198503122010011003', parts: { birthDate: '1985-03-12', appointmentMonth: '2010-01', sex: 'M', serial: '003' } });
    const f = parseNip('199001052015032001');
    expect(f.ok && f.parts.sex).toBe('F');
  });

  it.each([
    ['19850312201001100', /17 digits, not 18/],
    ['1985031220100110033', /19 digits/],
    ['19850312A01001100 3', /other than digits/],
    ['198513122010011003', /birth date 19851312 is not a valid date/],
    ['198502302010011003', /birth date 19850230/],
    ['198503122010131003', /appointment month 201013/],
    ['198503122010001003', /appointment month 201000/],
    ['198503122010013003', /digit 15 is '3'/],
    ['198503122010011000', /serial number 000/],
    ['198503121980011003', /not after the birth date/],
  ])('refuses %s', (nip, msg) => {
    const r = parseNip(nip);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(msg);
  });

  it('refuses dates after today when today is given', () => {
    expect(parseNip('199001052027032001', '2026-03-01').ok).toBe(false);
    expect(parseNip('199001052027032001').ok).toBe(true);
  });

  it('accepts every well-formed NIP (property)', () => {
    let checked = 0;
    fc.assert(fc.property(
      fc.date({ min: new Date('1950-01-01'), max: new Date('2000-12-31'), noInvalidDate: true }),
      fc.integer({ min: 20, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('1', '2'), fc.integer({ min: 1, max: 999 }),
      (birth, age, month, sex, serial) => {
        const b = birth.toISOString().slice(0, 10).replace(/-/g, '');
        const nip = `${b}${birth.getUTCFullYear() + age}${String(month).padStart(2, '0')}${sex}${String(serial).padStart(3, '0')}`;
        const r = parseNip(nip);
        checked++;
        return r.ok && r.parts.birthDate === birth.toISOString().slice(0, 10);
      }), { numRuns: 200 });
    expect(checked).toBeGreaterThanOrEqual(200);
  });
});

describe('phone', () => {
  it.each([
    ['0812-2233-4455', '+6281222334455'],
    ['+62 812 2233 4455', '+6281222334455'],
    ['6281222334455', '+6281222334455'],
    ['81222334455', '+6281222334455'],
    ['0062 812 2233 4455', '+6281222334455'],
    ['+62 (0)812 2233 4455', '+6281222334455'],
    ['(022) 4234567', '+62224234567'],
    ['021-7398381', '+62217398381'],
    ['0813.2000.4411', '+6281320004411'],
  ])('%s → %s', (input, want) => {
    expect(normalizePhone(input)).toBe(want);
  });

  it.each(['', '   ', '0813-2000', '12345', '+1 415 555 0100', '0812-2233-4455-6677', 'telp kantor', '08a12345678', '011234567'])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeUndefined();
  });

  it('is idempotent on its own output (property)', () => {
    let checked = 0;
    fc.assert(fc.property(fc.stringMatching(/^8[1-9]\d{7,10}$/), (nsn) => {
      const once = normalizePhone(`0${nsn}`);
      checked++;
      return once === `+62${nsn}` && normalizePhone(once!) === once;
    }), { numRuns: 200 });
    expect(checked).toBeGreaterThanOrEqual(200);
  });
});

describe('email', () => {
  it.each(['budi.santoso@bandung.go.id', 'a+b@x.co', 'NUR_AINI@MENPAN.GO.ID'])('accepts %s', (e) => expect(isValidEmail(e)).toBe(true));
  it.each(['budi@@bandung.go.id', 'budi bandung.go.id', 'budi@bandung', 'budi@.go.id', '.budi@x.id', 'budi..s@x.id', 'budi@x.i', 'budi @x.id', ''])('refuses %j', (e) => {
    expect(isValidEmail(e)).toBe(false);
  });
});

describe('usernames', () => {
  it.each([
    ['Budi Santoso, S.Kom.', 'budi.santoso'],
    ['Dr. Hj. Rina Kartika, M.Si.', 'rina.kartika'],
    ['dr. Maya Sari', 'maya.sari'],
    ['Prof. Dr. Ir. H. Arif Wibowo Saputra, M.T.', 'arif.saputra'],
    ['Sukarno', 'sukarno'],
    ['Ni Luh Putu Ayu', 'ni.ayu'],
    ['Dédé Rosadi', 'dede.rosadi'],
    ["Ma'ruf Amin", 'maruf.amin'],
    ['Ai', 'ai.id'],
  ])('%s → %s', (name, want) => {
    expect(baseUsername(name)).toBe(want);
    expect(want).toMatch(/^[a-z][a-z0-9._-]{2,39}$/);
  });

  it('adds a suffix until free', () => {
    const taken = new Set(['budi.santoso', 'budi.santoso2']);
    expect(uniqueUsername('Budi Santoso', (u) => taken.has(u))).toBe('budi.santoso3');
    expect(uniqueUsername('Agus Salim', (u) => taken.has(u))).toBe('agus.salim');
  });
});
