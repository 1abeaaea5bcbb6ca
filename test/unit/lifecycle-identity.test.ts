import { describe, expect, it } from 'vitest';
import { maskDigits, maskEmail, maskName, viewIdentity } from '../../src/domain/lifecycle-identity.js';

describe('reporter identity', () => {
  const id = { name: 'Siti Rahmawati', nik: '3273014501900001', phone: '081234567890', email: 'siti@example.com' };
  it('masks every part', () => {
    expect(maskName('Siti Rahmawati')).toBe('S*** R******');
    expect(maskDigits('3273014501900001')).toBe('32************01');
    expect(maskDigits('0812')).toBe('****');
    expect(maskEmail('siti@example.com')).toBe('s***@example.com');
    const v = viewIdentity(id, false, false);
    expect(v.view).toBe('masked');
    for (const part of Object.values(v.identity)) for (const orig of Object.values(id)) expect(part).not.toBe(orig);
  });
  it('shows nothing for an anonymous complaint unless revealed', () => {
    expect(viewIdentity(id, true, false)).toEqual({ view: 'anonymous', identity: { name: null, nik: null, phone: null, email: null } });
    expect(viewIdentity(id, true, true)).toEqual({ view: 'revealed', identity: id });
  });
});
