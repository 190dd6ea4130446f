// Every `@example call // → expected` line in the doc comments of the numeric modules (statistics, rating helpers,
// weighting and ranking methods)
// is evaluated here, so the examples in the documentation cannot drift from the code. The expected value
// is compared to the precision it is written with (0.7326 → within 0.00005).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modules = [
  'src/stats/average-ranks.ts',
  'src/stats/kendall-w.ts',
  'src/stats/cronbach-alpha.ts',
  'src/stats/trimmed-mean.ts',
  'src/stats/margin-of-error.ts',
  'src/stats/fuzzy-evaluation.ts',
  'src/metrics/ratings.ts',
  'src/scoring/weights/ahp.ts',
  'src/scoring/weights/entropy.ts',
  'src/scoring/weights/critic.ts',
  'src/scoring/weights/stdev.ts',
  'src/scoring/weights/combined.ts',
  'src/scoring/topsis.ts',
  'src/scoring/vikor.ts',
  'src/scoring/grey-relational.ts',
  'src/scoring/rank-sum-ratio.ts',
  'src/stats/normal-quantile.ts',
  'src/robustness/sobol-indices.ts',
  'src/scoring/weights/ahp-group.ts',
  'src/scoring/wsm.ts',
  'src/scoring/competition-rank.ts',
  'src/scoring/round-total.ts',
  'src/scoring/aggregate-node.ts',
];

const root = fileURLToPath(new URL('../', import.meta.url));

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function expectClose(actual: unknown, expectedText: string): void {
  const trimmed = expectedText.trim();
  if (trimmed === 'null') return expect(actual).toBeNull();
  if (trimmed.startsWith('[')) {
    const parts = trimmed.slice(1, -1).split(',').map((p) => p.trim());
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(parts.length);
    parts.forEach((p, i) => expectClose((actual as unknown[])[i], p));
    return;
  }
  const expected = Number(trimmed);
  expect(Number.isFinite(expected), `cannot read expected value ${trimmed}`).toBe(true);
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(0.5 * 10 ** -decimals(trimmed) + 1e-12);
}

describe.each(modules)('@example lines of %s', (path) => {
  const source = readFileSync(root + path, 'utf8');
  const examples = [...source.matchAll(/@example (.+?) \/\/ → (.+)$/gm)].map((m) => ({ call: m[1], expected: m[2] }));

  it('has at least one example', () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples)('$call → $expected', async ({ call, expected }) => {
    const mod = (await import(root + path)) as Record<string, unknown>;
    const names = Object.keys(mod);
    const actual = new Function(...names, `return (${call});`)(...names.map((n) => mod[n]));
    expectClose(actual, expected);
  });
});
