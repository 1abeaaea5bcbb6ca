import { describe, expect, it } from 'vitest';
import { checkPlan, parsePlan } from '../../src/domain/dispatch.js';
import { chooseRoute, type RouteRule } from '../../src/domain/dispatch-routing.js';
import type { Actor } from '../../src/domain/actor.js';
import type { ComplaintState } from '../../src/domain/lifecycle.js';

describe('dispatch plan file', () => {
  it('reads comma or semicolon CSV with a BOM, any column order', () => {
    const p = parsePlan('\uFEFFreason;target;action;tracking_id\n"a; b";32.73;VERIFY;111\n\n;DISHUB;forward;222\n');
    expect(p.problems).toEqual([]);
    expect(p.rows).toEqual([
      { line: 2, trackingId: '111', action: 'verify', target: '32.73', reason: 'a; b' },
      { line: 4, trackingId: '222', action: 'forward', target: 'DISHUB', reason: '' },
    ]);
  });
  it('reports every problem: missing and unknown columns, wrong column counts, empty plans', () => {
    expect(parsePlan('id,action\n').problems).toEqual([
      'line 1: missing column(s) tracking_id, target, reason (expected tracking_id,action,target,reason)',
      'line 1: unknown column(s) id (expected tracking_id,action,target,reason)',
    ]);
    expect(parsePlan('tracking_id,action,target,reason\n1,verify\n2,hold,,,x\n').problems).toEqual([
      'line 2: 2 column(s), expected 4', 'line 3: 5 column(s), expected 4',
    ]);
    expect(parsePlan('').problems).toEqual(['the plan is empty']);
    expect(parsePlan('tracking_id,action,target,reason\n').problems).toEqual(['the plan has a header but no rows']);
  });
});

describe('checkPlan', () => {
  const sa: Actor = { id: 1, username: 'adminnas', name: 'A', role: 'super_admin', institutionId: null, unitId: null, active: true };
  const c: ComplaintState = { id: 7, trackingId: '111', status: 'received', institutionId: null, unitId: null, version: 1 };
  const lookup = {
    complaint: (t: string) => (t === '111' ? c : undefined),
    institution: (code: string) => (code === '32.73' ? { id: 10, code, status: 'active' } : undefined),
    unit: () => undefined,
  };
  const row = (line: number, action: string, target = '', reason = '', trackingId = '111') => ({ line, trackingId, action, target, reason });
  it('checks rows of one complaint on the state the earlier rows leave', () => {
    const out = checkPlan([row(2, 'verify', '32.73'), row(3, 'verify', '32.73'), row(4, 'respond', '', 'selesai'), row(5, 'close')], sa, lookup, new Date());
    expect(out.map((o) => o.ok)).toEqual([true, false, true, true]);
    expect(out[1].refusal?.kind).toBe('state');
    expect(out[3].write?.state.version).toBe(3);
    expect(out[3].write?.next).toMatchObject({ status: 'closed', version: 4 });
  });
  it('refuses bad rows with a reason, never throws', () => {
    const out = checkPlan([row(2, 'verify'), row(3, 'verify', 'XX'), row(4, 'hold', '32.73'), row(5, 'fly'), row(6, 'hold', '', '', '')], sa, lookup, new Date());
    expect(out.map((o) => o.refusal?.message)).toEqual([
      'verify needs a target institution code', "unknown institution 'XX'", "hold takes no target (found '32.73')",
      "unknown action 'fly' (use verify, dispose, hold, resume, archive, forward, return, respond, reply, close)", 'tracking_id is empty',
    ]);
  });
});

describe('routing rules', () => {
  const rules: RouteRule[] = [
    { id: 1, regionCode: '32', category: null, institutionId: 1, priority: 100 },
    { id: 2, regionCode: '32.73', category: null, institutionId: 2, priority: 100 },
    { id: 3, regionCode: '32.73', category: 'Kesehatan', institutionId: 3, priority: 100 },
    { id: 4, regionCode: null, category: 'kesehatan', institutionId: 4, priority: 100 },
    { id: 5, regionCode: '32.73', category: null, institutionId: 5, priority: 10 },
  ];
  it('the most specific matching rule wins, then the lower priority', () => {
    expect(chooseRoute(rules, { regionCode: '32.73', category: 'kesehatan ' })?.id).toBe(3);
    expect(chooseRoute(rules, { regionCode: '32.73', category: 'jalan' })?.id).toBe(5);
    expect(chooseRoute(rules, { regionCode: '32.04', category: null })?.id).toBe(1);
    expect(chooseRoute(rules, { regionCode: '51.71', category: 'Kesehatan' })?.id).toBe(4);
    expect(chooseRoute(rules, { regionCode: '321.1', category: null })).toBeUndefined();
    expect(chooseRoute(rules, { regionCode: null, category: null })).toBeUndefined();
  });
});
