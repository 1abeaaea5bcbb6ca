import { jsonValue, tr, cellZone, type Lang, type Report, type Row, type Section } from './model.js';
import { label } from '../../i18n/index.js';

/**
 * The JSON contract (docs/json.md): one envelope for every command, English keys whatever the
 * language, codes beside their labels (`"timer": "verification", "timer_label": "Verifikasi"`).
 * Bump SCHEMA_VERSION when a key is renamed or removed (adding one is compatible).
 */
export const SCHEMA_VERSION = 1;

export interface Envelope {
  schema_version: number;
  command: string;
  lang: Lang;
  title: string | null;
  meta: Record<string, unknown>;
  warnings: string[];
  data: unknown;
}

export function envelope(command: string, lang: Lang, data: unknown, extra: { title?: string; meta?: Record<string, unknown>; warnings?: string[] } = {}): Envelope {
  return {
    schema_version: SCHEMA_VERSION,
    command,
    lang,
    title: extra.title ?? null,
    meta: extra.meta ?? {},
    warnings: extra.warnings ?? [],
    data,
  };
}

export function rowsToJson(section: Section, lang: Lang): Row[] {
  return section.rows.map((r) => {
    const o: Row = {};
    for (const c of section.columns) {
      const v = r[c.key];
      o[c.key] = jsonValue(v, cellZone(r, c));
      if (c.vocab) o[`${c.key}_label`] = typeof v === 'string' ? label(c.vocab, v, lang) : null;
    }
    return o;
  });
}

const stringify = (e: Envelope) => JSON.stringify(e, null, 2) + '\n';

/** A list: `data` is an array of objects keyed by column key. */
export function renderSectionJson(section: Section, lang: Lang, command: string, warnings: string[] = []): string {
  return stringify(envelope(command, lang, rowsToJson(section, lang), { title: tr(section.title, lang), warnings }));
}

/** A report: `data` is an object of sections, each an array of rows. */
export function renderReportJson(report: Report, lang: Lang, command: string): string {
  return stringify(envelope(command, lang,
    Object.fromEntries(report.sections.map((s) => [s.name, rowsToJson(s, lang)])),
    { title: tr(report.title, lang), meta: report.meta ?? {}, warnings: (report.warnings ?? []).map((w) => tr(w, lang)) }));
}

/** A command's result object (register, transition, init …): `data` is that object. */
export function renderResultJson(data: unknown, lang: Lang, command: string, warnings: string[] = []): string {
  return stringify(envelope(command, lang, data, { warnings }));
}
