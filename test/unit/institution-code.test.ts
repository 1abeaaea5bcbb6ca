import { describe, expect, it } from 'vitest';
import { suggestInstitutionCode } from '../../src/domain/institution-code.js';

const CODES = ['32', '32.73', '32.04', '73.71', '51.71', 'KEMENPANRB', 'KEMENKES', 'BPJS-KES'];

describe('suggestInstitutionCode', () => {
  it('finds the nearest code for the usual mistakes', () => {
    expect(suggestInstitutionCode('3273', CODES)).toBe('32.73');
    expect(suggestInstitutionCode('32 73', CODES)).toBe('32.73');
    expect(suggestInstitutionCode('kemenpanrb', CODES)).toBe('KEMENPANRB');
    expect(suggestInstitutionCode('KEMENPAN', CODES)).toBe('KEMENPANRB');
    expect(suggestInstitutionCode('32.733', CODES)).toBe('32.73');
    expect(suggestInstitutionCode('KEMNEKES', CODES)).toBe('KEMENKES');
  });
  it('suggests nothing when nothing is near', () => {
    expect(suggestInstitutionCode('99.99', CODES)).toBeUndefined();
    expect(suggestInstitutionCode('DESA', CODES)).toBeUndefined();
    expect(suggestInstitutionCode('', CODES)).toBeUndefined();
  });
});
