/**
 * The table of leaf scoring methods (issue 13 item 1) is what the indicator system file, the config rules, the
 * scoring stage and the report read: every listed method parses, scores and has words in both report languages.
 * Expected scores are the methods' own @examples (src/scoring/leaf/*.ts).
 */
import { describe, expect, it } from 'vitest';
import { scoringSchema } from '../../src/config/indicator-schema.js';
import type { LeafScoring } from '../../src/model/indicator-system.js';
import { LEAF_METHODS, leafMethodOf } from '../../src/scoring/leaf/leaf-methods.js';

const EXAMPLES: Record<string, LeafScoring> = {
  threshold: { method: 'threshold', floor: 0.6, target: 0.95 },
  minmax: { method: 'minmax' },
  ratio_to_best: { method: 'ratio_to_best' },
  zscore: { method: 'zscore' },
  rank: { method: 'rank' },
  identity: { method: 'identity' },
  grade: { method: 'grade', table: { 优: 100, 良: 80 } },
};

describe('the leaf scoring methods table', () => {
  it('the schema accepts exactly the listed methods, in the table order', () => {
    for (const spec of Object.values(EXAMPLES)) expect(scoringSchema.parse(spec)).toEqual(spec);
    expect(scoringSchema.parse('minmax')).toEqual({ method: 'minmax' });
    const unknown = scoringSchema.safeParse({ method: 'median_ratio' });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain(JSON.stringify(Object.keys(LEAF_METHODS)));
  });

  it('each method scores through the table and describes itself in zh and en', () => {
    const [t, missing] = leafMethodOf(EXAMPLES.threshold).score(EXAMPLES.threshold, 'benefit', [0.88, null]);
    expect(t).toBeCloseTo(80, 9);
    expect(missing).toBeNull();
    expect(leafMethodOf(EXAMPLES.minmax).score(EXAMPLES.minmax, 'benefit', [2, 4, 6])).toEqual([0, 50, 100]);
    for (const spec of Object.values(EXAMPLES)) {
      const words = leafMethodOf(spec).describe(spec, false);
      expect(words.zh.length).toBeGreaterThan(0);
      expect(words.en.length).toBeGreaterThan(0);
    }
    expect(leafMethodOf(EXAMPLES.grade).describe(EXAMPLES.grade, false)).toEqual({ zh: '按等级对照表计分: 优 100, 良 80', en: 'grade table: 优 100, 良 80' });
  });
});
