/**
 * Group AHP details (issue 16 item 4): each expert's CR, the expert departing most, and the judgement to change.
 */
import { describe, expect, it } from 'vitest';
import { ahp } from '../../../src/scoring/weights/ahp.js';
import { consistencyRepair, groupAhpDetails, SAATY_SCALE } from '../../../src/scoring/weights/ahp-group.js';
import { repairRecord, repairSentence } from '../../../src/scoring/weights/ahp-report.js';

/**
 * CR of a 3 × 3 reciprocal matrix in closed form (Saaty 1980): with c = a12·a23/a13, λmax = 1 + c^(1/3) + c^(−1/3),
 * CI = (λmax − 3)/2, CR = CI/0.58 (Saaty's RI for n = 3). Independent of the power iteration in ahp.ts.
 */
const crOf3 = (a12: number, a23: number, a13: number) => {
  const c = (a12 * a23) / a13;
  return (Math.cbrt(c) + 1 / Math.cbrt(c) - 2) / 2 / 0.58;
};

describe('consistencyRepair', () => {
  // a12 = 3, a23 = 2, a13 = 1/2: c = 12, CR = 0.98 by the closed form. Any one of the three judgements made
  // consistent (a12 = 1/4, a23 = 1/6 or a13 = 6, each a factor 12 away) gives CR 0: the tie goes to a12 (row order).
  // Nearest acceptable a12 below 3 on the scale: 2 (c = 8, CR 0.43), 1 (c = 4, CR 0.187), 1/2 (c = 2, CR 0.0463 < 0.10).
  const m = [
    [1, 3, 1 / 2],
    [1 / 3, 1, 2],
    [2, 1 / 2, 1],
  ];
  const r = consistencyRepair(m)!;

  it('finds the judgement and the values', () => {
    expect(ahp(m).cr).toBeCloseTo(crOf3(3, 2, 1 / 2), 8);
    expect(r).toMatchObject({ row: 0, col: 1, given: 3 });
    expect(r.crBefore).toBeCloseTo(crOf3(3, 2, 1 / 2), 8);
    expect(r.best.value).toBeCloseTo(1 / 4, 12);
    expect(r.best.cr).toBeLessThan(1e-9);
    expect(r.acceptable!.value).toBeCloseTo(1 / 2, 12);
    expect(r.acceptable!.cr).toBeCloseTo(crOf3(1 / 2, 2, 1 / 2), 8);
    expect(crOf3(1, 2, 1 / 2)).toBeGreaterThan(0.1); // so 1 is not yet acceptable
  });

  it('no other single change on the scale lowers CR further', () => {
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        for (const v of SAATY_SCALE) {
          const t = m.map((row) => [...row]);
          t[i][j] = v;
          t[j][i] = 1 / v;
          expect(ahp(t).cr).toBeGreaterThanOrEqual(r.best.cr - 1e-12);
        }
      }
    }
  });

  it('says it in one sentence, and nothing for n ≤ 2', () => {
    expect(repairSentence(repairRecord(r, ['A', 'B', 'C']))).toBe('changing A vs B from 3 to 1/2 brings CR to 0.046 (to 1/4: CR 0.000)');
    expect(consistencyRepair([[1, 3], [1 / 3, 1]])).toBeNull();
  });
});

describe('groupAhpDetails', () => {
  it('lists each expert\'s own CR and flags the one departing most from the group', () => {
    const consistent = [
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ];
    const inconsistent = [
      [1, 3, 1 / 2],
      [1 / 3, 1, 2],
      [2, 1 / 2, 1],
    ];
    const d = groupAhpDetails([consistent, consistent, inconsistent]);
    expect(d.experts.map((e) => e.expert)).toEqual([1, 2, 3]);
    expect(d.experts[0].cr).toBeLessThan(1e-9);
    expect(d.experts[2].cr).toBeCloseTo(crOf3(3, 2, 1 / 2), 8);
    expect(d.experts[0].repair).toBeNull();
    expect(d.experts[2].repair).toMatchObject({ row: 0, col: 1 });
    expect(d.mostDeparting).toBe(3);
    // The group matrix is the element-wise geometric mean; its CR is that of a12 = (2·2·3)^(1/3) etc.
    const g = (x: number[]) => Math.cbrt(x[0] * x[1] * x[2]);
    expect(d.group.cr).toBeCloseTo(crOf3(g([2, 2, 3]), g([2, 2, 2]), g([4, 4, 1 / 2])), 8);
  });

  it('measures departure as the mean squared log ratio to the group weights', () => {
    // 2 × 2: group a12 = (2·3·9)^(1/3) = 54^(1/3); w1/w2 = that. Departures ln²(a/54^(1/3)).
    const d = groupAhpDetails([[[1, 2], [1 / 2, 1]], [[1, 3], [1 / 3, 1]], [[1, 9], [1 / 9, 1]]]);
    const gm = Math.cbrt(54);
    [2, 3, 9].forEach((a, k) => expect(d.experts[k].departure).toBeCloseTo(Math.log(a / gm) ** 2, 10));
    expect(d.mostDeparting).toBe(3);
    expect(d.groupRepair).toBeNull();
  });
});

describe('group AHP details in the weighting record', () => {
  const consistent = [
    [1, 2, 4],
    [1 / 2, 1, 2],
    [1 / 4, 1 / 2, 1],
  ];
  const inconsistent = [
    [1, 3, 1 / 2],
    [1 / 3, 1, 2],
    [2, 1 / 2, 1],
  ];
  const kids = [
    { id: 'A', weight: null },
    { id: 'B', weight: null },
    { id: 'C', weight: null },
  ];
  it('carries every expert, the most departing one and, for an accepted inconsistent matrix, the repair', async () => {
    const { nodeWeights } = await import('../../../src/scoring/node-weights.js');
    const group = nodeWeights({ method: 'ahp', matrices: [consistent, consistent, inconsistent], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: true }, kids, []);
    expect(group.detail.experts!.map((e) => [e.expert, e.inconsistent, e.most_departing])).toEqual([
      [1, false, false],
      [2, false, false],
      [3, true, true],
    ]);
    expect(group.detail.most_departing_expert).toBe(3);
    expect(group.detail.experts![2].repair).toMatchObject({ row_id: 'A', col_id: 'B', given: 3 });
    expect(Object.keys(group.detail.experts![0].weights)).toEqual(['A', 'B', 'C']);
    const single = nodeWeights({ method: 'ahp', matrices: [inconsistent], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: true }, kids, []);
    expect(single.detail.experts).toBeUndefined();
    expect(single.detail.repair).toMatchObject({ row_id: 'A', col_id: 'B', acceptable_value: 0.5 });
    const fine = nodeWeights({ method: 'ahp', matrices: [consistent], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: false }, kids, []);
    expect(fine.detail.repair).toBeUndefined();
  });
});

describe('warnings for accepted inconsistency', () => {
  it('one per inconsistent expert and one per accepted inconsistent matrix, naming the change', async () => {
    const { nodeWeights } = await import('../../../src/scoring/node-weights.js');
    const { ahpWarnings } = await import('../../../src/scoring/weights/ahp-warnings.js');
    const consistent = [
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ];
    const inconsistent = [
      [1, 3, 1 / 2],
      [1 / 3, 1, 2],
      [2, 1 / 2, 1],
    ];
    const kids = ['A', 'B', 'C'].map((id) => ({ id, weight: null }));
    const group = nodeWeights({ method: 'ahp', matrices: [consistent, inconsistent], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: true }, kids, []);
    const single = nodeWeights({ method: 'ahp', matrices: [inconsistent], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: true }, kids, []);
    const w = ahpWarnings([
      { node: 'G', weights: {}, ...group.detail },
      { node: 'S', weights: {}, ...single.detail },
    ]);
    expect(w.map((x) => [x.code, x.where])).toEqual([
      ['ahp_expert_inconsistent', 'G'],
      ...(group.detail.repair ? [['ahp_inconsistent_accepted', 'G']] : []),
      ['ahp_inconsistent_accepted', 'S'],
    ]);
    expect(w[0].message).toMatch(/^G: expert 2's pairwise matrix has CR = 0\.\d{3} ≥ 0\.10; changing A vs B from 3 to 1\/2 brings CR to 0\.046/);
  });
});
