import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of DESIGN §10, checked on the source: which module imports which. Every `import`,
 * `export … from` and `import('…')` with a relative specifier counts, type-only imports too (a
 * type that points up the house is still a seam). The same graph gives the cycle check that
 * `npx madge --circular --extensions ts src` would give, without the dependency.
 */
const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/**
 * src-relative path (e.g. `db/engine.ts`) → the modules it imports (src-relative; `../migrations/…`
 * for the migrations beside src). `runtimeOnly` leaves out `import type` and `export type`, which
 * vanish in the build and so cannot make a cycle at run time.
 */
export function importGraph(opts: { runtimeOnly?: boolean } = {}): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    const deps: string[] = [];
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue;
      if (opts.runtimeOnly && /^\s*(import|export)\s+type\s/.test(m[0].replace(/^[;\s]+/, ''))) continue;
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      deps.push(path.relative(SRC, target));
    }
    graph.set(path.relative(SRC, file), [...new Set(deps)]);
  }
  return graph;
}

/** Strongly connected components with more than one module (or a self-import): the cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const layer = (file: string) => file.split(path.sep)[0];

describe('layers (DESIGN §10)', () => {
  const graph = importGraph();

  it('sees the whole source tree and resolves every relative import to a file', () => {
    expect(graph.size).toBeGreaterThan(100);
    const missing = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => !graph.has(d) && !fs.existsSync(path.join(SRC, d))).map((d) => `${f} → ${d}`));
    expect(missing).toEqual([]);
    // The scanner finds static, re-export and dynamic imports alike.
    expect(graph.get('cli/main.ts')).toContain('errors.ts');
    expect(graph.get('commands/index.ts')).toContain('commands/init/index.ts');
  });

  it('src/db, src/domain and src/usecases import nothing from src/cli or src/commands', () => {
    const upward = [...graph].flatMap(([f, deps]) =>
      ['db', 'domain', 'usecases'].includes(layer(f)) ? deps.filter((d) => ['cli', 'commands', 'demo'].includes(layer(d))).map((d) => `${f} → ${d}`) : []);
    expect(upward).toEqual([]);
  });

  it('src/domain is pure: it imports neither the database layer nor the use cases', () => {
    const impure = [...graph].flatMap(([f, deps]) =>
      layer(f) === 'domain' ? deps.filter((d) => ['db', 'usecases'].includes(layer(d))).map((d) => `${f} → ${d}`) : []);
    expect(impure).toEqual([]);
  });

  it('src/db imports no use case (use cases sit above the queries)', () => {
    const up = [...graph].flatMap(([f, deps]) =>
      layer(f) === 'db' ? deps.filter((d) => layer(d) === 'usecases').map((d) => `${f} → ${d}`) : []);
    expect(up).toEqual([]);
  });

  it('no import cycle at run time except the demo, which runs commands through main (demo → main → commands → demo)', () => {
    const found = cycles(importGraph({ runtimeOnly: true })).filter((scc) => !scc.some((f) => f.startsWith('demo/') || f.startsWith('commands/demo/')));
    expect(found).toEqual([]);
  });

  it('type-only cycles: only the known one between policy and the life-cycle (Action is the life-cycle\'s vocabulary)', () => {
    const typeOnly = cycles(graph).filter((scc) => !scc.some((f) => f.startsWith('demo/') || f.startsWith('commands/demo/')));
    expect(typeOnly).toEqual([['domain/lifecycle.ts', 'domain/policy.ts']]);
  });

  it('the cycle finder finds a planted cycle', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
