import { describe, expect, it } from 'vitest';
import { exitCodeForPgError } from '../../src/errors.js';

describe('SQLSTATE → exit code, in one place (issue 14 item 9)', () => {
  it.each([
    ['42501', 77], ['25006', 77], // a write through the read-only role, a read-only transaction
    ['22021', 65], ['22P05', 65], ['22003', 65], ['23505', 65], ['23503', 65],
    ['XX000', 69], ['XX001', 69], ['58030', 69], ['57P01', 69], ['53100', 69], ['08006', 69], ['28P01', 69], ['3D000', 69],
    ['40001', 75], ['40P01', 75], ['55P03', 75],
    ['42P01', 1], ['42703', 1], [undefined, 1],
  ] as const)('%s → %i', (code, exit) => {
    expect(exitCodeForPgError(code)).toBe(exit);
  });
});
