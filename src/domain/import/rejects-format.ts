/**
 * The shape of a rejects file (see src/usecases/import/rejects.ts): the source's header plus
 * trailing `_line,_field,_reason`, and cells neutralised against spreadsheet formulas. Pure.
 */
export const REJECT_COLUMNS_TRAILER = ['_line', '_field', '_reason'] as const;

/** A cell a spreadsheet would evaluate (= + - @, or a leading tab/CR) gets a leading `'`. */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The reverse of neutraliseCell, for a file read back as a rejects file. */
export function restoreNeutralised(s: string): string {
  return s.length > 1 && s.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** True when a header ends with the rejects file's trailer (case-insensitive). */
export function isRejectsHeader(header: readonly string[]): boolean {
  if (header.length < REJECT_COLUMNS_TRAILER.length + 1) return false;
  const tail = header.slice(-REJECT_COLUMNS_TRAILER.length).map((h) => h.trim().toLowerCase());
  return tail.every((h, i) => h === REJECT_COLUMNS_TRAILER[i]);
}
