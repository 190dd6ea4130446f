/**
 * The table of weighting methods (issue 13 item 1) is what the indicator system file, the scoring stage,
 * `govscore weights` and the report read. Expected weights are the methods' own @examples
 * (src/scoring/weights/*.ts).
 */
import { describe, expect, it } from 'vitest';
import { weightsSpecSchema } from '../../src/config/indicator-schema.js';
import { nodeWeights } from '../../src/scoring/node-weights.js';
import { MATRIX_WEIGHT_METHOD_IDS, WEIGHT_METHODS, weightMethodById, weightMethodsWithRole } from '../../src/scoring/weights/weight-methods.js';

describe('the weighting methods table', () => {
  it('the schema accepts the listed methods and names them, in table order, for an unknown one', () => {
    for (const id of ['direct', 'entropy', 'critic', 'stdev']) expect(weightsSpecSchema.parse(id)).toEqual({ method: id });
    expect(weightsSpecSchema.parse({ method: 'combined', subjective: 'direct', objective: 'critic' })).toEqual({
      method: 'combined',
      subjective: { method: 'direct' },
      objective: { method: 'critic' },
    });
    const unknown = weightsSpecSchema.safeParse({ method: 'gini' });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain(JSON.stringify(Object.keys(WEIGHT_METHODS)));
  });

  it("a combined weighting's parts are of the right role: a subjective part is direct or ahp, an objective one data-driven", () => {
    expect(weightMethodsWithRole('subjective').map((m) => m.id)).toEqual(['direct', 'ahp']);
    expect(weightMethodsWithRole('objective').map((m) => m.id)).toEqual(['entropy', 'critic', 'stdev']);
    expect(weightsSpecSchema.safeParse({ method: 'combined', subjective: 'entropy', objective: 'critic' }).success).toBe(false);
    expect(weightsSpecSchema.safeParse({ method: 'combined', subjective: 'direct', objective: 'direct' }).success).toBe(false);
  });

  it('govscore weights offers the methods that weigh a units × indicators matrix, and each has a name in zh and en', () => {
    expect(MATRIX_WEIGHT_METHOD_IDS).toEqual(['entropy', 'critic', 'stdev']);
    for (const id of Object.keys(WEIGHT_METHODS)) {
      const m = weightMethodById(id)!;
      expect(m.name.zh.length * m.name.en.length).toBeGreaterThan(0);
    }
    // stdevWeights' @example: [[1, 10], [3, 13], [5, 16]] → [0.4, 0.6]
    const w = nodeWeights({ method: 'stdev' }, [{ id: 'a', weight: null }, { id: 'b', weight: null }], [[1, 10], [3, 13], [5, 16]]).weights;
    expect(w[0]).toBeCloseTo(0.4, 12);
    expect(w[1]).toBeCloseTo(0.6, 12);
  });
});
