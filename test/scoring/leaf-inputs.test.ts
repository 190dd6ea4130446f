/**
 * Design §7.5 (issue 12): a leaf naming a rating id the given ratings file does not have is a configuration error
 * (unless `optional: true`); a leaf whose input was not given is missing with a warning; rating ids nobody reads are
 * one warning.
 */
import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { ConfigError } from '../../src/errors.js';
import { checkLeafInputs } from '../../src/scoring/leaf-inputs.js';
import type { MetricsResult } from '../../src/types.js';
import { buildMetrics } from './metrics-fixture.js';

const SYSTEM = (conductLeaf: string) => `
name: t
bonus: {items: [{id: innovation, name: 创新}]}
indicators:
  - id: A
    name: 作风
    weight: 1
    children:
      - {id: A1, name: 评议, weight: 1, ${conductLeaf}}
      - {id: A2, name: 退单, weight: 1, metric: cases.return_rate, direction: cost, scoring: minmax}
  - {id: B, name: 满意, weight: 1, metric: survey.satisfaction_index}
survey: {items: [{id: q1}]}
`;

/** Ratings of conduct, innovation (a bonus item) and standards (nothing reads it); a case log; no survey. */
function metrics(): MetricsResult {
  const m = buildMetrics({ units: ['东湖', '西湖'], cases: { return_rate: [0.1, 0.2] }, ratings: { conduct: [80, 90], innovation: [2, null], standards: [70, 60] } });
  m.dataQuality.files.push({ kind: 'cases' } as unknown as MetricsResult['dataQuality']['files'][number]);
  return m;
}

describe('checkLeafInputs', () => {
  it('a ratings leaf with a typo: ConfigError naming the leaf path and the ids the file has', () => {
    const system = parseIndicatorSystem(SYSTEM('metric: ratings.condcut'), 'sys.yaml');
    let err: unknown;
    try {
      checkLeafInputs(system, metrics(), 'sys.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).location).toMatchObject({ file: 'sys.yaml', path: 'indicators[0].children[0].metric' });
    expect((err as ConfigError).message).toMatch(/ratings\.condcut/);
    expect((err as ConfigError).message).toMatch(/conduct, innovation, standards/);
  });

  it('optional: true turns it into a warning', () => {
    const system = parseIndicatorSystem(SYSTEM('metric: ratings.condcut, optional: true'), 'sys.yaml');
    const w = checkLeafInputs(system, metrics(), 'sys.yaml');
    expect(w.find((x) => x.code === 'leaf_optional_absent')).toMatchObject({ where: 'A1' });
  });

  it('no survey: its leaves are missing with one warning; unread rating ids are one warning', () => {
    const system = parseIndicatorSystem(SYSTEM('metric: ratings.conduct'), 'sys.yaml');
    const w = checkLeafInputs(system, metrics(), 'sys.yaml');
    expect(w.map((x) => x.code).sort()).toEqual(['leaf_input_absent', 'ratings_id_unused']);
    expect(w.find((x) => x.code === 'leaf_input_absent')).toMatchObject({ where: 'B', params: { input: 'survey' } });
    // innovation is read by the bonus item; standards by nothing
    expect(w.find((x) => x.code === 'ratings_id_unused')).toMatchObject({ where: 'standards' });
  });

  it('no ratings file and no case log: warnings, not errors, even for a ratings id', () => {
    const system = parseIndicatorSystem(SYSTEM('metric: ratings.condcut'), 'sys.yaml');
    const m = buildMetrics({ units: ['东湖'], surveyIndex: [80] });
    const w = checkLeafInputs(system, m, 'sys.yaml');
    expect(w.map((x) => [x.code, x.params?.input])).toEqual([
      ['leaf_input_absent', 'cases'],
      ['leaf_input_absent', 'ratings'],
    ]);
  });

  it('a group node cannot say optional', () => {
    expect(() => parseIndicatorSystem(SYSTEM('metric: ratings.conduct').replace('    weight: 1\n    children:', '    weight: 1\n    optional: true\n    children:'), 'sys.yaml')).toThrow(
      /optional/,
    );
  });
});

describe('checkLeafInputs: survey items the file has no column for', () => {
  const system = (leaf: string) =>
    parseIndicatorSystem(
      `name: t\nsurvey: {items: [{id: q1, dimension: d1}, {id: q4, dimension: d2}]}\nindicators:\n  - {id: S1, name: 一, weight: 1, metric: survey.item:q1}\n  - {id: S4, name: 四, weight: 1, ${leaf}}\n`,
      'sys.yaml',
    );
  const metrics = () => {
    const m = buildMetrics({ units: ['东湖'], surveyIndex: [80] });
    m.survey!.absent_items = { ids: ['q4'], columns: ['调查方式', 'q1', 'q44'] };
    return m;
  };
  it('survey.item:q4 while the file has q44: ConfigError naming the leaf path and the columns', () => {
    let err: unknown;
    try {
      checkLeafInputs(system('metric: survey.item:q4'), metrics(), 'sys.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).location.path).toBe('indicators[1].metric');
    expect((err as ConfigError).message).toMatch(/item q4.*调查方式, q1, q44/);
  });
  it('the index or the dimension over it is an error too; a dimension without it is not', () => {
    expect(() => checkLeafInputs(system('metric: survey.satisfaction_index'), metrics(), 'sys.yaml')).toThrow(ConfigError);
    expect(() => checkLeafInputs(system('metric: survey.dimension:d2'), metrics(), 'sys.yaml')).toThrow(ConfigError);
    expect(checkLeafInputs(system('metric: survey.dimension:d1'), metrics(), 'sys.yaml').map((w) => w.code)).toEqual(['survey_item_absent']);
  });
  it('optional: true → warnings', () => {
    const w = checkLeafInputs(system('metric: survey.item:q4, optional: true'), metrics(), 'sys.yaml');
    expect(w.map((x) => x.code)).toEqual(['leaf_optional_absent', 'survey_item_absent']);
  });
});
