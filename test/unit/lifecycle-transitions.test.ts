import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIONS, isLostRace, planTransition, STATUSES, TRANSITIONS, type Action, type ComplaintState, type Status, type TransitionRequest,
} from '../../src/domain/lifecycle.js';
import type { Actor } from '../../src/domain/actor.js';

const superAdmin: Actor = { id: 1, username: 'adminnas', name: 'A', role: 'super_admin', institutionId: null, unitId: null, active: true };
const inst = { id: 10, code: '32.73', status: 'active' };
const unit = { id: 100, code: 'DISHUB', institutionId: 10, active: true };

function complaint(status: Status, over: Partial<ComplaintState> = {}): ComplaintState {
  const held = ['with_institution', 'with_unit', 'responded', 'closed'].includes(status);
  return { id: 1, trackingId: '12345678903', status, institutionId: held ? 10 : null, unitId: status === 'with_unit' ? 100 : null, version: 3, ...over };
}

function request(action: Action): TransitionRequest {
  return { action, targetInstitution: inst, targetUnit: unit, reason: 'alasan', body: 'teks' };
}

/** The diagram of DESIGN §5, written out independently of TRANSITIONS. */
const DIAGRAM: [Action, Status, Status][] = [
  ['dispose', 'received', 'with_institution'], ['dispose', 'returned', 'with_institution'],
  ['hold', 'received', 'on_hold'], ['resume', 'on_hold', 'received'], ['archive', 'received', 'archived'],
  ['forward', 'with_institution', 'with_unit'], ['return', 'with_institution', 'returned'],
  ['return_to_admin', 'with_unit', 'with_institution'],
  ['respond', 'with_institution', 'responded'], ['respond', 'with_unit', 'responded'],
  ['close', 'responded', 'closed'], ['auto_close', 'responded', 'closed'],
];

describe('life-cycle transitions', () => {
  it('every action from every state: allowed exactly where the diagram has an arrow, with the right target', () => {
    for (const action of ACTIONS) {
      for (const status of STATUSES) {
        const actor = action === 'auto_close' ? 'system' : superAdmin;
        const c = status === 'responded' && action === 'reply' ? complaint(status, { unitId: null }) : complaint(status);
        // A super_admin may not forward/return: test the state rule apart from the role rule.
        const d = ['forward', 'return'].includes(action)
          ? planTransition(c, { ...superAdmin, role: 'admin', institutionId: 10 }, request(action))
          : action === 'return_to_admin'
            ? planTransition(c, { ...superAdmin, role: 'liaison', institutionId: 10, unitId: 100 }, request(action))
            : planTransition(c, actor, request(action));
        const arrow = DIAGRAM.find(([a, from]) => a === action && from === status);
        const replyOk = action === 'reply' && status === 'responded';
        if (arrow || replyOk) {
          expect(d.ok, `${action} from ${status}`).toBe(true);
          if (d.ok && arrow) expect(d.event.toStatus).toBe(arrow[2]);
        } else if (!d.ok) {
          expect(['state', 'scope'], `${action} from ${status}: ${d.refusal.message}`).toContain(d.refusal.kind);
        } else {
          throw new Error(`${action} from ${status} should be refused`);
        }
      }
    }
  });

  it('TRANSITIONS agrees with the diagram', () => {
    for (const [a, from] of DIAGRAM) expect(TRANSITIONS[a].from).toContain(from);
    expect(TRANSITIONS.reply.from).toEqual(['responded']);
  });

  it('reply reopens with the same holder: unit if it had one, else the institution', () => {
    const withUnit = planTransition(complaint('responded', { unitId: 100 }), superAdmin, request('reply'));
    const withInst = planTransition(complaint('responded'), superAdmin, request('reply'));
    expect(withUnit.ok && withUnit.event).toMatchObject({ toStatus: 'with_unit', toUnitId: 100, toInstitutionId: 10, fromUnitId: 100 });
    expect(withInst.ok && withInst.event).toMatchObject({ toStatus: 'with_institution', toUnitId: null, toInstitutionId: 10 });
  });

  it('return names the returning institution in from_*, and leaves no holder', () => {
    const admin: Actor = { ...superAdmin, role: 'admin', institutionId: 10 };
    const d = planTransition(complaint('with_institution'), admin, request('return'));
    expect(d.ok && d.event).toMatchObject({ kind: 'return', fromInstitutionId: 10, toInstitutionId: null, toStatus: 'returned' });
    expect(d.ok && d.next.returnedByInstitutionId).toBe(10);
    // …and it cannot be disposed back to the institution that returned it.
    const back = planTransition({ ...complaint('returned'), returnedByInstitutionId: 10 }, superAdmin, request('dispose'));
    expect(!back.ok && back.refusal.kind).toBe('input');
    const elsewhere = planTransition({ ...complaint('returned'), returnedByInstitutionId: 10 }, superAdmin,
      { ...request('dispose'), targetInstitution: { id: 11, code: '51.71', status: 'active' } });
    expect(elsewhere.ok && elsewhere.event.toInstitutionId).toBe(11);
  });

  it('reasons and texts are required where DESIGN requires them', () => {
    const admin: Actor = { ...superAdmin, role: 'admin', institutionId: 10 };
    const noReason = planTransition(complaint('with_institution'), admin, { action: 'return', reason: '  ' });
    expect(!noReason.ok && noReason.refusal).toMatchObject({ kind: 'input' });
    expect(planTransition(complaint('received'), superAdmin, { action: 'archive' }).ok).toBe(false);
    expect(planTransition(complaint('with_institution'), admin, { action: 'respond' }).ok).toBe(false);
    expect(planTransition(complaint('received'), superAdmin, { action: 'dispose' }).ok).toBe(false);
    expect(planTransition(complaint('received'), superAdmin, { action: 'dispose', targetInstitution: { ...inst, status: 'unregistered' } }).ok).toBe(false);
    expect(planTransition(complaint('with_institution'), admin, { action: 'forward', targetUnit: { ...unit, institutionId: 11 } }).ok).toBe(false);
    expect(planTransition(complaint('with_institution'), admin, { action: 'forward', targetUnit: { ...unit, active: false } }).ok).toBe(false);
  });

  it('property: any permitted transition bumps the version by one and its event chains from the current state', () => {
    // Every (action, status) pair, each with random versions: a refused pair proves nothing here, so
    // the permitted ones are counted, and the test fails if too few were checked.
    let permitted = 0;
    for (const action of ACTIONS) {
      for (const status of STATUSES) {
        fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (version) => {
          const c = complaint(status, { version });
          const d = planTransition(c, action === 'auto_close' ? 'system' : superAdmin, request(action));
          if (!d.ok) return true;
          permitted++;
          return d.next.version === version + 1 && d.event.fromStatus === status && d.event.fromInstitutionId === c.institutionId &&
            d.event.fromUnitId === c.unitId && d.next.status === d.event.toStatus && d.next.institutionId === d.event.toInstitutionId &&
            d.next.unitId === d.event.toUnitId;
        }), { numRuns: 10 });
      }
    }
    expect(permitted).toBeGreaterThanOrEqual(100);
  });

  it('a refusal that another officer’s change just caused is a lost race; a stale or own change is not', () => {
    const admin: Actor = { ...superAdmin, id: 2, username: 'rina', role: 'admin', institutionId: 10 };
    const now = new Date('2026-03-02T03:00:00Z');
    const c = complaint('with_unit');
    const last = { kind: 'forward' as const, actorUsername: 'budi', at: new Date(now.getTime() - 2000), fromStatus: 'with_institution' as Status,
      fromInstitutionId: 10, fromUnitId: null, toStatus: 'with_unit' as Status };
    const req = () => request('forward');
    expect(planTransition(c, admin, req()).ok).toBe(false);
    expect(isLostRace(c, admin, req, [last], now)).toBe(1);
    expect(isLostRace(c, admin, req, [{ ...last, actorUsername: 'rina' }], now)).toBeUndefined();
    expect(isLostRace(c, admin, req, [{ ...last, at: new Date(now.getTime() - 3_600_000) }], now)).toBeUndefined();
    // Not allowed before the change either: a plain refusal.
    expect(isLostRace(c, admin, () => request('close'), [last], now)).toBeUndefined();
    // Two changes by others since: judged against either.
    const responded = complaint('responded', { unitId: 100 });
    const respond = { ...last, kind: 'respond' as const, fromStatus: 'with_unit' as Status, fromUnitId: 100, toStatus: 'responded' as Status };
    expect(isLostRace(responded, admin, req, [respond, last], now)).toBe(2);
    expect(isLostRace(responded, admin, req, [respond, { ...last, actorUsername: 'rina' }], now)).toBeUndefined();
  });
});
