/**
 * Account usernames for the people a decree names: `budi.santoso` from "Dr. H. Budi Santoso,
 * S.Kom., M.Si.", de-duplicated with a numeric suffix (`budi.santoso2`). Pure.
 */
import { bareName } from './decree.js';

const USERNAME_RE = /^[a-z][a-z0-9._-]{2,39}$/;

export function isValidUsername(u: string): boolean {
  return USERNAME_RE.test(u);
}

/** The username a name gives before de-duplication: first and last word, ASCII, lower case. */
export function baseUsername(name: string): string {
  const words = bareName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Drop leading digits (a name never starts with one, but a typo might).
  while (words.length > 0 && /^\d/.test(words[0])) words.shift();
  let base = words.length === 0 ? 'officer' : words.length === 1 ? words[0] : `${words[0]}.${words[words.length - 1]}`;
  if (base.length > 36) base = base.slice(0, 36).replace(/[._-]+$/, '');
  if (base.length < 3) base = `${base}.id`;
  return base;
}

/** The first of base, base2, base3… that `taken` does not hold. */
export function uniqueUsername(name: string, taken: (username: string) => boolean): string {
  const base = baseUsername(name);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken(candidate)) return candidate;
  }
}
