import { describe, expect, it } from 'vitest';
import { viewIdentity } from '../../src/domain/privacy.js';

describe('reporter identity', () => {
  const id = { name: 'Siti Rahmawati', nik: '3273014501900001', phone: '081234567890', email: 'siti@example.com' };
  it('masks every part, as the exports do', () => {
    const v = viewIdentity(id, false, false);
    expect(v).toEqual({ view: 'masked', identity: {
      name: 'S*** R***', nik: '32************01', phone: '0812****7890', email: 's***@example.com' } });
    for (const part of Object.values(v.identity)) for (const orig of Object.values(id)) expect(part).not.toBe(orig);
  });
  it('shows nothing for an anonymous complaint unless revealed', () => {
    expect(viewIdentity(id, true, false)).toEqual({ view: 'anonymous', identity: { name: null, nik: null, phone: null, email: null } });
    expect(viewIdentity(id, true, true)).toEqual({ view: 'revealed', identity: id });
  });
});
