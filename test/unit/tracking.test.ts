import { describe, expect, it } from 'vitest';
import { isWellFormedTrackingId, trackingIdFromSequence } from '../../src/domain/tracking.js';

describe('tracking ids', () => {
  it('are 11 digits, unique over a range, and carry a check digit', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 20_000; n++) {
      const id = trackingIdFromSequence(n);
      expect(isWellFormedTrackingId(id)).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it('do not reveal their neighbours and catch a mistyped digit', () => {
    const a = trackingIdFromSequence(41);
    const b = trackingIdFromSequence(42);
    expect(Math.abs(Number(a) - Number(b))).toBeGreaterThan(1000);
    const typo = a.slice(0, 5) + String((Number(a[5]) + 1) % 10) + a.slice(6);
    expect(isWellFormedTrackingId(typo)).toBe(false);
  });
});
