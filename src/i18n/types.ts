export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];
/** A label in both languages. */
export interface Pair {
  readonly id: string;
  readonly en: string;
}
/** Text shown to people: a plain string (data, names) or a label in both languages. */
export type Text = string | Pair;
