import type { Lang, Section } from '../../cli/output/index.js';
import type { Pair } from '../../i18n/index.js';
import { L } from '../../i18n/index.js';
import { rejectText, type RejectReason } from '../../i18n/rejects.js';

/** The first rejects of an import (complaints or events), as its summary's section: line, field, reason in the run's language, its code. */
export function firstRejectsSection(title: Pair, rejects: ReadonlyArray<RejectReason & { line: number; field: string | null }>, lang: Lang,
  notes: Pair[] = []): Section {
  return {
    name: 'rejects',
    title,
    columns: [
      { key: 'line', header: L.line, type: 'int' },
      { key: 'field', header: L.field_2 },
      { key: 'reason', header: L.reason },
      { key: 'reason_code', header: L.reason_code },
    ],
    rows: rejects.map((r) => ({ line: r.line, field: r.field, reason: rejectText(r, lang), reason_code: r.code })),
    ...(notes.length ? { notes } : {}),
  };
}
