/**
 * "Did you mean": the nearest known institution code to a mistyped one. A kode wilayah typed
 * without its dot (3273 → 32.73), a K/L in lower case or cut short (kemenpan → KEMENPANRB), or
 * one or two characters off.
 */
export function suggestInstitutionCode(typed: string, codes: readonly string[]): string | undefined {
  const t = typed.trim();
  if (t === '') return undefined;
  const upper = t.toUpperCase();
  const exact = codes.find((c) => c.toUpperCase() === upper);
  if (exact) return exact;
  const digits = t.replace(/\D/g, '');
  if (/^[\d.\s-]+$/.test(t) && (digits.length === 2 || digits.length === 4)) {
    const dotted = digits.length === 4 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : digits;
    if (codes.includes(dotted)) return dotted;
  }
  const prefix = codes.filter((c) => c.toUpperCase().startsWith(upper) && upper.length >= 4);
  if (prefix.length === 1) return prefix[0];
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of codes) {
    const d = distance(upper, c.toUpperCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) { best = c; bestD = d; }
  }
  return bestD <= Math.min(2, Math.floor(upper.length / 2)) ? best : undefined;
}

/** Levenshtein distance (small strings). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
