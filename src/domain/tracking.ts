/**
 * Tracking ids: opaque numeric strings. The n-th id comes from a bijection of the sequence number
 * over 9 digits (so consecutive complaints do not get guessable neighbouring ids) plus a Luhn
 * check digit (so a mistyped id is caught before it is looked up).
 */
const SPACE = 1_000_000_000n;
// Coprime with 10^9 (a power of 3), so n → (n·A + C) mod 10^9 is a bijection.
const A = 387_420_489n;
const C = 104_729_017n;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The tracking id of sequence value n (1 ≤ n < 10^9): 11 digits, never starting with 0. */
export function trackingIdFromSequence(n: number): string {
  if (!Number.isInteger(n) || n < 1 || BigInt(n) >= SPACE) throw new RangeError(`sequence value out of range: ${n}`);
  const body = ((BigInt(n) * A + C) % SPACE).toString().padStart(9, '0');
  // A leading 1–9 keeps it a number when a spreadsheet reads it.
  const lead = String(1 + (n % 9));
  const digits = lead + body;
  return digits + String(luhnCheckDigit(digits));
}

export function isWellFormedTrackingId(id: string): boolean {
  return /^[1-9]\d{10}$/.test(id) && luhnCheckDigit(id.slice(0, 10)) === Number(id[10]);
}
