import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/domain/actor.js';
import {
  canSee, checkBatchAccess, checkCapability, checkInstitutionUpkeep, checkPassedThrough, checkPermission, checkReportRequest,
  intakeInstitution, intakeUnit, reportReach, type Capability,
} from '../../src/domain/policy.js';
import type { Action } from '../../src/domain/lifecycle.js';

const mk = (role: Role, over: Partial<Actor> = {}): Actor => ({
  id: 1, username: role, name: role, role, institutionId: role === 'super_admin' ? null : 10, unitId: role === 'liaison' ? 100 : null, active: true, ...over,
});
const ROLES: Role[] = ['super_admin', 'admin', 'liaison', 'supervisor', 'patron'];
const own = { institutionId: 10, unitId: 100 };
const ownInstNoUnit = { institutionId: 10, unitId: null };

/** DESIGN §5, cell by cell: which roles may do each action on a complaint in their own scope. */
const TABLE: Record<Action, Role[]> = {
  dispose: ['super_admin'], hold: ['super_admin'], resume: ['super_admin'], archive: ['super_admin'],
  forward: ['admin'], return: ['admin'], return_to_admin: ['liaison'],
  respond: ['super_admin', 'admin', 'liaison'], close: ['super_admin', 'admin'], reply: ['super_admin', 'admin', 'liaison'],
  auto_close: [],
};

describe('permission table', () => {
  for (const [action, allowed] of Object.entries(TABLE) as [Action, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${action} × ${role}: ${expected ? 'allowed' : 'refused'} in own scope`, () => {
        const r = checkPermission(mk(role), action, own);
        if (expected) expect(r).toBeUndefined();
        else expect(r).toMatchObject({ kind: 'role' });
      });
      if (expected && role !== 'super_admin') {
        it(`${action} × ${role}: refused outside own scope`, () => {
          expect(checkPermission(mk(role, { institutionId: 11, unitId: 101 }), action, own)).toMatchObject({ kind: 'scope' });
          expect(checkPermission(mk(role), action, { institutionId: null, unitId: null })).toMatchObject({ kind: 'scope' });
        });
      }
    }
    it(`${action}: refused for a deactivated officer of any role`, () => {
      for (const role of ROLES) expect(checkPermission(mk(role, { active: false }), action, own)).toMatchObject({ kind: 'inactive' });
    });
  }

  it('a liaison acts only on a complaint with its own unit, an admin on any in its institution', () => {
    expect(checkPermission(mk('liaison'), 'respond', ownInstNoUnit)).toMatchObject({ kind: 'scope' });
    expect(checkPermission(mk('admin'), 'respond', own)).toBeUndefined();
    expect(checkPermission(mk('liaison', { unitId: 101 }), 'respond', own)).toMatchObject({ kind: 'scope' });
  });

  it('super_admin acts everywhere, even on complaints with no holder', () => {
    expect(checkPermission(mk('super_admin'), 'respond', { institutionId: 99, unitId: 999 })).toBeUndefined();
    expect(checkPermission(mk('super_admin'), 'dispose', { institutionId: null, unitId: null })).toBeUndefined();
  });

  it('auto_close is the system’s alone, and the system does nothing else', () => {
    expect(checkPermission('system', 'auto_close', own)).toBeUndefined();
    for (const a of Object.keys(TABLE) as Action[]) if (a !== 'auto_close') expect(checkPermission('system', a, own)).toMatchObject({ kind: 'role' });
  });

  const CAPS: Record<Capability, Role[]> = {
    register: ['super_admin'], import: ['super_admin', 'admin'], revert_import: ['super_admin', 'admin'], add: ['super_admin', 'admin', 'liaison'], route: ['super_admin'], reveal_identity: ['super_admin'],
    sla_profile: ['super_admin'], manage_institution: ['super_admin', 'admin'], manage_super_admin: ['super_admin'],
  };
  for (const [cap, allowed] of Object.entries(CAPS) as [Capability, Role[]][]) {
    for (const role of ROLES) {
      it(`${cap} × ${role}: ${allowed.includes(role) ? 'allowed' : 'refused'}`, () => {
        expect(checkCapability(mk(role), cap) === undefined).toBe(allowed.includes(role));
        expect(checkCapability(mk(role, { active: false }), cap)).toMatchObject({ kind: 'inactive' });
      });
    }
  }

  it('import/add lands: admin with its own institution, liaison with its own unit, super_admin national', () => {
    expect(intakeInstitution(mk('admin'))).toBe(10);
    expect(intakeUnit(mk('admin'))).toBeNull();
    expect(intakeInstitution(mk('liaison'))).toBe(10);
    expect(intakeUnit(mk('liaison'))).toBe(100);
    expect(intakeInstitution(mk('super_admin'))).toBeNull();
    expect(intakeUnit(mk('super_admin'))).toBeNull();
  });

  it('import batches: super_admin any; admin revert own institution only; read for any officer of it', () => {
    const own = { id: 1, institutionId: 10 };
    const other = { id: 2, institutionId: 11 };
    expect(checkBatchAccess(mk('super_admin'), 'revert_import', other)).toBeUndefined();
    expect(checkBatchAccess(mk('admin'), 'revert_import', own)).toBeUndefined();
    expect(checkBatchAccess(mk('admin'), 'revert_import', other)).toMatchObject({ kind: 'scope' });
    expect(checkBatchAccess(mk('supervisor'), 'revert_import', own)).toMatchObject({ kind: 'role' });
    expect(checkBatchAccess(mk('admin', { active: false }), 'revert_import', own)).toMatchObject({ kind: 'inactive' });
    expect(checkBatchAccess(mk('supervisor'), 'read', own)).toBeUndefined();
    expect(checkBatchAccess(mk('supervisor'), 'read', other)).toMatchObject({ kind: 'scope' });
  });

  it('report reach (what resolveScope filters by): all, own institution, own unit, own institution', () => {
    expect(reportReach(mk('super_admin'))).toEqual({ kind: 'all' });
    expect(reportReach(mk('admin'))).toEqual({ kind: 'institution', institutionId: 10 });
    expect(reportReach(mk('liaison'))).toEqual({ kind: 'unit', institutionId: 10, unitId: 100 });
    expect(reportReach(mk('supervisor'))).toEqual({ kind: 'institution', institutionId: 10 });
    expect(reportReach(mk('patron'))).toEqual({ kind: 'institution', institutionId: 10 });
  });

  it('a report request beyond the reach is refused: another institution, a province', () => {
    const other = { id: 11, code: '73.71' };
    expect(checkReportRequest(mk('super_admin'), { institution: other, province: '73' })).toBeUndefined();
    expect(checkReportRequest(mk('admin'), { institution: { id: 10, code: '32.73' } })).toBeUndefined();
    for (const role of ['admin', 'liaison', 'supervisor', 'patron'] as const) {
      expect(checkReportRequest(mk(role), { institution: other })).toMatchObject({ kind: 'scope' });
      expect(checkReportRequest(mk(role), { province: '32' })).toMatchObject({ kind: 'scope' });
    }
  });

  it('a complaint\'s history (sla explain): one that passed through the institution; for a liaison, one that reached the unit; rahasia only for its holder', () => {
    type Ev = { fromInstitutionId: number | null; toInstitutionId: number | null; fromUnitId: number | null; toUnitId: number | null };
    const ev10: Ev[] = [{ fromInstitutionId: null, toInstitutionId: 10, fromUnitId: null, toUnitId: null }, { fromInstitutionId: 10, toInstitutionId: 10, fromUnitId: null, toUnitId: 100 }];
    const ev11: Ev[] = [{ fromInstitutionId: null, toInstitutionId: 11, fromUnitId: null, toUnitId: null }];
    const at = (events: Ev[], confidential = false, holderInstitutionId: number | null = 10, holderUnitId: number | null = 100) =>
      ({ events, confidential, holderInstitutionId, holderUnitId, keyInstitutionId: null });
    expect(checkPassedThrough(mk('super_admin'), at(ev11, true, 11, null), 'x')).toBeUndefined();
    expect(checkPassedThrough(mk('admin'), at(ev10), 'x')).toBeUndefined();
    expect(checkPassedThrough(mk('liaison'), at(ev10), 'x')).toBeUndefined();
    expect(checkPassedThrough(mk('liaison'), at(ev10.slice(0, 1)), 'x')).toMatchObject({ kind: 'scope' });
    expect(checkPassedThrough(mk('supervisor'), at(ev11, false, 11, null), 'x')).toMatchObject({ kind: 'scope' });
    // Rahasia: the institution that returned it (a former holder) sees nothing; the holder does.
    const returnedTo11 = [...ev10, { fromInstitutionId: 10, toInstitutionId: 11, fromUnitId: null, toUnitId: null }];
    expect(checkPassedThrough(mk('admin'), at(returnedTo11, true, 11, null), 'x')).toMatchObject({ kind: 'scope' });
    expect(checkPassedThrough(mk('admin'), at(returnedTo11, false, 11, null), 'x')).toBeUndefined();
    expect(checkPassedThrough(mk('admin'), at(ev10, true), 'x')).toBeUndefined();
  });

  it('institution upkeep: super_admin anywhere, an admin in their own institution only', () => {
    expect(checkInstitutionUpkeep(mk('super_admin'), { id: 11, code: '73.71' })).toBeUndefined();
    expect(checkInstitutionUpkeep(mk('admin'), { id: 10, code: '32.73' })).toBeUndefined();
    expect(checkInstitutionUpkeep(mk('admin'), { id: 11, code: '73.71' })).toMatchObject({ kind: 'scope' });
    expect(checkInstitutionUpkeep(mk('liaison'), { id: 10, code: '32.73' })).toMatchObject({ kind: 'role' });
  });

  it('a confidential complaint is seen only by the holding institution and super_admin', () => {
    const v = { inScope: true, confidential: true, holderInstitutionId: 11 };
    expect(canSee(mk('admin'), v)).toBe(false);
    expect(canSee(mk('admin', { institutionId: 11 }), v)).toBe(true);
    // Issue 14: a liaison sees a rahasia complaint only while it is with their unit.
    expect(canSee(mk('liaison', { institutionId: 11, unitId: 5 }), v)).toBe(false);
    expect(canSee(mk('liaison', { institutionId: 11, unitId: 5 }), { ...v, holderUnitId: 5 })).toBe(true);
    // Scope first: outside it, rahasia or not, nothing.
    expect(canSee(mk('admin', { institutionId: 11 }), { ...v, inScope: false })).toBe(false);
    expect(canSee(mk('super_admin'), v)).toBe(true);
    expect(canSee(mk('supervisor'), { inScope: false, confidential: false, holderInstitutionId: 11 })).toBe(false);
    expect(canSee(mk('supervisor'), { inScope: true, confidential: false, holderInstitutionId: 11 })).toBe(true);
  });
});
