/**
 * Issue 12: a mapping whose outputs are not canonical values stops at load (exit 2) with the mapping file and the
 * path, instead of rejecting or blanking every row it touches. The valid values are those of the row readers'
 * parsers (src/io/values.ts), so the expectations below are the design §3.1 table's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadMappingFile, parseMappingFile } from '../../src/io/mapping.js';
import { tempDir } from './helpers.js';

function errorOf(obj: unknown): ConfigError {
  try {
    parseMappingFile(obj, 'map.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('mapping outputs are validated at load', () => {
  it('a value map to an urgency that does not exist names the mapping path', () => {
    const e = errorOf({ cases: { values: { urgency: { 一般: 'emergency' } } } });
    expect(e.location).toMatchObject({ file: 'map.yaml', path: 'cases.values.urgency.一般' });
    expect(e.message).toMatch(/"emergency" is not a valid urgency/);
    expect(e.message).toMatch(/urgent/);
  });

  it('a derive default or map output that the reader cannot read', () => {
    const d = errorOf({ cases: { derive: { urgency: { from: '类型', map: { 噪音: 'general' }, default: '不存在' } } } });
    expect(d.location.path).toBe('cases.derive.urgency.default');
    const m = errorOf({ cases: { derive: { urgency: { from: '类型', map: { 噪音: 'soon' } } } } });
    expect(m.location.path).toBe('cases.derive.urgency.map.噪音');
  });

  it('each field type by its own parser: satisfaction, boolean, count, number, datetime, constants', () => {
    expect(errorOf({ cases: { values: { satisfaction: { A: '很好' } } } }).location.path).toBe('cases.values.satisfaction.A');
    expect(errorOf({ cases: { values: { satisfaction: { A: 6 } } } }).location.path).toBe('cases.values.satisfaction.A');
    expect(errorOf({ cases: { values: { resolved: { 已办结: 'maybe' } } } }).location.path).toBe('cases.values.resolved.已办结');
    expect(errorOf({ cases: { values: { returned_count: { 无: -1 } } } }).location.path).toBe('cases.values.returned_count.无');
    expect(errorOf({ cases: { values: { returned_count: { 一次: 1.5 } } } }).location.path).toBe('cases.values.returned_count.一次');
    expect(errorOf({ survey: { values: { weight: { 高: 'heavy' } } } }).location.path).toBe('survey.values.weight.高');
    expect(errorOf({ cases: { values: { closed_at: { 未办结: 'never' } } } }).location.path).toBe('cases.values.closed_at.未办结');
    expect(errorOf({ cases: { constants: { repeat: 'sometimes' } } }).location.path).toBe('cases.constants.repeat');
    expect(errorOf({ units: { constants: { population: 'many' } } }).location.path).toBe('units.constants.population');
  });

  it('accepts every form the readers accept, blanks (missing), and derive outputs that the value map turns valid', () => {
    expect(() =>
      parseMappingFile(
        {
          cases: {
            values: {
              urgency: { 普通: '一般', 急: 'urgent', 复杂事项: '复杂件' },
              satisfaction: { 好: 5, 较好: '满意', 未评价: '' },
              resolved: { 已办结: true, 办理中: '否', 不详: 'N' },
              repeat: { 是: 1 },
              returned_count: { 无: 0, 一次: '1' },
              closed_at: { 未办结: '' },
            },
            derive: { urgency: { from: '类型', map: { 噪音: 'general', 燃气: '急' }, default: '普通' } },
            constants: { repeat: false },
          },
          survey: { values: { weight: { 高: '1.5' } } },
        },
        'map.yaml',
      ),
    ).not.toThrow();
    // 'A' is not an urgency, but the value map of urgency turns it into one before the reader sees it.
    expect(() =>
      parseMappingFile({ cases: { values: { urgency: { A: 'urgent' } }, derive: { urgency: { from: '类型', map: { 燃气: 'A' }, default: 'A' } } } }, 'm.yaml'),
    ).not.toThrow();
  });

  it('a mapping file on disk is named in the error (what the CLI prints, exit 2)', async () => {
    const p = join(tempDir(), 'bad-values.yaml');
    writeFileSync(p, 'cases:\n  values:\n    urgency: {一般: emergency}\n');
    await expect(loadMappingFile(p)).rejects.toMatchObject({ location: { file: p, path: 'cases.values.urgency.一般' } });
  });
});
