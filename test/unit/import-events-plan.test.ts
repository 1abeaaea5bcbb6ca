import { describe, expect, it } from 'vitest';
import { normalizeEventKind, planLegacyHistory, type Resolvers } from '../../src/domain/import/events.js';
import { rejectText } from '../../src/i18n/rejects.js';
import type { ComplaintState } from '../../src/domain/lifecycle.js';

const r: Resolvers = {
  institution: (c) => (c === '32.73' ? { id: 1, code: '32.73', status: 'active' } : c === '51.71' ? { id: 2, code: '51.71', status: 'active' } : undefined),
  unit: (i, c) => (i === 1 && c.toLowerCase() === 'dishub' ? { id: 10, code: 'DISHUB', institutionId: 1, active: true } : undefined),
  institutionCode: (id) => (id === 1 ? '32.73' : '51.71'),
  unitCode: () => 'DISHUB',
};
const received: ComplaintState = { id: 1, trackingId: 'T', status: 'received', institutionId: null, unitId: null, version: 1 };
const step = (line: number, kind: string, at: string, extra: Partial<{ to: string; from: string; reason: string; text: string }> = {}) =>
  ({ line, position: line, externalId: 'A', at, kind, from: '', to: '', actor: 'x', reason: '', text: '', ...extra });

describe('legacy histories against the life-cycle', () => {
  it('kinds in their many spellings', () => {
    expect(['verify', 'Disposisi', 'redispose'].map(normalizeEventKind)).toEqual(['dispose', 'dispose', 'dispose']);
    expect(['Bukan Wewenang', 'follow-up', 'Tindak Lanjut', 'tunda'].map(normalizeEventKind)).toEqual(['return', 'respond', 'respond', 'hold']);
    expect(normalizeEventKind('auto_close')).toBeUndefined();
  });
  it('a legal history plans every event and ends in its state', () => {
    const p = planLegacyHistory(received, new Date('2025-07-07T00:00:00Z'), [
      step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '51.71' }),
      step(3, 'bukan wewenang', '2025-07-09T09:00:00+07:00', { reason: 'bukan kami', from: '51.71' }),
      step(4, 'redispose', '2025-07-10T09:00:00+07:00', { to: '32.73' }),
      step(5, 'forward', '2025-07-10T10:00:00+07:00', { to: '32.73/DISHUB' }),
      step(6, 'respond', '2025-07-11T10:00:00+07:00', { text: 'ok' }),
    ], r, 'WIB');
    expect(p.ok && p.next).toMatchObject({ status: 'responded', institutionId: 1, unitId: 10, version: 6 });
  });
  it('the first illegal step rejects the history, with its line and the life-cycle reason', () => {
    const cases: Array<[ReturnType<typeof step>[], number, RegExp]> = [
      [[step(2, 'respond', '2025-07-08T09:00:00+07:00', { text: 'x' })], 2, /is received .*respond is possible only when/],
      [[step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '51.71' }), step(3, 'return', '2025-07-09T09:00:00+07:00', { reason: 'x' }),
        step(4, 'dispose', '2025-07-10T09:00:00+07:00', { to: '51.71' })], 4, /returned complaint T as Bukan Wewenang/],
      [[step(2, 'archive', '2025-07-08T09:00:00+07:00')], 2, /archive needs a reason/],
      [[step(2, 'hold', '2025-07-06T09:00:00+07:00', { reason: 'x' })], 2, /before the complaint's previous event/],
      [[step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '99.99' })], 2, /'99.99' is not an institution code/],
      [[step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '32.73', from: '51.71' })], 2, /with nobody \(national\), not with 51.71/],
      [[step(2, 'teleport', '2025-07-08T09:00:00+07:00')], 2, /not an event kind/],
    ];
    for (const [steps, line, re] of cases) {
      const p = planLegacyHistory(received, new Date('2025-07-07T00:00:00Z'), steps, r, 'WIB');
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.line).toBe(line);
        expect(p.reason).toMatch(re);
        expect(rejectText(p, 'en')).toBe(p.reason);
      }
    }
  });
  it('a rejected step says why as a code with values, in Indonesian or English', () => {
    const p = planLegacyHistory(received, new Date('2025-07-07T00:00:00Z'), [step(2, 'forward', '2025-07-08T09:00:00+07:00', { to: 'DISHUB' })], r, 'WIB');
    expect(p.ok).toBe(false);
    if (p.ok) return;
    // The status is a code: its label is the reader's language's, also in the English text import_rejects keeps (issue 12).
    expect([p.field, p.code, p.params]).toEqual(['kind', 'event_wrong_state', { status: 'received', kind: 'forward', allowed: 'with_institution' }]);
    expect(rejectText(p, 'en')).toBe('the complaint is received (Unverified); forward is possible only when it is with_institution');
    expect(p.reason).toBe(rejectText(p, 'en'));
    expect(rejectText(p, 'id')).toBe('pengaduan berstatus received (Belum Terverifikasi); forward hanya mungkin bila berstatus with_institution');
    // A reason stored by an earlier version carried the Indonesian label as a value: it reads in the reader's language too.
    const stored = { code: 'event_wrong_state', params: { status: 'closed', label: 'Selesai', kind: 'close', allowed: 'responded' } } as const;
    expect(rejectText(stored, 'en')).toBe('the complaint is closed (Closed); close is possible only when it is responded');
    // The life-cycle's own refusals carry their rule's code: each is worded for an imported line, in either language (issue 12)
    const refused = (steps: ReturnType<typeof step>[], res: Resolvers = r) => {
      const x = planLegacyHistory(received, new Date('2025-07-07T00:00:00Z'), steps, res, 'WIB');
      if (x.ok) throw new Error('expected a rejected history');
      expect(x.reason).toBe(rejectText(x, 'en'));
      return [x.line, x.field, x.code, rejectText(x, 'id'), rejectText(x, 'en')];
    };
    const verify = step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '32.73' });
    expect(refused([step(2, 'archive', '2025-07-08T09:00:00+07:00')])).toEqual([2, 'reason', 'event_needs_reason',
      'archive memerlukan alasan (kolom reason)', 'archive needs a reason (the reason column)']);
    expect(refused([verify, step(3, 'respond', '2025-07-09T09:00:00+07:00')])).toEqual([3, 'text', 'event_needs_text',
      'respond memerlukan isi (kolom text)', 'respond needs a text (the text column)']);
    expect(refused([step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '51.71' }), step(3, 'return', '2025-07-09T09:00:00+07:00', { reason: 'x' }),
      step(4, 'dispose', '2025-07-10T09:00:00+07:00', { to: '51.71' })])).toEqual([4, 'to', 'event_returned_by_target',
      'instansi 51.71 sudah mengembalikan pengaduan T sebagai Bukan Wewenang; disposisikan ke instansi lain',
      'institution 51.71 returned complaint T as Bukan Wewenang; dispose it to another institution']);
    const pending: Resolvers = { ...r, institution: (c) => (c === '11.01' ? { id: 3, code: '11.01', status: 'pending' } : r.institution(c)) };
    expect(refused([step(2, 'verify', '2025-07-08T09:00:00+07:00', { to: '11.01' })], pending)).toEqual([2, 'to', 'event_institution_inactive',
      'instansi 11.01 belum memiliki tim pengelola pengaduan yang terdaftar (status pending); daftarkan SK-nya dulu',
      'institution 11.01 has no registered complaint team (status pending); register its decree first']);
    const closedUnit: Resolvers = { ...r, unit: (i, c) => { const u = r.unit(i, c); return u && { ...u, active: false }; } };
    expect(refused([verify, step(3, 'forward', '2025-07-09T09:00:00+07:00', { to: 'DISHUB' })], closedUnit)).toEqual([3, 'to', 'event_unit_inactive',
      'unit kerja DISHUB sudah nonaktif', 'unit DISHUB is inactive']);
    // A reason stored by an earlier version had only the life-cycle's English message: it is said to be the life-cycle's in both languages.
    const old = { code: 'event_refused', params: { message: 'archive needs a reason (--reason TEXT)' } } as const;
    expect([rejectText(old, 'id'), rejectText(old, 'en')]).toEqual([
      'ditolak siklus hidup pengaduan: archive needs a reason (--reason TEXT)', 'refused by the complaint life cycle: archive needs a reason (--reason TEXT)']);
    const kind = planLegacyHistory(received, new Date('2025-07-07T00:00:00Z'), [step(2, 'teleport', '2025-07-08T09:00:00+07:00')], r, 'WIB');
    expect(!kind.ok && [kind.code, rejectText(kind, 'id')]).toEqual(['event_unknown_kind', expect.stringMatching(/^'teleport' bukan jenis peristiwa/)]);
  });
});
