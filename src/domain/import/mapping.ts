/**
 * The mapping file of `lapor import complaints --map FILE` (YAML or JSON): which source column
 * feeds which field, how source values translate to our vocabularies, defaults, and the time zone
 * of naive timestamps. docs/import.md documents it; `defaultMapping` serves a plain export whose
 * headers are our field names. Pure: text in, a compiled mapping or a list of problems out.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { isZone, type Zone } from '../time.js';
import { compileValueMap, normalizeChannel, normalizeClass, normalizeStatus, vocabKey, type ValueMap } from './values.js';
import type { DateOrder } from './dates.js';

export const FIELDS = [
  'external_id', 'received_at', 'channel', 'class', 'category', 'title', 'body', 'region_code',
  'reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email', 'anonymous', 'confidential',
  'status', 'disposed_at', 'unit', 'forwarded_at', 'responded_at', 'response', 'closed_at', 'archived_at',
  'archive_reason',
] as const;
export type Field = (typeof FIELDS)[number];

/** Fields every row must end up with (from a column or a default). */
export const REQUIRED_FIELDS: readonly Field[] = ['received_at', 'channel', 'class', 'body'];

const columnSpec = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const fieldEnum = z.enum(FIELDS);

const mappingSchema = z.strictObject({
  description: z.string().optional(),
  institution: z.string().min(1).optional(),
  time_zone: z.string().refine(isZone, 'must be WIB, WITA or WIT').optional(),
  date_order: z.enum(['dmy', 'mdy', 'ymd']).optional(),
  encoding: z.enum(['auto', 'utf8', 'windows-1252', 'utf16le']).optional(),
  delimiter: z.enum(['auto', ',', ';', 'tab', '\t', '|']).optional(),
  received_by_institution: z.boolean().optional(),
  columns: z.partialRecord(fieldEnum, columnSpec).optional(),
  values: z.strictObject({
    channel: z.record(z.string(), z.string()).optional(),
    class: z.record(z.string(), z.string()).optional(),
    status: z.record(z.string(), z.string()).optional(),
  }).optional(),
  defaults: z.partialRecord(fieldEnum, z.union([z.string(), z.boolean()])).optional(),
});
export type MappingFile = z.infer<typeof mappingSchema>;

export interface Mapping {
  description?: string;
  institution?: string;
  timeZone?: Zone;
  dateOrder: DateOrder;
  encoding?: 'auto' | 'utf8' | 'windows-1252' | 'utf16le';
  delimiter?: string;
  receivedByInstitution: boolean;
  /** field → source column header(s); several are joined with a space (a date and a time column). */
  columns: Partial<Record<Field, string[]>>;
  values: { channel: ValueMap; class: ValueMap; status: ValueMap };
  defaults: Partial<Record<Field, string>>;
  /** True for the built-in mapping: each field is read from the column of its own name, if present. */
  isDefault: boolean;
}

export class MappingError extends Error {
  constructor(message: string, readonly problems: string[]) {
    super(message);
  }
}

/** The mapping of a plain export: headers are the field names (any case); nothing else assumed. */
export function defaultMapping(): Mapping {
  return {
    dateOrder: 'dmy',
    receivedByInstitution: true,
    columns: Object.fromEntries(FIELDS.map((f) => [f, [f]])),
    values: { channel: new Map(), class: new Map(), status: new Map() },
    defaults: {},
    isDefault: true,
  };
}

/** Parses and checks a mapping file's text (YAML, of which JSON is a subset); throws on any problem. */
export function parseMapping(text: string, name = 'mapping'): Mapping {
  const { mapping, problems } = parseMappingLenient(text, name);
  if (problems.length) throw new MappingError(`${name} has ${problems.length} problem(s)`, problems);
  return mapping;
}

function issueText(i: z.core.$ZodIssue): string {
  const where = i.path.length ? i.path.join('.') : '(top level)';
  if (i.code === 'unrecognized_keys') {
    return i.path.length === 1 && (i.path[0] === 'columns' || i.path[0] === 'defaults')
      ? `${where}: unknown field(s) ${i.keys.join(', ')}; fields are ${FIELDS.join(', ')}`
      : `${where}: unknown key(s) ${i.keys.join(', ')}`;
  }
  if (i.code === 'invalid_key' || i.code === 'invalid_value') return `${where}: ${i.message}; fields are ${FIELDS.join(', ')}`;
  return `${where}: ${i.message}`;
}

/** Removes what an issue points at, so the rest of the file can still be checked. False when it cannot. */
function strip(doc: Record<string, unknown>, i: z.core.$ZodIssue): boolean {
  let at: unknown = doc;
  const path = [...i.path];
  if (i.code === 'unrecognized_keys') {
    for (const k of path) at = (at as Record<PropertyKey, unknown>)?.[k as PropertyKey];
    if (!at || typeof at !== 'object') return false;
    for (const k of i.keys) delete (at as Record<string, unknown>)[k];
    return true;
  }
  if (path.length === 0) return false;
  const last = path.pop()!;
  for (const k of path) at = (at as Record<PropertyKey, unknown>)?.[k as PropertyKey];
  if (!at || typeof at !== 'object' || !(last as PropertyKey in (at as object))) return false;
  delete (at as Record<PropertyKey, unknown>)[last as PropertyKey];
  return true;
}

/**
 * Parses a mapping and returns every problem it has at once, with the mapping built from the parts
 * that are right (a wrong key does not hide a wrong column name: the header check runs on the
 * rest). Throws MappingError only when the text is not YAML/JSON or not an object.
 */
export function parseMappingLenient(text: string, name = 'mapping'): { mapping: Mapping; problems: string[] } {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { prettyErrors: true });
  } catch (err) {
    throw new MappingError(`${name} is not valid YAML or JSON`, [(err as Error).message.split('\n')[0]]);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new MappingError(`${name} must be a YAML/JSON object with at least a "columns" section`, []);
  }
  const problems: string[] = [];
  // An empty section (`values:` with only comments under it, as `import map --init` writes) is null in YAML.
  const d = doc as Record<string, unknown>;
  for (const k of ['columns', 'values', 'defaults']) if (d[k] === null) delete d[k];
  if (d.values && typeof d.values === 'object') {
    const v = d.values as Record<string, unknown>;
    for (const k of Object.keys(v)) if (v[k] === null) delete v[k];
  }
  let parsed = mappingSchema.safeParse(doc);
  for (let round = 0; !parsed.success && round < 20; round++) {
    let stripped = false;
    for (const i of parsed.error.issues) {
      problems.push(issueText(i));
      stripped = strip(doc as Record<string, unknown>, i) || stripped;
    }
    if (!stripped) throw new MappingError(`${name} has ${problems.length} problem(s)`, problems);
    parsed = mappingSchema.safeParse(doc);
  }
  if (!parsed.success) throw new MappingError(`${name} has ${problems.length} problem(s)`, problems);
  const m = parsed.data;
  const defaults: Partial<Record<Field, string>> = {};
  for (const [k, v] of Object.entries(m.defaults ?? {}) as [Field, string | boolean][]) {
    defaults[k] = typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : v;
  }
  for (const f of REQUIRED_FIELDS) {
    if (!m.columns?.[f] && defaults[f] === undefined) problems.push(`${f}: map a column to it (columns.${f}) or give defaults.${f}`);
  }
  const vocab = { channel: normalizeChannel, class: normalizeClass, status: normalizeStatus } as const;
  for (const [what, norm] of Object.entries(vocab) as [keyof typeof vocab, (t: string) => string | undefined][]) {
    for (const [from, to] of Object.entries(m.values?.[what] ?? {})) {
      if (!norm(to)) problems.push(`values.${what}: "${from}" → "${to}": "${to}" is not a ${what} (\`lapor import values\` lists them)`);
    }
    const d = defaults[what as Field];
    if (d !== undefined && !norm(d)) problems.push(`defaults.${what}: "${d}" is not a ${what} (\`lapor import values\` lists them)`);
  }
  const columns: Partial<Record<Field, string[]>> = {};
  for (const [k, v] of Object.entries(m.columns ?? {}) as [Field, string | string[]][]) columns[k] = Array.isArray(v) ? v : [v];
  const delimiter = m.delimiter === 'tab' ? '\t' : m.delimiter;
  const mapping: Mapping = {
    description: m.description,
    institution: m.institution,
    timeZone: m.time_zone as Zone | undefined,
    dateOrder: m.date_order ?? 'dmy',
    encoding: m.encoding,
    delimiter,
    receivedByInstitution: m.received_by_institution ?? true,
    columns,
    values: {
      channel: compileValueMap(m.values?.channel),
      class: compileValueMap(m.values?.class),
      status: compileValueMap(m.values?.status),
    },
    defaults,
    isDefault: false,
  };
  return { mapping, problems };
}

/** For each field, the header positions it reads (in order), or none. */
export type ColumnPlan = Partial<Record<Field, number[]>>;

function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Matches a mapping against a file's header line. Headers compare case-insensitively, with
 * surrounding spaces ignored. Problems: a mapped column missing from the header, a required field
 * with neither column nor default, a duplicated header that a field reads.
 */
export function planColumns(mapping: Mapping, header: string[]): { plan: ColumnPlan; problems: string[] } {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const k = headerKey(h);
    positions.set(k, [...(positions.get(k) ?? []), i]);
  });
  const plan: ColumnPlan = {};
  const problems: string[] = [];
  for (const field of FIELDS) {
    const cols = mapping.columns[field];
    if (!cols) continue;
    const idx: number[] = [];
    for (const c of cols) {
      const at = positions.get(headerKey(c));
      if (!at) {
        if (!mapping.isDefault) problems.push(`column "${c}" (for ${field}) is not in the header`);
        continue;
      }
      if (at.length > 1) problems.push(`column "${c}" (for ${field}) appears ${at.length} times in the header`);
      idx.push(at[0]);
    }
    if (idx.length) plan[field] = idx;
  }
  for (const f of REQUIRED_FIELDS) {
    // (a mapping file without column or default for a required field: parseMapping says so)
    if (!plan[f] && mapping.defaults[f] === undefined && mapping.isDefault) {
      problems.push(mapping.isDefault
        ? `no column "${f}" in the header: name the column so, or give a mapping file (--map) that says which column it is`
        : `${f}: the mapping gives neither a column nor a default`);
    }
  }
  return { plan, problems };
}

export { vocabKey };
