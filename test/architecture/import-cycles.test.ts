/**
 * The import graph of src/ has no cycle (issue 13: "the import graph has no cycle"). Before issue 13 §3 there were
 * two: cli.ts ↔ commands/metrics.ts (InputOptions lived in cli.ts) and io/mapping.ts ↔ io/mapped-values.ts (the
 * canonical fields and the mapping schema lived beside the code that calls the value checks). Every import counts:
 * static, type-only, re-exports and the lazy `import()` of the command modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/version.js';

const SRC = join(PACKAGE_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** file → the src files it imports (relative specifiers only; `.js` names the `.ts` source). */
export function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const spec = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const targets = [...text.matchAll(spec)].map((m) => resolve(dirname(f), m[1]).replace(/\.js$/, '.ts')).filter((t) => known.has(t));
    graph.set(f, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
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
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
    ]);
    expect(cycles(g)).toEqual([['a', 'b']]);
  });

  it('has no cycle', () => {
    const found = cycles(importGraph(sourceFiles(SRC))).map((c) => c.map((f) => relative(PACKAGE_ROOT, f)));
    expect(found).toEqual([]);
  });

  it('cli.ts only wires: no module imports it', () => {
    const cli = join(SRC, 'cli.ts');
    const importers = [...importGraph(sourceFiles(SRC))].filter(([, to]) => to.includes(cli)).map(([f]) => relative(PACKAGE_ROOT, f));
    expect(importers).toEqual([]);
  });
});
