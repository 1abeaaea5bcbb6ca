import { UsageError } from '../errors.js';

/** The largest count any option takes (--limit, --overdue-limit, …): beyond it, a usage error. */
export const MAX_COUNT_OPTION = 1_000_000;

/**
 * A whole-number option, in one home: digits only (no sign, no exponent), at least `min`, at most
 * `max` (default 1,000,000). `--limit 99999999999999999999` and `--overdue-limit -1` are exit 2.
 */
export function parseCountOption(flag: string, v: string, opts: { min?: number; max?: number } = {}): number {
  const min = opts.min ?? 1;
  const max = opts.max ?? MAX_COUNT_OPTION;
  if (!/^\d{1,16}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`${flag} '${v}' must be a whole number from ${min} to ${max.toLocaleString('en-US')}`);
  }
  return Number(v);
}

/** The earliest instant an `--as-of` may name: SP4N-LAPOR! and its calendar start long after. */
export const EARLIEST_AS_OF = new Date('2000-01-01T00:00:00+07:00');

/** Refuses an --as-of before 2000 (exit 2): a typo such as 0026-03-01, never a real question. */
export function assertAsOfInRange(flag: string, raw: string, at: Date): Date {
  if (at.getTime() < EARLIEST_AS_OF.getTime()) {
    throw new UsageError(`${flag} ${raw} is before 2000-01-01: lapor keeps no calendar that early (a typo in the year?)`);
  }
  return at;
}
