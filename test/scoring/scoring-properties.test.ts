/**
 * Invariants of the scoring stage on random indicator trees and random data (fast-check):
 * every score in 0..100, local weights of each node sum to 1, global weights of the leaves sum to 1, the order
 * of the units changes no score or rank, and the compact model reproduces every total with the base weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveIndicatorSystem } from '../../src/config/indicator-system.js';
import { buildScoringModel, scoreWithWeights } from '../../src/scoring/model.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import type { AssessmentResult } from '../../src/types.js';
import { buildMetrics } from './metrics-fixture.js';

const METRICS = ['a', 'b', 'c', 'd'];
type Leaf = { kind: 'leaf'; metric: number; scoring: string; direction: 'benefit' | 'cost'; missing: string; weight: number };
type Group = { kind: 'group'; weighting: string; weight: number; children: Node[] };
type Node = Leaf | Group;

const weightArb = fc.double({ min: 0.1, max: 10, noNaN: true });
const tree = fc.letrec<{ node: Node; leaf: Leaf; group: Group }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('group')),
  leaf: fc.record({
    kind: fc.constant('leaf' as const),
    metric: fc.integer({ min: 0, max: METRICS.length - 1 }),
    scoring: fc.constantFrom('threshold', 'minmax', 'ratio_to_best', 'zscore', 'rank', 'identity'),
    direction: fc.constantFrom('benefit' as const, 'cost' as const),
    missing: fc.constantFrom('renormalize', 'zero', 'average'),
    weight: weightArb,
  }),
  group: fc.record({
    kind: fc.constant('group' as const),
    weighting: fc.constantFrom('direct', 'direct', 'entropy', 'critic', 'stdev', 'combined'),
    weight: weightArb,
    children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
  }),
}));

/** YAML-shaped data for a random tree; every node under a non-direct parent drops its weight. */
function toData(roots: Node[]): unknown {
  let next = 0;
  const conv = (n: Node, parentDirect: boolean): Record<string, unknown> => {
    const id = `N${next++}`;
    const base: Record<string, unknown> = { id, name: id, ...(parentDirect ? { weight: n.weight } : {}) };
    if (n.kind === 'leaf') {
      const cost = n.direction === 'cost';
      return {
        ...base,
        metric: `custom.${METRICS[n.metric]}`,
        direction: n.direction,
        missing: n.missing,
        scoring: n.scoring === 'threshold' ? { method: 'threshold', floor: cost ? 80 : 20, target: cost ? 20 : 80 } : n.scoring,
      };
    }
    const weights =
      n.weighting === 'combined' ? { method: 'combined', subjective: 'direct', objective: 'critic', alpha: 0.4 } : n.weighting;
    const childDirect = n.weighting === 'direct' || n.weighting === 'combined';
    return { ...base, weights, children: n.children.map((c) => conv(c, childDirect)) };
  };
  return {
    name: 'random',
    custom_metrics: METRICS.map((id) => ({ id, aggregate: 'count' })),
    indicators: roots.map((r) => conv(r, true)),
  };
}

const valueArb = fc.option(fc.double({ min: -20, max: 120, noNaN: true }), { nil: null, freq: 5 });
const caseArb = fc
  .record({
    roots: fc.array(tree.node, { minLength: 1, maxLength: 3 }),
    unitCount: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ roots, unitCount }) =>
    fc.record({
      roots: fc.constant(roots),
      values: fc.array(fc.array(valueArb, { minLength: unitCount, maxLength: unitCount }), {
        minLength: METRICS.length,
        maxLength: METRICS.length,
      }),
      permutation: fc.shuffledSubarray([...Array(unitCount).keys()], { minLength: unitCount, maxLength: unitCount }),
    }),
  );

function score(roots: Node[], values: (number | null)[][], order: number[]): AssessmentResult {
  const units = order.map((u) => `U${u}`);
  const custom = Object.fromEntries(METRICS.map((id, m) => [id, order.map((u) => values[m][u])]));
  return scoreAssessment({
    system: resolveIndicatorSystem(toData(roots), 'random.yaml'),
    systemFile: { path: 'random.yaml', sha256: '' },
    assessment: null,
    metrics: buildMetrics({ units, custom }),
    version: 'test',
    generatedAt: '2026-10-08T00:00:00',
  });
}

describe('scoring invariants', () => {
  it('every score is in 0..100 (or null for a renormalized gap) and every total in 0..100', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values }) => {
        const r = score(roots, values, values[0].map((_, u) => u));
        for (const u of r.units) {
          // A unit with no value at all is not assessed: no total, grade or rank (design §6.3).
          if (!u.assessed) {
            expect([u.total, u.grade, u.rank]).toEqual([null, null, null]);
            continue;
          }
          expect(u.total).toBeGreaterThanOrEqual(0);
          expect(u.total).toBeLessThanOrEqual(100);
          for (const s of Object.values(u.indicators)) {
            if (s.score === null) continue;
            expect(s.score).toBeGreaterThanOrEqual(0);
            expect(s.score).toBeLessThanOrEqual(100 + 1e-9);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('local weights of every node sum to 1, and the leaves\' global weights sum to 1', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values }) => {
        const r = score(roots, values, values[0].map((_, u) => u));
        for (const w of r.weighting) {
          const sum = Object.values(w.weights).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(1, 9);
        }
        const leafSum = r.indicators.filter((i) => i.leaf).reduce((a, i) => a + i.global_weight, 0);
        expect(leafSum).toBeCloseTo(1, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('the order of the units changes no score, total or rank', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values, permutation }) => {
        const a = score(roots, values, values[0].map((_, u) => u));
        const b = score(roots, values, permutation);
        const byUnit = new Map(b.units.map((u) => [u.unit, u]));
        for (const u of a.units) {
          const v = byUnit.get(u.unit)!;
          expect(v.rank).toBe(u.rank);
          expect(v.grade).toBe(u.grade);
          if (u.total === null) expect(v.total).toBeNull();
          else expect(v.total).toBeCloseTo(u.total, 9);
          for (const [id, s] of Object.entries(u.indicators)) {
            if (s.score === null) expect(v.indicators[id].score).toBeNull();
            else expect(v.indicators[id].score).toBeCloseTo(s.score, 9);
          }
        }
        // the result lists units by rank then id, whatever the input order
        expect(b.units.map((u) => u.unit)).toEqual(a.units.map((u) => u.unit));
      }),
      { numRuns: 150 },
    );
  });

  it('scoreWithWeights with the base weights reproduces every total', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values }) => {
        const r = score(roots, values, values[0].map((_, u) => u));
        const model = buildScoringModel(r);
        const out = new Float64Array(model.units.length);
        scoreWithWeights(model, model.baseWeights, out);
        r.units.forEach((u, k) => u.total !== null && expect(out[k]).toBeCloseTo(u.total, 9));
      }),
      { numRuns: 200 },
    );
  });
});
