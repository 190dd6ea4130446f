/**
 * Invariants of the scoring stage on random indicator trees and random data (fast-check):
 * every score in 0..100, local weights of each node sum to 1, global weights of the leaves sum to 1, the order
 * of the units changes no score or rank, and the compact model reproduces every total with the base weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveIndicatorSystem } from '../../src/config/indicator-system.js';
import { buildWeightModel, computeTotals } from '../../src/robustness/weight-model.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { propertyParams } from '../helpers/property-params.js';
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

/** A veto rule `v` read from the ratings (> 0 fires) and how vetoed units rank (design §6.3). */
type VetoSpec = { ratings: (number | null)[]; rank: 'last' | 'keep' | 'none' };

function score(roots: Node[], values: (number | null)[][], order: number[], veto?: VetoSpec): AssessmentResult {
  const units = order.map((u) => `U${u}`);
  const custom = Object.fromEntries(METRICS.map((id, m) => [id, order.map((u) => values[m][u])]));
  const data = toData(roots) as Record<string, unknown>;
  if (veto) Object.assign(data, { veto: [{ id: 'v', name: '一票否决' }], veto_rank: veto.rank });
  return scoreAssessment({
    system: resolveIndicatorSystem(data, 'random.yaml'),
    systemFile: { path: 'random.yaml', sha256: '' },
    assessment: null,
    metrics: buildMetrics({ units, custom, ...(veto ? { ratings: { v: order.map((u) => veto.ratings[u]) } } : {}) }),
    version: 'test',
    generatedAt: '2026-10-08T00:00:00',
  });
}

/** Every unit has the same rank, grade, total and scores in both results, and the results list the units alike. */
function expectSameByUnit(a: AssessmentResult, b: AssessmentResult): void {
  const byUnit = new Map(b.units.map((u) => [u.unit, u]));
  for (const u of a.units) {
    const v = byUnit.get(u.unit)!;
    expect(v.rank).toBe(u.rank);
    expect(v.rank_note).toBe(u.rank_note);
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
      propertyParams(200),
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
      propertyParams(200),
    );
  });

  it('the order of the units changes no score, total or rank', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values, permutation }) => {
        expectSameByUnit(score(roots, values, values[0].map((_, u) => u)), score(roots, values, permutation));
      }),
      propertyParams(150),
    );
  });

  it('the order of the units changes nothing with vetoes present, under every veto_rank', () => {
    const withVetoes = caseArb.chain((c) =>
      fc.record({
        c: fc.constant(c),
        veto: fc.record({
          ratings: fc.array(fc.option(fc.constantFrom(0, 1), { nil: null }), { minLength: c.permutation.length, maxLength: c.permutation.length }),
          rank: fc.constantFrom('last' as const, 'keep' as const, 'none' as const),
        }),
      }),
    );
    fc.assert(
      fc.property(withVetoes, ({ c: { roots, values, permutation }, veto }) => {
        const a = score(roots, values, values[0].map((_, u) => u), veto);
        expectSameByUnit(a, score(roots, values, permutation, veto));
        // and the rule itself: under `last` no vetoed unit ranks before a unit without a veto
        if (veto.rank === 'last') {
          const worstClear = Math.max(0, ...a.units.filter((u) => u.rank !== null && u.vetoes.length === 0).map((u) => u.rank!));
          for (const u of a.units) if (u.vetoes.length > 0 && u.rank !== null) expect(u.rank).toBeGreaterThan(worstClear);
        }
      }),
      propertyParams(100),
    );
  });

  it('regression (issue 12): the CI counterexample of seed 1834149431, a metric of [2.1e-109, 0, 0]', () => {
    // fast-check's shrunk counterexample, as printed by the failing clean-clone CI run.
    const leaf = (metric: number, scoring: string, direction: 'benefit' | 'cost', missing: string, weight: number): Leaf => ({ kind: 'leaf', metric, scoring, direction, missing, weight });
    const group = (weighting: string, weight: number, children: Node[]): Group => ({ kind: 'group', weighting, weight, children });
    const roots: Node[] = [
      group('direct', 4.524101704688944, [
        group('critic', 1.5377715706510777, [leaf(0, 'identity', 'cost', 'renormalize', 0.9888266786828313), leaf(3, 'threshold', 'benefit', 'renormalize', 0.7652140183866332)]),
        group('combined', 5.680883769820281, [
          group('stdev', 3.35543288114912, [
            leaf(3, 'minmax', 'cost', 'renormalize', 0.1877038701132812),
            leaf(2, 'identity', 'cost', 'zero', 0.49968363373181385),
            leaf(3, 'ratio_to_best', 'benefit', 'zero', 0.33071557227252746),
          ]),
          group('entropy', 1.4101293321774466, [leaf(3, 'zscore', 'benefit', 'average', 3.9720153758134407)]),
        ]),
        leaf(3, 'threshold', 'cost', 'renormalize', 3.3630146382289787),
      ]),
    ];
    const values = [[null, null, null], [null, null, null], [null, null, null], [2.128979920004076e-109, 0, 0]];
    expectSameByUnit(score(roots, values, [0, 1, 2]), score(roots, values, [1, 2, 0]));
  });

  it('the weight model (robustness/weight-model.ts) with the base weights reproduces every total', () => {
    fc.assert(
      fc.property(caseArb, ({ roots, values }) => {
        const r = score(roots, values, values[0].map((_, u) => u));
        const model = buildWeightModel(r);
        const out = new Float64Array(model.unitCount);
        computeTotals(model, model.baseWeights, out);
        const total = new Map(r.units.map((u) => [u.unit, u.total]));
        model.unitIds.forEach((id, k) => expect(out[k]).toBeCloseTo(total.get(id)!, 9));
      }),
      propertyParams(200),
    );
  });
});
