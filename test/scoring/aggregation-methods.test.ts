/**
 * The table of aggregation methods (issue 13 item 1) is what the indicator system file, the scoring stage, the
 * uncertainty analysis and the method sheet read. Expected scores are the methods' own @examples
 * (src/scoring/aggregation/*.ts); the method sheet's words are the ones it printed before the table (the former
 * `geometricAggregation` labels of src/report/labels.ts).
 */
import { describe, expect, it } from 'vitest';
import { indicatorNodeSchema } from '../../src/config/indicator-schema.js';
import { AGGREGATIONS } from '../../src/robustness/uncertainty/settings.js';
import { nodeScore } from '../../src/scoring/aggregate-node.js';
import { AGGREGATION_IDS, AGGREGATION_METHODS, aggregationMethodById } from '../../src/scoring/aggregation/aggregation-methods.js';

const node = (aggregation: string) => ({
  id: 'n',
  name: 'n',
  aggregation,
  children: [{ id: 'a', name: 'a', metric: 'cases.on_time_rate' }],
});

describe('the aggregation methods table', () => {
  it('lists arithmetic (the default) then geometric', () => {
    expect(AGGREGATION_IDS).toEqual(['arithmetic', 'geometric']);
  });

  it('the schema accepts the listed methods and names them, in table order, for an unknown one', () => {
    for (const id of AGGREGATION_IDS) expect(indicatorNodeSchema.parse(node(id)).aggregation).toBe(id);
    const unknown = indicatorNodeSchema.safeParse(node('harmonic'));
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain(JSON.stringify(Object.keys(AGGREGATION_METHODS)));
  });

  it('the uncertainty analysis varies the aggregations of the table', () => {
    expect(AGGREGATIONS).toEqual(Object.keys(AGGREGATION_METHODS));
  });

  it("a node's score is its method's combine (the methods' @examples)", () => {
    expect(nodeScore([80, null, 50], [0.5, 0.3, 0.2])).toBeCloseTo(71.43, 2);
    expect(AGGREGATION_METHODS.arithmetic.combine([80, null, 50], [0.5, 0.3, 0.2])).toBeCloseTo(71.43, 2);
    expect(nodeScore([100, 25], [0.5, 0.5], 'geometric')).toBeCloseTo(50, 10);
    expect(AGGREGATION_METHODS.geometric.combine([100, 0], [0.5, 0.5])).toBeCloseTo(10, 10);
    for (const id of AGGREGATION_IDS) expect(nodeScore([null, null], [0.5, 0.5], id)).toBeNull();
  });

  it('the method sheet names a non-default aggregation in the words the table gives', () => {
    expect(aggregationMethodById('arithmetic')?.words).toBeUndefined();
    expect(aggregationMethodById('geometric')?.words).toEqual({
      zh: '加权几何平均（下级指标得分低于 1 时按 1 计）',
      en: 'weighted geometric mean (child scores below 1 count as 1)',
    });
    expect(aggregationMethodById(undefined)).toBeUndefined();
  });
});
