/**
 * The layering of issue 13 item 4: the model (src/types.ts and src/model/) sits below config, scoring and report, and
 * the engine reads the resolved indicator system from the model, never from the config loader. Read from the source
 * text, so a new import that breaks the rule fails here before it becomes a cycle.
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

/** file (relative to src/, e.g. `scoring/leaf/minmax.ts`) → the src files it imports, type-only imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1])).replace(/\.js$/, '.ts'),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const graph = importGraph();
const importersOf = (prefix: string, target: (t: string) => boolean) =>
  [...graph].flatMap(([file, targets]) => (file.startsWith(prefix) ? targets.filter(target).map((t) => `${file} → ${t}`) : []));

describe('the model layer (issue 13 item 4)', () => {
  it('src/model imports nothing but src/types.ts and itself', () => {
    expect(importersOf('model/', (t) => t !== 'types.ts' && !t.startsWith('model/'))).toEqual([]);
  });

  it('src/types.ts imports nothing from src (the findings types ↔ types cycle is gone)', () => {
    expect(graph.get('types.ts')).toEqual([]);
  });

  it('scoring, findings and report do not import the config loader', () => {
    const config = (t: string) => t.startsWith('config/');
    expect([...importersOf('scoring/', config), ...importersOf('findings/', config), ...importersOf('report/', config)]).toEqual([]);
  });
});
