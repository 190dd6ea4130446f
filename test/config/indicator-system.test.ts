import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_GRADES, loadIndicatorSystem, metricSettingsOf, parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { ratedIndicatorIds, walkIndicators } from '../../src/model/indicator-system.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';

/** The error `parseIndicatorSystem` throws for `yaml`, as `path: message`. */
function errorOf(yaml: string): { path: string | undefined; message: string; row?: number; error: ConfigError } {
  try {
    parseIndicatorSystem(yaml, 'sys.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const c = e as ConfigError;
    expect(c.location.file).toBe('sys.yaml');
    return { path: c.location.path, message: c.message, row: c.location.row, error: c };
  }
  throw new Error('expected a ConfigError');
}

const LEAF = (id: string, extra = '') => `{id: ${id}, name: ${id}, weight: 1, metric: cases.on_time_close_rate, scoring: {method: threshold, floor: 0.6, target: 0.95}${extra}}`;

/** A three-level system; `patch` edits its text to introduce one mistake. */
const BASE = `
name: {zh: 测试, en: Test}
survey:
  items: [{id: q1, dimension: service}, {id: q2, dimension: service, weight: 2}]
custom_metrics:
  - {id: noise_rate, filter: "d => d.category === '噪音'", aggregate: rate, expr: "d => d.on_time"}
indicators:
  - id: A
    name: {zh: 诉求处置, en: Case handling}
    weight: 2
    children:
      - ${LEAF('A1')}
      - {id: A2, name: 退单率, weight: 1, metric: cases.return_rate, direction: cost, scoring: {method: threshold, floor: 0.3, target: 0.05}}
  - id: B
    name: 群众满意
    weight: 1
    children:
      - {id: B1, name: 调查满意度, weight: 1, metric: survey.satisfaction_index}
      - {id: B2, name: 服务维度, weight: 1, metric: "survey.dimension:service"}
      - id: B3
        name: 专家评议
        weight: 1
        children:
          - {id: B31, name: 作风, weight: 1, metric: ratings.B31}
          - {id: B32, name: 噪音, weight: 1, metric: custom.noise_rate, scoring: {method: threshold, floor: 0.5, target: 0.9}}
`;

describe('a valid indicator system', () => {
  const s = parseIndicatorSystem(BASE, 'sys.yaml');

  it('resolves names, defaults and the tree', () => {
    expect(s.name).toEqual({ zh: '测试', en: 'Test' });
    expect(s.version).toBe('1');
    expect(s.grades).toEqual(DEFAULT_GRADES);
    expect(s.grades.map((g) => [g.label.zh, g.min])).toEqual([
      ['优秀', 90],
      ['良好', 80],
      ['合格', 60],
      ['不合格', 0],
    ]);
    expect(s.timeLimits).toEqual(DEFAULT_METRIC_SETTINGS.timeLimits);
    expect(walkIndicators(s).map(({ node, level }) => `${node.id}@${level}`)).toEqual([
      'A@1', 'A1@2', 'A2@2', 'B@1', 'B1@2', 'B2@2', 'B3@2', 'B31@3', 'B32@3',
    ]);
    const b1 = walkIndicators(s).find((w) => w.node.id === 'B1')!.node;
    // a 0..100 metric without `scoring:` is taken as is
    expect(b1.kind === 'leaf' && b1.scoring).toEqual({ method: 'identity' });
    expect(b1.kind === 'leaf' && b1.missing).toBe('renormalize');
    expect(ratedIndicatorIds(s)).toEqual(['B31']);
  });

  it('gives the metric stage its settings', () => {
    const m = metricSettingsOf(s);
    expect(m.survey.items).toEqual([
      { id: 'q1', dimension: 'service', weight: 1 },
      { id: 'q2', dimension: 'service', weight: 2 },
    ]);
    expect(m.survey.minN).toBe(30);
    expect(m.custom).toEqual([{ id: 'noise_rate', source: 'cases', filter: "d => d.category === '噪音'", aggregate: 'rate', expr: 'd => d.on_time' }]);
    expect(m.ratings.scale).toEqual(DEFAULT_METRIC_SETTINGS.ratings.scale);
  });

  it('reads time limits as phrases or {amount, unit}, and satisfaction levels by number or label', () => {
    const t = parseIndicatorSystem(
      BASE.replace(
        'survey:',
        `time_limits:
  urgent: {contact: 1 小时, close: 12h}
  general: {close: 3 工作日}
  complex: {close: {amount: 10, unit: workdays}}
satisfaction:
  level_scores: {非常满意: 100, 满意: 85, 3: 70}
  satisfied_levels: [非常满意, 4]
ratings: {scale: {优: 100, 良: 80}, aggregate: trimmed_mean, per_indicator: {B31: median}}
survey:`,
      ),
      'sys.yaml',
    );
    expect(t.timeLimits.urgent).toEqual({ contact: { amount: 1, unit: 'hours' }, close: { amount: 12, unit: 'hours' } });
    expect(t.timeLimits.general).toEqual({ contact: { amount: 1, unit: 'workdays' }, close: { amount: 3, unit: 'workdays' } });
    expect(t.timeLimits.complex.close).toEqual({ amount: 10, unit: 'workdays' });
    expect(t.satisfaction.levelScores).toEqual({ 5: 100, 4: 85, 3: 70, 2: 40, 1: 20 });
    expect(t.satisfaction.satisfiedLevels).toEqual([5, 4]);
    expect(t.ratings).toEqual({ scale: { 优: 100, 良: 80 }, aggregate: 'trimmed_mean', perIndicator: { B31: 'median' } });
  });

  it('lets veto ratings be written 是/否 and counts veto, bonus and penalty ids as rated', () => {
    const v = parseIndicatorSystem(
      BASE.replace('survey:', 'veto: [{id: V1, name: 否决, grade: 合格}]\nbonus: {cap: 5, items: [{id: X1, name: 加分, rating: innov}]}\nsurvey:'),
      'sys.yaml',
    );
    expect(v.ratings.scale).toEqual({ ...DEFAULT_METRIC_SETTINGS.ratings.scale, 是: 100, 否: 0 });
    expect(v.veto).toEqual([{ id: 'V1', name: { zh: '否决', en: '否决' }, description: null, rating: 'V1', capGrade: 2 }]);
    expect(ratedIndicatorIds(v).sort()).toEqual(['B31', 'V1', 'innov']);
  });

  it('loads a file with its SHA-256', async () => {
    const { system, sha256, path } = await loadIndicatorSystem('test/fixtures/config/minimal-system.yaml');
    expect(system.indicators.map((n) => n.id)).toEqual(['A', 'B']);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(path).toBe('test/fixtures/config/minimal-system.yaml');
  });
});

describe('a configuration error for each kind of mistake, naming the path', () => {
  it('a wrong type', () => {
    const bad = BASE.replace('scoring: {method: threshold, floor: 0.5, target: 0.9}', 'scoring: {method: threshold, floor: 0.5, target: high}');
    const e = errorOf(bad);
    expect(`${e.path}: ${e.message}`).toBe('indicators[1].children[2].children[1].scoring.target: expected a number');
    expect(e.error.describe()).toBe('sys.yaml, indicators[1].children[2].children[1].scoring.target: expected a number');
  });
  it('a missing required value', () => {
    const e = errorOf(BASE.replace('floor: 0.5, target: 0.9', 'floor: 0.5'));
    expect([e.path, e.message]).toEqual(['indicators[1].children[2].children[1].scoring.target', 'missing; expected a number']);
  });
  it('an unknown key (a typo)', () => {
    const e = errorOf(BASE.replace('name: 调查满意度, weight: 1', 'name: 调查满意度, wieght: 1'));
    expect(e.path).toBe('indicators[1].children[0].wieght');
    expect(e.message).toBe('unknown key "wieght"');
  });
  it('an unknown scoring or weights method', () => {
    expect(errorOf(BASE.replace('method: threshold, floor: 0.6', 'method: treshold, floor: 0.6'))).toMatchObject({
      path: 'indicators[0].children[0].scoring.method',
      message: expect.stringMatching(/^expected one of "threshold", "minmax", .* got "treshold"$/),
    });
    expect(errorOf(BASE.replace('    weight: 2\n', '    weight: 2\n    weights: entropie\n')).path).toBe('indicators[0].weights.method');
  });
  it('a bad id and a duplicate id', () => {
    expect(errorOf(BASE.replace('id: A2,', 'id: A 2,'))).toMatchObject({ path: 'indicators[0].children[1].id', message: expect.stringMatching(/letters, digits/) });
    expect(errorOf(BASE.replace('id: B32,', 'id: A1,'))).toMatchObject({
      path: 'indicators[1].children[2].children[1].id',
      message: 'duplicate id "A1" (first used at indicators[0].children[0].id)',
    });
  });
  it('a metric id that does not exist', () => {
    expect(errorOf(BASE.replace('cases.return_rate', 'cases.retrun_rate'))).toMatchObject({
      path: 'indicators[0].children[1].metric',
      message: expect.stringMatching(/^unknown case metric "cases.retrun_rate"; expected one of cases.case_count, /),
    });
    expect(errorOf(BASE.replace('cases.return_rate', 'hotline.return_rate')).message).toMatch(/^unknown metric "hotline.return_rate"/);
    expect(errorOf(BASE.replace('survey.dimension:service', 'survey.dimension:servce'))).toMatchObject({
      path: 'indicators[1].children[1].metric',
      message: 'unknown survey dimension "servce"; the survey items name service',
    });
    expect(errorOf(BASE.replace('survey.satisfaction_index', 'survey.item:q9')).message).toBe('unknown survey item "q9"; survey.items lists q1, q2');
  });
  it('custom and ratings references that do not exist', () => {
    expect(errorOf(BASE.replace('custom.noise_rate', 'custom.noise'))).toMatchObject({
      path: 'indicators[1].children[2].children[1].metric',
      message: 'unknown custom metric "noise"; custom_metrics lists noise_rate',
    });
    expect(errorOf(BASE.replace('survey:', 'ratings: {per_indicator: {B99: median}}\nsurvey:'))).toMatchObject({
      path: 'ratings.per_indicator.B99',
      message: expect.stringMatching(/^"B99" is not a rated indicator/),
    });
  });
  it('threshold floor equal to the target, and a floor on the wrong side for the direction', () => {
    expect(errorOf(BASE.replace('floor: 0.5, target: 0.9', 'floor: 0.9, target: 0.9'))).toMatchObject({
      path: 'indicators[1].children[2].children[1].scoring.target',
      message: 'target equals floor (0.9); the score would be undefined',
    });
    expect(errorOf(BASE.replace('floor: 0.3, target: 0.05', 'floor: 0.05, target: 0.3')).path).toBe('indicators[0].children[1].scoring.floor');
  });
  it('a leaf without scoring for a metric that is not already a score', () => {
    expect(errorOf(BASE.replace(', scoring: {method: threshold, floor: 0.5, target: 0.9}', '')).path).toBe('indicators[1].children[2].children[1].scoring');
  });
  it('grade scoring on a metric that is not a rating', () => {
    expect(errorOf(BASE.replace('{method: threshold, floor: 0.5, target: 0.9}', '{method: grade, table: {优: 100}}')).path).toBe(
      'indicators[1].children[2].children[1].scoring.method',
    );
  });
  it('a weight missing under direct weights, or given where the parent uses AHP', () => {
    expect(errorOf(BASE.replace('name: 群众满意\n    weight: 1\n', 'name: 群众满意\n'))).toMatchObject({
      path: 'indicators[1].weight',
      message: expect.stringMatching(/^missing; siblings are weighted by their `weight:` numbers/),
    });
    const ahp = BASE.replace('    weight: 2\n', "    weight: 2\n    weights: {method: ahp, matrix: [[1, 3], ['1/3', 1]]}\n");
    expect(errorOf(ahp)).toMatchObject({ path: 'indicators[0].children[0].weight', message: expect.stringMatching(/^not used: .* ahp; remove it$/) });
  });
  it('a node that has both children and a metric', () => {
    expect(errorOf(BASE.replace('    name: 群众满意\n', '    name: 群众满意\n    metric: cases.case_count\n')).path).toBe('indicators[1].metric');
  });
  it('bad time limits', () => {
    expect(errorOf(BASE.replace('survey:', 'time_limits: {general: {close: 5 days}}\nsurvey:'))).toMatchObject({
      path: 'time_limits.general.close',
      message: 'unknown time unit "days"; use hours or workdays (e.g. "2 hours", "5 workdays")',
    });
    expect(errorOf(BASE.replace('survey:', 'time_limits: {general: {close: 1.5 workdays}}\nsurvey:')).path).toBe('time_limits.general.close');
    expect(errorOf(BASE.replace('survey:', 'time_limits: {normal: {close: 5 workdays}}\nsurvey:')).path).toBe('time_limits.normal');
  });
  it('grade bands out of order, a veto naming an unknown grade, a bad satisfaction level', () => {
    expect(errorOf(BASE.replace('survey:', 'grades: [{label: 好, min: 60}, {label: 优, min: 90}, {label: 差, min: 0}]\nsurvey:')).path).toBe('grades[1].min');
    expect(errorOf(BASE.replace('survey:', 'grades: [{label: 好, min: 60}]\nsurvey:')).path).toBe('grades[0].min');
    expect(errorOf(BASE.replace('survey:', 'veto: [{id: V1, name: 否决, grade: 及格}]\nsurvey:'))).toMatchObject({
      path: 'veto[0].grade',
      message: 'unknown grade "及格"; expected one of 优秀, 良好, 合格, 不合格',
    });
    expect(errorOf(BASE.replace('survey:', 'satisfaction: {satisfied_levels: [很满意]}\nsurvey:')).path).toBe('satisfaction.satisfied_levels[0]');
  });
  it('invalid YAML names the line', () => {
    const e = errorOf('name: x\nindicators: [\n  {id: A\n');
    expect(e.message).toMatch(/^not valid YAML at line 4, column 1: /);
    expect(errorOf('name: x\nname: y\n').message).toBe('not valid YAML at line 2, column 1: Map keys must be unique');
  });
});

describe('AHP weights in the file', () => {
  const withAhp = (matrix: string, extra = '') => BASE.replace('    weight: 2\n', `    weight: 2\n    weights: {method: ahp, matrix: ${matrix}${extra}}\n`).replace(LEAF('A1'), '{id: A1, name: A1, metric: cases.on_time_close_rate, scoring: {method: threshold, floor: 0.6, target: 0.95}}').replace('name: 退单率, weight: 1,', 'name: 退单率,');
  const threeChildren = (matrix: string, extra = '') =>
    withAhp(matrix, extra).replace(
      "      - {id: A2,",
      '      - {id: A3, name: A3, metric: cases.first_contact_rate, scoring: {method: threshold, floor: 0.6, target: 0.95}}\n      - {id: A2,',
    );

  it('weights the level-1 indicators by a top-level spec', () => {
    const top = BASE.replace('    weight: 2\n', '').replace('    name: 群众满意\n    weight: 1\n', '    name: 群众满意\n').replace('indicators:', "weights: {method: ahp, matrix: [[1, 2], ['1/2', 1]]}\nindicators:");
    expect(parseIndicatorSystem(top, 'sys.yaml').weights).toMatchObject({ method: 'ahp', matrices: [[[1, 2], [0.5, 1]]] });
    expect(errorOf(top.replace("[[1, 2], ['1/2', 1]]", '[[1]]'))).toMatchObject({ path: 'weights.matrix', message: 'the matrix has 1 rows but the top level has 2 children (A, B)' });
  });

  it('accepts a consistent matrix with fractions', () => {
    const s = parseIndicatorSystem(withAhp("[[1, 3], ['1/3', 1]]"), 'sys.yaml');
    const a = s.indicators[0];
    expect(a.kind === 'group' && a.weights).toMatchObject({ method: 'ahp', matrices: [[[1, 3], [1 / 3, 1]]], ahpMethod: 'eigenvector', ri: 'saaty' });
  });
  it('a matrix whose size differs from the number of children', () => {
    expect(errorOf(withAhp('[[1, 3, 5], [0.333, 1, 2], [0.2, 0.5, 1]]'))).toMatchObject({
      path: 'indicators[0].weights.matrix',
      message: 'the matrix has 3 rows but "A" has 2 children (A1, A2)',
    });
  });
  it('a non-reciprocal or non-positive cell, by its path', () => {
    expect(errorOf(withAhp("[[1, 3], ['1/2', 1]]")).path).toBe('indicators[0].weights.matrix[1][0]');
    expect(errorOf(withAhp('[[1, -3], [-0.333, 1]]')).path).toMatch(/^indicators\[0\]\.weights\.matrix\[[01]\]\[[01]\]$/);
    expect(errorOf(withAhp("[[1, 'three'], ['1/3', 1]]")).path).toBe('indicators[0].weights.matrix[0][1]');
  });
  it('CR ≥ 0.10 names the most inconsistent judgement with both children ids, unless allowed', () => {
    // A1 ≻ A2 (5), A2 ≻ A3 (3), but A3 ≻ A1 (3): circular; ahp() gives CR = 1.58 and the worst cell (0, 1).
    const matrix = "[[1, 5, '1/3'], ['1/5', 1, 3], [3, '1/3', 1]]";
    const e = errorOf(threeChildren(matrix));
    expect(e.path).toBe('indicators[0].weights.matrix[0][1]');
    expect(e.message).toBe(
      'the pairwise matrix is inconsistent: CR = 1.585 ≥ 0.10; the most inconsistent judgement is A1 vs A3: given 5, the other judgements imply about 1.41',
    );
    expect(e.error.hint).toMatch(/allow_inconsistent: true/);
    // Issue 16 item 4: the hint names the single judgement whose change lowers CR most and the nearest scale value
    // that brings CR under 0.10. c = a12·a23/a13 = 45: a12 = 1/9 makes the matrix consistent; a12 = 1/4 gives
    // c = 2.25, CR = (2.25^(1/3) + 2.25^(−1/3) − 2)/2/0.58 = 0.063 (1/3 gives c = 3, CR 0.117, not enough).
    expect(e.error.hint).toMatch(/^changing A1 vs A3 from 5 to 1\/4 brings CR to 0\.063 \(to 1\/9: CR 0\.000\); revise the judgements/);
    expect(() => parseIndicatorSystem(threeChildren(matrix, ', allow_inconsistent: true'), 'sys.yaml')).not.toThrow();
  });
  it('several experts\' matrices, and matrix and matrices together', () => {
    const s = parseIndicatorSystem(
      BASE.replace('    weight: 2\n', "    weight: 2\n    weights: {method: ahp, matrices: [[[1, 3], ['1/3', 1]], [[1, 5], ['1/5', 1]]], ri: chinese}\n")
        .replace(LEAF('A1'), '{id: A1, name: A1, metric: cases.on_time_close_rate, scoring: {method: threshold, floor: 0.6, target: 0.95}}')
        .replace('name: 退单率, weight: 1,', 'name: 退单率,'),
      'sys.yaml',
    );
    const a = s.indicators[0];
    expect(a.kind === 'group' && a.weights.method === 'ahp' && a.weights.matrices.length).toBe(2);
    expect(errorOf(withAhp("[[1, 3], ['1/3', 1]], matrices: [[[1]]]")).message).toBe('give either `matrix:` or `matrices:`, not both');
    // each expert's matrix is checked on its own: expert 2 is circular
    const circular = "[[1, 5, '1/3'], ['1/5', 1, 3], [3, '1/3', 1]]";
    const consistent = "[[1, 2, 4], ['1/2', 1, 2], ['1/4', '1/2', 1]]";
    const e = errorOf(threeChildren(consistent).replace(`matrix: ${consistent}`, `matrices: [${consistent}, ${circular}]`));
    expect(e.path).toBe('indicators[0].weights.matrices[1][0][1]');
    expect(e.message).toMatch(/^expert 2's matrix is inconsistent: CR = 1\.585 ≥ 0\.10; the most inconsistent judgement is A1 vs A3/);
  });
});

describe('custom metric expressions are checked, never executed', () => {
  it('an unknown field or a call outside arquero\'s ops names the expression', () => {
    const e1 = errorOf(BASE.replace('expr: "d => d.on_time"', 'expr: "d => d.ontime"'));
    expect(e1.path).toBe('custom_metrics[0].expr');
    const e2 = errorOf(BASE.replace('expr: "d => d.on_time"', 'expr: "d => process.exit(1)"'));
    expect(e2.path).toBe('custom_metrics[0].expr');
  });
});

describe('the documented example', () => {
  it('loads with every feature', async () => {
    const { system } = await loadIndicatorSystem('test/fixtures/config/full-system.yaml');
    expect(system.weights.method).toBe('ahp');
    expect(system.indicators.map((n) => n.kind === 'group' && n.weights.method)).toEqual(['entropy', 'combined', 'direct']);
    expect(system.timeLimits.complex.close).toEqual({ amount: 10, unit: 'workdays' });
    expect(system.bonus).toEqual({
      cap: 5,
      items: [{ id: 'innovation', name: { zh: '创新工作加分', en: '创新工作加分' }, description: null, rating: 'innovation', cap: 3 }],
    });
    expect(system.veto[0].capGrade).toBe(2);
    expect(system.vetoRank).toBe('keep');
    expect(ratedIndicatorIds(system).sort()).toEqual(['C1', 'C2', 'accident', 'innovation', 'safety']);
  });
});

describe('veto_rank (design §6.3)', () => {
  it('defaults to last, takes keep and none, and names the key for anything else', () => {
    expect(parseIndicatorSystem(BASE, 'sys.yaml').vetoRank).toBe('last');
    expect(parseIndicatorSystem(`${BASE}\nveto_rank: none\n`, 'sys.yaml').vetoRank).toBe('none');
    const e = errorOf(`${BASE}\nveto_rank: first\n`);
    expect(e.path).toBe('veto_rank');
    expect(e.message).toMatch(/last|keep|none/);
  });
});
