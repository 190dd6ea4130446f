import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { readRatings, readSurvey, readUnits } from '../../src/io/index.js';
import { context, csv, tempFile } from './helpers.js';

describe('readSurvey', () => {
  it('reads answers 1..5 or labels; blanks and dont_know codes are missing; bad answers are missing with a warning', async () => {
    const path = tempFile(
      'survey.csv',
      csv([
        ['所属社区', '受访者编号', '权重', 'q1', '问题二'],
        ['东湖社区', 'R1', '', '5', '满意'],
        ['东湖社区', 'R2', '2', '9', ''],
        ['西城社区', '', '0.5', '非常不满意', '8'],
      ]),
    );
    const ctx = context();
    const got = await readSurvey({ path, mapping: { items: { q2: '问题二' }, dont_know: [9] } }, ctx, ['q1', 'q2']);
    expect(got).toEqual([
      { row: 2, unit: '东湖社区', respondentId: 'R1', weight: 1, answers: { q1: 5, q2: 4 } },
      { row: 3, unit: '东湖社区', respondentId: 'R2', weight: 2, answers: { q1: null, q2: null } },
      { row: 4, unit: '西城社区', respondentId: null, weight: 0.5, answers: { q1: 1, q2: null } },
    ]);
    const dq = ctx.ledger.toDataQuality();
    expect(dq.issues).toEqual([
      { file: path, row: 4, field: '问题二 (q2)', value: '8', reason: 'answer is not 1..5 or a satisfaction label (treated as missing)', severity: 'warning' },
    ]);
    expect(dq.files[0]).toMatchObject({ kind: 'survey', rows: 3, accepted: 3, rejected: 0 });
  });

  it('rejects rows without a unit, with an unknown unit, or with a non-positive weight', async () => {
    const path = tempFile(
      'survey2.csv',
      csv([
        ['社区', '权重', 'q1'],
        ['东湖社区', '1', '4'],
        ['', '1', '4'],
        ['外区', '1', '4'],
        ['东湖社区', '-1', '4'],
      ]),
    );
    const ctx = context({ registry: new Set(['东湖社区']) });
    const got = await readSurvey({ path, mapping: null }, ctx, ['q1']);
    expect(got.map((r) => r.row)).toEqual([2]);
    expect(ctx.ledger.toDataQuality().issues.map((i) => [i.row, i.reason])).toEqual([
      [3, 'required field missing'],
      [4, 'unit not in the registry'],
      [5, 'weight is not a positive number'],
    ]);
  });

  it('a missing item column is a DataError', async () => {
    const path = tempFile('survey3.csv', csv([['社区', 'q1'], ['东湖社区', '4']]));
    await expect(readSurvey({ path, mapping: null }, context(), ['q1', 'q2'])).rejects.toBeInstanceOf(DataError);
  });
});

describe('readRatings', () => {
  const scale = { 优: 95, 良: 85, 中: 70, 差: 50 };
  it('maps grade labels through the scale, keeps numbers 0..100, and rejects the rest; a repeated rating is read (the later replaces it downstream)', async () => {
    const path = tempFile(
      'ratings.csv',
      csv([
        ['评估对象', '指标', '评分人', '评分'],
        ['东湖社区', 'q.party', '专家A', '良'],
        ['东湖社区', 'q.party', '专家B', '88'],
        ['东湖社区', 'q.party', '专家A', '优'],
        ['东湖社区', 'q.party', '专家C', '甲'],
        ['东湖社区', 'q.party', '专家D', '120'],
        ['东湖社区', '', '专家E', '优'],
      ]),
    );
    const ctx = context();
    const got = await readRatings({ path, mapping: null }, ctx, scale);
    expect(got).toEqual([
      { row: 2, unit: '东湖社区', indicator: 'q.party', rater: '专家A', value: 85, label: '良' },
      { row: 3, unit: '东湖社区', indicator: 'q.party', rater: '专家B', value: 88, label: null },
      { row: 4, unit: '东湖社区', indicator: 'q.party', rater: '专家A', value: 95, label: '优' },
    ]);
    expect(ctx.ledger.toDataQuality().issues.map((i) => [i.row, i.reason, i.value])).toEqual([
      [5, 'rating is neither a grade of the scale nor a number 0..100', '甲'],
      [6, 'rating is neither a grade of the scale nor a number 0..100', '120'],
      [7, 'required field missing', null],
    ]);
  });
});

describe('readUnits', () => {
  it('reads the registry; a repeated unit is rejected; a bad population is missing with a warning', async () => {
    const path = tempFile(
      'units.csv',
      csv([
        ['评估对象', '名称', '上级', '常住人口'],
        ['DH', '东湖社区', '东城街道', '12000'],
        ['XC', '西城社区', '', 'many'],
        ['DH', '东湖社区', '东城街道', '12000'],
      ]),
    );
    const ctx = context();
    expect(await readUnits({ path, mapping: null }, ctx)).toEqual([
      { unit: 'DH', name: '东湖社区', parent: '东城街道', population: 12000 },
      { unit: 'XC', name: '西城社区', parent: null, population: null },
    ]);
    expect(ctx.ledger.toDataQuality().issues.map((i) => [i.row, i.severity, i.reason])).toEqual([
      [3, 'warning', 'population is not a whole number ≥ 0 (treated as missing)'],
      [4, 'error', 'duplicate unit'],
    ]);
  });
});
