import { describe, expect, it } from 'vitest';
import { buildOnboarding, type OnboardingInstitution } from '../../src/domain/onboarding.js';

const inst = (code: string, kind: OnboardingInstitution['kind'], o: Partial<OnboardingInstitution> = {}): OnboardingInstitution => ({
  code, name: code, kind, provinceCode: kind === 'kementerian' ? null : code.slice(0, 2), registered: false, decreeNumber: null,
  hasAdmin: false, units: 0, unitsWithLiaison: 0, firstDecreeNumber: null, firstReceivedAt: null, ...o,
});
const reg = (received: string, o: Partial<OnboardingInstitution> = {}) => ({
  registered: true, decreeNumber: 'SK-1', hasAdmin: true, units: 2, unitsWithLiaison: 2, firstDecreeNumber: 'SK-0', firstReceivedAt: received, ...o,
});

describe('onboarding figures (pure)', () => {
  const all = [
    inst('11', 'provinsi', reg('2024-05-01')),
    inst('11.01', 'kabupaten', reg('2024-04-30', { unitsWithLiaison: 1 })),
    inst('11.71', 'kota', reg('2024-03-01', { hasAdmin: false })),
    inst('11.72', 'kota', { ...reg('2024-03-01', { units: 0, unitsWithLiaison: 0 }) }),
    inst('12', 'provinsi'),
    inst('12.01', 'kabupaten', { hasAdmin: true, units: 1, unitsWithLiaison: 1 }), // officers but no decree in force: counts nothing
    inst('KEMENPANRB', 'kementerian', reg('2024-06-01')),
  ];

  it('counts a province with its kabupaten/kota; a deadline day itself is on time', () => {
    const o = buildOnboarding(all, { deadline: '2024-04-30' });
    expect(o.provinces.map((p) => [p.provinceCode, p.institutions, p.registered, p.withAdmin, p.liaisonsComplete, p.complete, p.late, p.kabKota, p.kabKotaRegistered])).toEqual([
      ['11', 4, 4, 3, 2, 1, 1, 3, 3],
      ['12', 2, 0, 0, 0, 0, 0, 1, 0],
    ]);
    expect(o.late.map((l) => `${l.code}:${l.daysLate}`)).toEqual(['KEMENPANRB:32', '11:1']);
    expect(o.totals.find((t) => t.group === 'total')).toMatchObject({ institutions: 7, registered: 5, complete: 2, late: 2 });
    expect(o.detail).toBeNull();
  });

  it('without a deadline nothing is late; --province narrows the rows and the late list', () => {
    expect(buildOnboarding(all, {}).late).toEqual([]);
    const o = buildOnboarding(all, { deadline: '2024-04-01', province: '11' });
    expect(o.provinces.map((p) => p.provinceCode)).toEqual(['11']);
    expect(o.late.map((l) => l.code)).toEqual(['11', '11.01']);
    expect(o.detail!.map((d) => `${d.code}:${d.liaisonsComplete}:${d.late}`)).toEqual(['11:true:true', '11.01:false:true', '11.71:true:false', '11.72:false:false']);
    expect(o.totals.find((t) => t.group === 'kementerian_lembaga')).toMatchObject({ institutions: 1, registered: 1, late: 1 });
  });
});
