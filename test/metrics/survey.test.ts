import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, ConfigError } from '../../src/errors.js';
import { computeSurvey } from '../../src/metrics/survey.js';
import type { MetricSettings, SatisfactionLevel, SurveyResponse } from '../../src/types.js';

/** Design §5 defaults (100/80/60/40/20; 5, 4, 3 satisfied) with three items in two dimensions. */
function settings(overrides: Partial<MetricSettings['survey']> = {}): MetricSettings {
  return {
    timeLimits: {} as MetricSettings['timeLimits'],
    satisfaction: { levelScores: { 5: 100, 4: 80, 3: 60, 2: 40, 1: 20 }, satisfiedLevels: [5, 4, 3] },
    survey: {
      items: [
        { id: 'q1', dimension: 'service', weight: 2 },
        { id: 'q2', dimension: 'service', weight: 1 },
        { id: 'q3', dimension: 'environment', weight: 1 },
      ],
      minN: 5,
      ...overrides,
    },
    ratings: { scale: {}, aggregate: 'mean', perIndicator: {} },
    custom: [],
  };
}

type Answer = SatisfactionLevel | null;
function response(row: number, unit: string, weight: number, q1: Answer, q2: Answer, q3: Answer): SurveyResponse {
  return { row, unit, respondentId: `r${row}`, weight, answers: { q1, q2, q3 } };
}

// Unit A: four respondents who answered something and one who answered nothing; B: one; C: only a blank one.
const responses: SurveyResponse[] = [
  response(2, 'A', 1, 5, 4, 4), //  100 80 80  → (2·100 + 80 + 80)/4 = 90
  response(3, 'A', 1, 4, null, 3), // 80  —  60 → (2·80 + 60)/3 = 73.333333 (weights renormalised over q1, q3)
  response(4, 'A', 2, 3, 3, 2), //  60 60 40  → (2·60 + 60 + 40)/4 = 55, respondent weight 2
  response(5, 'A', 1, 5, 5, 4), //  100 100 80 → (200 + 100 + 80)/4 = 95
  response(6, 'A', 1, null, null, null), // no valid answer: not counted
  response(7, 'B', 1, 1, 2, null), // 20 40 —  → (2·20 + 40)/3 = 26.666667
  response(8, 'C', 1, null, null, null),
];

describe('computeSurvey', () => {
  const result = computeSurvey(responses, settings());
  const a = result.units.A;

  it('index: item-weighted respondent scores, then the respondent-weighted mean', () => {
    // (90 + 73.333333 + 2·55 + 95) / (1 + 1 + 2 + 1) = 368.333333/5 = 73.666667
    expect(a.n).toBe(4);
    expect(a.index).toBeCloseTo(73.666667, 5);
  });

  it('rate: weighted share of valid answers in levels 5, 4, 3', () => {
    // satisfied/valid answers per respondent: 3/3, 2/2, 2/3 (weight 2), 3/3 → (3 + 2 + 2·2 + 3)/(3 + 2 + 2·3 + 3) = 12/14
    expect(a.rate).toBeCloseTo(12 / 14, 10);
  });

  it('moe: weighted margin of error over respondent scores', () => {
    // scores 90, 73.333, 55, 95 with weights 1, 1, 2, 1: n_eff = 25/7 = 3.571429, x̄_w = 73.666667
    // Σw(x − x̄)² = 266.778 + 0.111 + 2·348.444 + 455.111 = 1418.889; /Σw = 283.778
    // s²_w = 283.778 · n_eff/(n_eff − 1) = 394.136; MOE = 1.96·√(394.136/3.571429) = 20.590080
    expect(a.moe).toBeCloseTo(20.59008, 4);
  });

  it('alpha over all items, respondents with a missing item left out', () => {
    // complete rows (rows 2, 4, 5): [100 80 80], [60 60 40], [100 100 80]
    // item variances 533.333 + 400 + 533.333 = 1466.667; totals 260, 160, 280 → variance 4133.333
    // α = 3/2 · (1 − 1466.667/4133.333) = 0.967742
    expect(a.alpha).toBeCloseTo(0.967742, 5);
  });

  it('item means are respondent-weighted over those who answered', () => {
    // q1: (100 + 80 + 2·60 + 100)/5 = 80; q2: (80 + 2·60 + 100)/4 = 75; q3: (80 + 60 + 2·40 + 80)/5 = 60
    expect(a.items.q1).toBeCloseTo(80, 10);
    expect(a.items.q2).toBeCloseTo(75, 10);
    expect(a.items.q3).toBeCloseTo(60, 10);
  });

  it('dimensions: index and alpha over their own items', () => {
    // service (q1 weight 2, q2 weight 1): 93.333, 80 (q1 only), 60 (weight 2), 100 → 393.333/5 = 78.666667
    expect(a.dimensions.service.index).toBeCloseTo(78.666667, 5);
    // service alpha on rows 2, 4, 5: variances 533.333 + 400; totals 180, 120, 200 → 1733.333
    // α = 2 · (1 − 933.333/1733.333) = 0.923077
    expect(a.dimensions.service.alpha).toBeCloseTo(0.923077, 5);
    // environment has one item: index = its item mean, alpha needs k ≥ 2
    expect(a.dimensions.environment.index).toBeCloseTo(60, 10);
    expect(a.dimensions.environment.alpha).toBeNull();
  });

  it('flags n below the minimum', () => {
    expect(a.lowN).toBe(true); // 4 < 5
    expect(computeSurvey(responses, settings({ minN: 4 })).units.A.lowN).toBe(false);
  });

  it('one respondent: index but no margin of error or alpha', () => {
    const b = result.units.B;
    expect(b.n).toBe(1);
    expect(b.index).toBeCloseTo(26.666667, 5);
    expect(b.rate).toBe(0); // levels 1 and 2 are not satisfied
    expect(b.moe).toBeNull();
    expect(b.alpha).toBeNull();
    expect(b.items.q3).toBeNull();
  });

  it('a unit with no valid answer appears with nulls', () => {
    expect(result.units.C).toEqual({
      n: 0,
      index: null,
      rate: null,
      moe: null,
      lowN: true,
      alpha: null,
      items: { q1: null, q2: null, q3: null },
      dimensions: { service: { index: null, alpha: null }, environment: { index: null, alpha: null } },
    });
    expect(Object.keys(result.units)).toEqual(['A', 'B', 'C']);
  });

  it('overall: the same over every respondent', () => {
    const o = result.overall;
    // n = 4 (A) + 1 (B); index (368.333333 + 26.666667)/6 = 65.833333
    expect(o.n).toBe(5);
    expect(o.index).toBeCloseTo(65.833333, 5);
    // rate (12 + 0)/(14 + 2) = 0.75
    expect(o.rate).toBeCloseTo(0.75, 10);
    // complete rows are still rows 2, 4, 5 (row 7 lacks q3)
    expect(o.alpha).toBeCloseTo(0.967742, 5);
    // q1 (400 + 20)/6 = 70; q2 (300 + 40)/5 = 68
    expect(o.items.q1).toBeCloseTo(70, 10);
    expect(o.items.q2).toBeCloseTo(68, 10);
    expect(result.minN).toBe(5);
    expect(result.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('uses the configured level scores and satisfied levels', () => {
    const s = settings();
    s.satisfaction = { levelScores: { 5: 10, 4: 8, 3: 6, 2: 4, 1: 2 }, satisfiedLevels: [5, 4] };
    const r = computeSurvey(responses, s).units.A;
    expect(r.index).toBeCloseTo(7.3666667, 6); // a tenth of 73.666667
    // satisfied answers now only 5 and 4: 3/3, 1/2, 0/3 (weight 2), 3/3 → 7/14
    expect(r.rate).toBeCloseTo(0.5, 10);
  });

  it('without configured items uses every answer key, equally weighted', () => {
    const r = computeSurvey(responses, settings({ items: [] }));
    // respondent row 2: (100 + 80 + 80)/3 = 86.666667 etc.; only check the item list and one unit
    expect(r.items).toEqual([
      { id: 'q1', dimension: null, weight: 1 },
      { id: 'q2', dimension: null, weight: 1 },
      { id: 'q3', dimension: null, weight: 1 },
    ]);
    // B: (20 + 40)/2 = 30
    expect(r.units.B.index).toBeCloseTo(30, 10);
    expect(r.units.B.dimensions).toEqual({});
  });

  it('an empty survey has an empty overall result', () => {
    const r = computeSurvey([], settings());
    expect(r.units).toEqual({});
    expect(r.overall.n).toBe(0);
    expect(r.overall.index).toBeNull();
  });

  it('rejects a weight that is not positive, with its row', () => {
    const bad = [response(9, 'A', 0, 5, 5, 5)];
    expect(() => computeSurvey(bad, settings())).toThrow(DataError);
    try {
      computeSurvey(bad, settings());
    } catch (e) {
      expect((e as DataError).location).toEqual({ row: 9, column: 'weight' });
    }
    expect(() => computeSurvey([response(9, 'A', NaN, 5, 5, 5)], settings())).toThrow(DataError);
  });

  it('rejects a negative item weight as a configuration error', () => {
    const s = settings({ items: [{ id: 'q1', dimension: null, weight: -1 }] });
    expect(() => computeSurvey(responses, s)).toThrow(ConfigError);
  });

  const level = fc.option(fc.constantFrom<SatisfactionLevel>(1, 2, 3, 4, 5), { freq: 4 });
  const surveys = fc
    .array(
      fc.record({
        unit: fc.constantFrom('A', 'B', 'C'),
        weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
        q1: level,
        q2: level,
        q3: level,
      }),
      { maxLength: 40 },
    )
    .map((rows) => rows.map((r, i) => response(i + 2, r.unit, r.weight, r.q1, r.q2, r.q3)));

  it('index lies within [min level score, max level score] (property)', () => {
    fc.assert(
      fc.property(surveys, (rs) => {
        const r = computeSurvey(rs, settings());
        return [r.overall, ...Object.values(r.units)].every(
          (u) => u.index === null || (u.index >= 20 - 1e-9 && u.index <= 100 + 1e-9),
        );
      }),
    );
  });

  it('permuting the responses changes nothing (property)', () => {
    fc.assert(
      fc.property(surveys, fc.func(fc.integer()), (rs, key) => {
        const shuffled = [...rs].sort((x, y) => key(x.row) - key(y.row) || x.row - y.row);
        expect(computeSurvey(shuffled, settings())).toEqual(computeSurvey(rs, settings()));
      }),
    );
  });
});
