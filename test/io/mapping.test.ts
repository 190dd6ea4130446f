import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/errors.js';
import { loadMappingFile, parseMappingFile, planColumns } from '../../src/io/mapping.js';
import { tempDir } from './helpers.js';

function configError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
function dataError(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseMappingFile', () => {
  it('accepts every section of a table mapping', () => {
    const m = parseMappingFile(
      {
        cases: {
          columns: { case_id: 'Unique Key' },
          formats: { received_at: 'MM/DD/YYYY hh:mm:ss A' },
          values: { urgency: { 特急: 'urgent' }, resolved: { 部分解决: false } },
          constants: { repeat: false },
          derive: { urgency: { from: 'Complaint Type', map: { HEAT: 'urgent' }, default: 'general' } },
          encoding: 'gbk',
          sheet: '工单',
        },
        survey: { items: { q1: '您对社区环境是否满意' }, dont_know: [9, '不清楚'] },
      },
      'map.yaml',
    );
    expect(m.cases?.columns?.case_id).toBe('Unique Key');
    expect(m.survey?.dont_know).toEqual([9, '不清楚']);
  });

  it.each([
    [{ cases: { values: { urgency: 'urgent' } } }, 'cases.values.urgency'],
    [{ cases: { values: { urgency: { 特急: ['urgent'] } } } }, 'cases.values.urgency.特急'],
    [{ cases: { columns: { received: '受理时间' } } }, 'cases.columns.received'],
    [{ cases: { formats: { unit: 'YYYY' } } }, 'cases.formats.unit'],
    [{ cases: { formats: { received_at: 'MM/DD hh:mm' } } }, 'cases.formats.received_at'],
    [{ cases: { derive: { urgency: { map: {} } } } }, 'cases.derive.urgency.from'],
    [{ cases: { colums: {} } }, 'cases'],
    [{ survey: { dont_know: 9 } }, 'survey.dont_know'],
  ])('rejects %j with a ConfigError at %s', (obj, path) => {
    const e = configError(() => parseMappingFile(obj, 'map.yaml'));
    expect(e.location).toEqual({ file: 'map.yaml', path });
    expect(e.exitCode).toBe(2);
  });

  it('names an unknown top-level section', () => {
    const e = configError(() => parseMappingFile({ case: {} }, 'map.yaml'));
    expect(e.message).toMatch(/unknown key "case".*cases, survey, ratings, units/);
  });

  it('loads YAML from a file; bad YAML and a missing file are ConfigErrors', async () => {
    const p = join(tempDir(), 'map.yaml');
    writeFileSync(p, 'cases:\n  columns:\n    case_id: 编号\n');
    expect((await loadMappingFile(p)).cases?.columns?.case_id).toBe('编号');
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'cases: [\n');
    await expect(loadMappingFile(bad)).rejects.toBeInstanceOf(ConfigError);
    await expect(loadMappingFile(join(tempDir(), 'none.yaml'))).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('planColumns', () => {
  it('matches canonical ids and Chinese aliases after trimming and case-folding', () => {
    const plan = planColumns('cases', [' CASE_ID ', '所属社区', '来电时间', '办理类型', '诉求类别'], null, 'f.csv');
    expect(plan.fields.case_id.index).toBe(0);
    expect(plan.fields.unit.index).toBe(1);
    expect(plan.fields.received_at.index).toBe(2);
    expect(plan.fields.urgency.index).toBe(3);
    expect(plan.fields.category.index).toBe(4);
    expect(plan.fields.closed_at.index).toBe(-1);
    expect(plan.fields.closed_at.get(['x'])).toBeNull();
  });

  it('prefers the earlier alias: a log with both 所属街道 and 所属社区 is assessed per community', () => {
    const plan = planColumns('cases', ['编号', '所属街道', '所属社区', '受理时间', '紧急程度'], null, 'f.csv');
    expect(plan.fields.unit.column).toBe('所属社区');
  });

  it('an explicit column wins over the aliases', () => {
    const plan = planColumns('cases', ['编号', '所属街道', '所属社区', '受理时间', '紧急程度'], { columns: { unit: '所属街道' } }, 'f.csv');
    expect(plan.fields.unit.index).toBe(1);
  });

  it('a mapping naming an absent column is a DataError listing the columns the file has', () => {
    const e = dataError(() => planColumns('cases', ['编号', '社区', '受理时间', '紧急程度'], { columns: { unit: '所属社区' } }, 'f.csv'));
    expect(e.message).toMatch(/"所属社区".*its columns are: 编号, 社区, 受理时间, 紧急程度/);
    expect(e.location).toEqual({ file: 'f.csv', column: '所属社区' });
    expect(e.exitCode).toBe(3);
  });

  it('a derive.from naming an absent column is a DataError too', () => {
    const e = dataError(() =>
      planColumns('cases', ['编号', '所属社区', '受理时间'], { derive: { urgency: { from: '类型', map: {} } } }, 'f.csv'),
    );
    expect(e.message).toMatch(/"类型".*derive\.from.*编号, 所属社区, 受理时间/);
  });

  it('a required field without a column is a DataError naming it in Chinese and English', () => {
    const e = dataError(() => planColumns('cases', ['编号', '所属社区', '紧急程度'], null, 'f.csv'));
    expect(e.message).toMatch(/^missing required column 受理时间 \(received_at\).*编号, 所属社区, 紧急程度/);
  });

  it('constants and derived values fill fields the export lacks; value maps apply to all of them', () => {
    const plan = planColumns(
      'cases',
      ['Key', 'Board', 'Created', 'Type'],
      {
        columns: { case_id: 'Key', unit: 'board', received_at: 'Created' },
        derive: { urgency: { from: 'Type', map: { 'HEAT/HOT WATER': 'urgent', noise: 'U' }, default: 'general' } },
        values: { urgency: { U: 'urgent' } },
        constants: { repeat: false, channel: '311' },
      },
      'f.csv',
    );
    expect(plan.fields.urgency.get(['1', 'b', 't', 'heat/hot water'])).toBe('urgent');
    expect(plan.fields.urgency.get(['1', 'b', 't', 'Noise'])).toBe('urgent');
    expect(plan.fields.urgency.get(['1', 'b', 't', 'Other'])).toBe('general');
    expect(plan.fields.repeat.get([])).toBe('false');
    expect(plan.fields.channel.get([])).toBe('311');
  });

  it('finds survey items by the items mapping or by a header equal to the item id', () => {
    const plan = planColumns('survey', ['社区', 'q1', '问题2'], { items: { q2: '问题2' }, dont_know: [9, '不知道'] }, 's.csv', ['q1', 'q2']);
    expect(plan.items).toEqual({ q1: 1, q2: 2 });
    expect([...plan.dontKnow]).toEqual(['9', '不知道']);
    const e = dataError(() => planColumns('survey', ['社区', 'q1'], null, 's.csv', ['q1', 'q3']));
    expect(e.message).toMatch(/missing survey item column q3/);
  });
});
