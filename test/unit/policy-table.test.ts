import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/domain/actor.js';
import { canSee, checkBatchAccess, checkCapability, checkPermission, intakeInstitution, intakeUnit, reportScope, type Capability } from '../../src/domain/policy.js';
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

  it('report scope: all, own institution, own unit, own institution', () => {
    expect(reportScope(mk('super_admin'))).toEqual({ kind: 'all' });
    expect(reportScope(mk('admin'))).toEqual({ kind: 'institution', institutionId: 10 });
    expect(reportScope(mk('liaison'))).toEqual({ kind: 'unit', unitId: 100 });
    expect(reportScope(mk('supervisor'))).toEqual({ kind: 'institution', institutionId: 10 });
    expect(reportScope(mk('patron'))).toEqual({ kind: 'institution', institutionId: 10 });
  });

  it('a confidential complaint is seen only by the holding institution and super_admin', () => {
    const v = { inScope: true, confidential: true, holderInstitutionId: 11 };
    expect(canSee(mk('admin'), v)).toBe(false);
    expect(canSee(mk('admin', { institutionId: 11 }), v)).toBe(true);
    expect(canSee(mk('liaison', { institutionId: 11 }), v)).toBe(true);
    expect(canSee(mk('super_admin'), v)).toBe(true);
    expect(canSee(mk('supervisor'), { inScope: false, confidential: false, holderInstitutionId: 11 })).toBe(false);
    expect(canSee(mk('supervisor'), { inScope: true, confidential: false, holderInstitutionId: 11 })).toBe(true);
  });
});
