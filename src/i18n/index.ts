/**
 * The one catalogue of user-facing labels (issue 12): Bahasa Indonesia by default, English with
 * `--lang en` or LAPOR_LANG=en. Pure data and pure functions; nothing here reads the environment.
 */
import type { Lang, Pair, Text } from './types.js';
import { CHANNEL, CLASS, COMPLAINT_FIELD, DAY_IN_SENTENCE, EVENT, HOLIDAY_KIND, IMPORT_STATUS, INSTITUTION_KIND, INSTITUTION_STATUS, META, RETURN_KIND, ROLE, STATE, STATUS, STOP_VERB, TIMER, UI, VALUE, WEEKDAY, WEEKDAY_SHORT } from './vocab.js';
import { L } from './labels.js';

export type { Lang, Pair, Text } from './types.js';
export { LANGS } from './types.js';
export { CHANNEL, CLASS, COMPLAINT_FIELD, DAY_IN_SENTENCE, EVENT, HOLIDAY_KIND, IMPORT_STATUS, INSTITUTION_KIND, INSTITUTION_STATUS, META, RETURN_KIND, ROLE, STATE, STATUS, STOP_VERB, TIMER, UI, VALUE, WEEKDAY, WEEKDAY_SHORT } from './vocab.js';
export { L } from './labels.js';

/** `report sla --by`: the dimension a report is grouped by (meta `by`, and the group column's header). */
export const GROUP_BY = { institution: L.institution, unit: L.unit, province: L.province, class: L.class, channel: L.channel_2 } as const;

/** Meta values that are codes of a vocabulary, by meta key: people read their labels. */
export const META_VALUE: Readonly<Record<string, Readonly<Record<string, Pair>>>> = {
  by: GROUP_BY,
  mapping: { '(default)': VALUE.default_mapping },
  legacy: { included: VALUE.included, excluded: VALUE.excluded },
};

/** Every vocabulary by name, for tests and docs. */
export const VOCABULARIES = { STATUS, CLASS, CHANNEL, COMPLAINT_FIELD, EVENT, TIMER, STATE, IMPORT_STATUS, ROLE, RETURN_KIND, INSTITUTION_KIND, INSTITUTION_STATUS, META, VALUE, UI, WEEKDAY, WEEKDAY_SHORT, HOLIDAY_KIND, STOP_VERB, DAY_IN_SENTENCE } as const;

/** A text in one language (a plain string is data and stays as it is). */
export function t(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

/** The label of a code in a vocabulary, or the code itself when the vocabulary does not know it. */
export function label(vocab: Readonly<Record<string, Pair>>, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined) return '';
  return Object.prototype.hasOwnProperty.call(vocab, code) ? vocab[code][lang] : code;
}

/** `--lang` / LAPOR_LANG: 'id' or 'en' (a regional variant such as en_US.UTF-8 counts); undefined otherwise. */
export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'id' || v.startsWith('id_') || v.startsWith('id-')) return 'id';
  if (v === 'en' || v.startsWith('en_') || v.startsWith('en-')) return 'en';
  return undefined;
}

/** A text made the same way in each language: `perLang((lang) => …)`. */
export function perLang(make: (lang: Lang) => string): Pair {
  return { id: make('id'), en: make('en') };
}

/**
 * A label with placeholders filled in both languages: a Pair for a report's title or note. A value
 * that is itself a Pair (a label) is filled in with its own text in each language.
 */
export function fill(text: Pair, values: Record<string, string | number | Pair>): Pair {
  const inLang = (lang: Lang) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
  return perLang((lang) => fmt(text, lang, inLang(lang)));
}

/** A title, with " (dry run, nothing written)" after it on a dry run. */
export function withDryRun(title: Pair, dryRun: boolean): Pair {
  return dryRun ? perLang((lang) => title[lang] + L.dry_run_nothing_written[lang]) : title;
}

/** An import summary's check that every row read is accounted for. */
export function readIdentity(s: { read: number; inserted: number; duplicates: number; rejected: number }, insertedLabel: Pair): Pair {
  return fill(L.read_identity, { read: s.read, inserted: s.inserted, duplicates: s.duplicates, rejected: s.rejected, inserted_label: insertedLabel });
}

/** A label with placeholders: `fmt(L.x, lang, { n: 3 })` replaces `{n}`. */
export function fmt(text: Text, lang: Lang, values: Record<string, string | number>): string {
  return t(text, lang).replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
