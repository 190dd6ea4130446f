/**
 * The indicator system is read in three steps (issue 13 item 4: schema → normalise → rules): normalising fills
 * defaults and parses texts without judging the system as a whole; the rules then judge it, the AHP consistency
 * check by calling the AHP method of src/scoring/weights. The matrix below is the inconsistent one of
 * indicator-system.test.ts (CR = 1.585 with Saaty's RI for n = 3, worst cell (0, 1)).
 */
import { describe, expect, it } from 'vitest';
import { indicatorSystemSchema } from '../../src/config/indicator-schema.js';
import { normaliseIndicatorSystem } from '../../src/config/indicator-normalise.js';
import { checkIndicatorSystem } from '../../src/config/indicator-rules.js';
import { ConfigError } from '../../src/errors.js';

const leaf = (id: string) => ({ id, name: id, metric: 'cases.on_time_close_rate', scoring: { method: 'threshold', floor: 0.6, target: 0.95 } });
const raw = indicatorSystemSchema.parse({
  name: '测试',
  // A1 ≻ A2 (5), A2 ≻ A3 (3), but A3 ≻ A1 (3): circular.
  weights: { method: 'ahp', matrix: [[1, 5, '1/3'], ['1/5', 1, 3], [3, '1/3', 1]] },
  indicators: [leaf('A1'), leaf('A2'), leaf('A3')],
});

describe('indicator system in three steps', () => {
  it('normalise parses the judgements and fills defaults without judging consistency', () => {
    const system = normaliseIndicatorSystem(raw, 'sys.yaml');
    expect(system.weights).toMatchObject({ method: 'ahp', ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: false });
    expect(system.weights.method === 'ahp' && system.weights.matrices[0][0][2]).toBeCloseTo(1 / 3, 12);
    expect(system.grades.map((g) => g.label.zh)).toEqual(['优秀', '良好', '合格', '不合格']);
  });

  it('the rules reject the inconsistent matrix at the cell of its worst judgement', () => {
    const system = normaliseIndicatorSystem(raw, 'sys.yaml');
    let error: unknown;
    try {
      checkIndicatorSystem(system, 'sys.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).location.path).toBe('weights.matrix[0][1]');
    expect((error as ConfigError).message).toMatch(/^the pairwise matrix is inconsistent: CR = 1\.585 ≥ 0\.10/);
  });
});
