import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';
import { openDb, type Db } from '../../src/db/engine.js';
import { parseDbTarget } from '../../src/db/url.js';

const DOC = path.resolve(import.meta.dirname, '../../docs/json.md');
const AS_OF = '2026-11-30T17:00:00+07:00';
const NOW = new Date('2027-01-04T10:00:00+07:00');

/** Every command with `--format json` that only reads, run on the demo's database: [command, arguments]. */
const COMMANDS: [string, string[]][] = [
  ['report sla', ['--as-of', AS_OF]],
  ['report sla', ['--by', 'unit', '--as-of', AS_OF]],
  ['report sla', ['--by', 'channel', '--as-of', AS_OF]],
  ['report monitoring', ['--institution', '32.73', '--as-of', AS_OF]],
  ['report overdue', ['--as-of', AS_OF, '--include-legacy']],
  ['report onboarding', ['--deadline', '2026-06-30']],
  ['complaint list', []],
  ['complaint list', ['--overdue']],
  ['complaint show', ['@first']],
  ['sla explain', ['@first', '--as-of', AS_OF]],
  ['sla sweep', ['--dry-run']],
  ['sla profile list', []],
  ['sla profile show', ['permenpan-62-2018']],
  ['import list', []],
  ['import show', ['1']],
  ['institution list', ['--registered']],
  ['institution show', ['32.73']],
  ['unit list', ['--institution', '32.73']],
  ['officer list', ['--institution', '32.73']],
  ['route list', []],
  ['calendar list', ['--year', '2026']],
  ['db status', []],
];

/** The shape of a JSON document as lines: `meta: a, b`, `data[]: x, y`, `data.section[]: x, y`. */
function shape(doc: Record<string, unknown>): string[] {
  const lines = [`envelope: ${Object.keys(doc).join(', ')}`, `meta: ${Object.keys(doc.meta as object).join(', ')}`];
  const keysOf = (rows: unknown[]) => [...new Set(rows.flatMap((r) => Object.keys(r as object)))].join(', ');
  if (Array.isArray(doc.data)) lines.push(`data[]: ${keysOf(doc.data)}`);
  else for (const [k, v] of Object.entries(doc.data as object)) lines.push(Array.isArray(v) ? `data.${k}[]: ${keysOf(v)}` : `data.${k}`);
  return lines;
}

function docShapes(): Map<string, string[]> {
  const text = fs.readFileSync(DOC, 'utf8');
  const block = text.split('<!-- keys:begin -->')[1]?.split('<!-- keys:end -->')[0] ?? '';
  const out = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of block.split('\n')) {
    const h = line.match(/^### `lapor (.+)`$/);
    if (h) out.set(h[1], (cur = []));
    const l = line.match(/^- `([^`]+)`$/);
    if (l && cur) cur.push(l[1]);
  }
  return out;
}

describe('the JSON contract (docs/json.md)', () => {
  let dir: string;
  let db: Db;
  let first: string;
  const got = new Map<string, { id: string[]; en: string[] }>();
  beforeAll(async () => {
    dir = path.join(tempDir('lapor-json-'), 'demo');
    const r = await runMain(['demo', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    db = await openDb(parseDbTarget(`pglite:${dir}/db`, {}));
    first = (await db.knex('complaints').orderBy('id').first('tracking_id')).tracking_id;
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('every command prints one envelope whose keys do not depend on --lang, and docs/json.md lists them', async () => {
    for (const [command, args] of COMMANDS) {
      const argv = [...command.split(' '), ...args.map((a) => (a === '@first' ? first : a))];
      const name = [command, ...args.filter((a) => ['--by', 'unit', 'channel', '--overdue'].includes(a))].join(' ');
      const runs: Record<string, string[]> = {};
      for (const lang of ['id', 'en']) {
        const r = await runMain(['--as', 'adminnas', '--lang', lang, ...argv, '--format', 'json'], { db, now: NOW });
        expect(r.code, `${name} ${lang}: ${r.stderr}`).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.schema_version, name).toBe(1);
        expect(doc.lang).toBe(lang);
        expect(doc.command, name).toBe(command);
        runs[lang] = shape(doc);
      }
      expect(runs.en, `${name}: keys differ between --lang id and en`).toEqual(runs.id);
      got.set(name, { id: runs.id, en: runs.en });
    }
    if (process.env.LAPOR_WRITE_JSON_DOC === '1') {
      const body = [...got].map(([n, s]) => `### \`lapor ${n}\`\n\n${s.id.map((l) => `- \`${l}\``).join('\n')}\n`).join('\n');
      const text = fs.readFileSync(DOC, 'utf8');
      const [pre, rest] = text.split('<!-- keys:begin -->');
      fs.writeFileSync(DOC, `${pre}<!-- keys:begin -->\n\n${body}\n<!-- keys:end -->${rest.split('<!-- keys:end -->')[1]}`);
    }
    const documented = docShapes();
    expect([...documented.keys()]).toEqual([...got.keys()]);
    for (const [n, s] of got) expect(documented.get(n), n).toEqual(s.id);
  }, 300_000);

  it('a result object (complaint add) comes in the same envelope', async () => {
    const r = await runMain(['--as', 'adminnas', 'complaint', 'add', '--title', 'Lampu jalan mati', '--body', 'Jl. Merdeka gelap',
      '--channel', 'web', '--format', 'json'], { db });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['schema_version', 'command', 'lang', 'title', 'meta', 'warnings', 'data']);
    expect(doc.command).toBe('complaint add');
    expect(doc.data.trackingId ?? doc.data.tracking_id).toMatch(/^\d{11}$/);
  });
});
