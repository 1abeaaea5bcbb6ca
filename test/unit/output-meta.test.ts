import { describe, expect, it } from 'vitest';
import { metaText } from '../../src/cli/output/model.js';
import { fill, L } from '../../src/i18n/index.js';

/** Issue 12: documents for people show local times with their zone; JSON and CSV keep ISO 8601. */
describe('meta values in documents for people', () => {
  it('an instant is shown in local time with the zone its offset names', () => {
    expect(metaText('2026-11-30T12:00:00+07:00', 'id')).toBe('30-11-2026 12.00 WIB');
    expect(metaText('2026-11-30T12:00:00+08:00', 'en')).toBe('30-11-2026 12.00 WITA');
    expect(metaText('2026-11-30T23:30:00+09:00', 'id')).toBe('30-11-2026 23.30 WIT');
    // UTC (or another offset) is shown in WIB, the national default
    expect(metaText('2026-11-30T17:30:00Z', 'id')).toBe('01-12-2026 00.30 WIB');
  });

  it('a meta value that is a code of a vocabulary is labelled (report sla --by)', () => {
    expect(metaText('institution', 'id', 'by')).toBe('instansi');
    expect(metaText('channel', 'en', 'by')).toBe('channel');
    expect(metaText('channel', 'id', 'by')).toBe('kanal');
  });

  it('dates, codes and text are left as they are or labelled', () => {
    expect(metaText('2026-11-30', 'id')).toBe('2026-11-30');
    expect(metaText('32.73', 'id')).toBe('32.73');
    expect(metaText(true, 'id')).not.toBe('true');
  });
});

describe('labels with placeholders', () => {
  it('every catalogue label names the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, pair] of Object.entries(L)) {
      expect(pair.id.trim(), key).not.toBe('');
      expect(names(pair.id), key).toEqual(names(pair.en));
    }
  });
  it('fill puts numbers and text in both languages, and a label in its own language', () => {
    expect(fill(L.removed_and_kept, { removed: 3, verb: L.would_be_removed, kept: 1 })).toEqual({
      id: '3 pengaduan akan dihapus, 1 dipertahankan', en: '3 complaint(s) would be removed, 1 kept',
    });
    expect(fill(L.sla_compliance_by, { group: L.channel_2 })).toEqual({ id: 'Kepatuhan SLA per kanal', en: 'SLA compliance by channel' });
  });
});

