import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Where the data lives: the parsed form of `--db`, `DATABASE_URL` or the default data directory. */
export type DbTarget =
  | { kind: 'pglite'; dir: string }
  | { kind: 'memory' }
  | { kind: 'postgres'; url: string; schema?: string; searchPath?: string[] };

/** DESIGN §3: `$LAPOR_DATA_DIR`, else `$XDG_DATA_HOME/lapor`, else `~/.local/share/lapor`. */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.LAPOR_DATA_DIR) return path.resolve(env.LAPOR_DATA_DIR);
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'lapor');
  return path.join(env.HOME ?? os.homedir(), '.local', 'share', 'lapor');
}

/**
 * Parses a `--db` value. `postgres://…?schema=NAME` selects a schema (search_path) on the server,
 * which is how tests and `lapor demo` keep to a namespace of their own.
 */
export function parseDbTarget(value: string | undefined, env: NodeJS.ProcessEnv): DbTarget {
  const raw = value ?? env.DATABASE_URL;
  if (raw === undefined || raw === '') return { kind: 'pglite', dir: defaultDataDir(env) };
  if (raw === 'memory:' || raw === 'memory') return { kind: 'memory' };
  if (raw.startsWith('pglite:')) {
    const dir = raw.slice('pglite:'.length).replace(/^\/\/(?=\/)/, '');
    if (dir === '') throw new UsageError(`--db pglite: needs a directory, e.g. --db pglite:/var/lib/lapor`);
    return { kind: 'pglite', dir: path.resolve(dir) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UsageError(`--db: '${redactUrl(raw)}' is not a valid PostgreSQL URL (postgres://user@host:5432/dbname)`);
    }
    const schemaParam = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    // `schema=A` or `schema=A,B`: the second is searched after the first (the read-only role's
    // masked views first, then lapor's schema for its SQL functions).
    const schemas = schemaParam?.split(',');
    for (const schema of schemas ?? []) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema) || schemas!.length > 2) {
        throw new UsageError(`--db: schema '${schemaParam}' must be lower-case letters, digits and _ (at most 63), or two such names joined by a comma`);
      }
    }
    return { kind: 'postgres', url: url.toString(), schema: schemas?.[0], searchPath: schemas };
  }
  throw new UsageError(
    `--db: unknown database '${redactUrl(raw)}'; use postgres://user@host:5432/dbname, pglite:/path/to/dir or memory:`,
  );
}

/**
 * The text with every password in it replaced (DESIGN §9: secrets never reach output or logs),
 * whatever the form: `postgres://user:pw@host/db`, `user:pw@host/db` without a scheme,
 * `?password=pw` (or `sslpassword=`, `pass=`) in a query string, libpq's `password=pw` keywords.
 */
export function redactUrl(raw: string): string {
  return raw
    .replace(/[^\s'"()]+/g, (word) => {
      const m = word.match(/^([a-z][a-z0-9+.-]*:\/\/|[a-z_]+=)?([^:/@?#]*):(?!\/\/)(.*)@([^@]*)$/i);
      // user:password@host — with or without a scheme; the password runs to the last @.
      return m ? `${m[1] ?? ''}${m[2]}:***@${m[4]}` : word;
    })
    .replace(/(^|[?&;\s'"])((?:ssl)?pass(?:word|wd)?)=(?:'[^']*'|[^&;\s'"]*)/gi, '$1$2=***');
}

/** The literal passwords in a --db value or DATABASE_URL, so that main can mask them anywhere. */
export function secretsIn(raw: string | undefined): string[] {
  if (!raw) return [];
  const out: string[] = [];
  const m = raw.match(/^([a-z][a-z0-9+.-]*:\/\/)?([^\s:/@?#]*):(?!\/\/)([^\s]*)@[^\s@]*$/i);
  if (m) out.push(m[3], safeDecode(m[3]));
  for (const q of raw.matchAll(/(?:^|[?&;\s])(?:ssl)?pass(?:word|wd)?=([^&;\s]*)/gi)) if (q[1]) out.push(q[1], safeDecode(q[1]));
  // Shorter ones would garble ordinary words; the URL forms above still mask them in any URL.
  return [...new Set(out)].filter((x) => x.length >= 4);
}

/** `text` with every password form masked, and every literal secret of `sources` as well. */
export function redactSecrets(text: string, sources: (string | undefined)[]): string {
  let out = redactUrl(text);
  for (const src of sources) for (const secret of secretsIn(src)) out = out.split(secret).join('***');
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A short, password-free name for messages: `postgres 127.0.0.1:5432/test` or `pglite /path`. */
export function describeTarget(t: DbTarget): string {
  if (t.kind === 'memory') return 'pglite (in memory)';
  if (t.kind === 'pglite') return `pglite ${t.dir}`;
  const u = new URL(t.url);
  return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}${t.schema ? ` schema ${t.schema}` : ''}`;
}
