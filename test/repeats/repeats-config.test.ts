/**
 * The `repeats:` and `exclusions:` blocks of an indicator system (issue 14, design §4.1, §4.2): defaults, and the
 * configuration errors (exit 2) for an unparseable window, an unknown key field and an exclusion rule reading an
 * unknown field.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, exitCodeOf } from '../../src/errors.js';
import { metricSettingsOf, parseIndicatorSystem } from '../../src/config/indicator-system.js';

const BASE = `name: 测试
indicators:
  - id: reopen
    name: 重复来电回流
    weight: 1
    metric: cases.case_count
    scoring: {method: minmax}
`;

function errorOf(yaml: string): ConfigError {
  try {
    parseIndicatorSystem(yaml, 'sys.yaml');
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('no error');
}

describe('the repeats block', () => {
  it('takes the defaults of §4.1', () => {
    const s = metricSettingsOf(parseIndicatorSystem(`${BASE}repeats: {}\n`, 'sys.yaml'));
    expect(s.repeats).toEqual({
      keys: ['caller', 'category'],
      window: { amount: 30, unit: 'days' },
      mergeKeys: ['address', 'category'],
      mergeWindow: { amount: 72, unit: 'hours' },
      basis: 'cases',
      salt: null,
    });
    expect(metricSettingsOf(parseIndicatorSystem(BASE, 'sys.yaml')).repeats).toBeNull();
  });

  it('reads the issue’s example', () => {
    const s = metricSettingsOf(
      parseIndicatorSystem(`${BASE}repeats: {keys: [caller, category], window: "30 days", merge_keys: [grid, category], merge_window: "10 workdays", basis: events, salt: s3cret}\n`, 'sys.yaml'),
    );
    expect(s.repeats).toMatchObject({ mergeKeys: ['grid', 'category'], mergeWindow: { amount: 10, unit: 'workdays' }, basis: 'events', salt: 's3cret' });
  });

  it('stops (exit 2) on an unparseable window, naming its path', () => {
    const e = errorOf(`${BASE}repeats: {window: "a month"}\n`);
    expect(e).toBeInstanceOf(ConfigError);
    expect(exitCodeOf(e)).toBe(2);
    expect(e.location.path).toBe('repeats.window');
    expect(e.message).toMatch(/unknown window unit "a month"|a month/);
  });

  it('stops on a key field it does not know', () => {
    const e = errorOf(`${BASE}repeats: {keys: [phone]}\n`);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.location.path).toBe('repeats.keys[0]');
  });
});

describe('the exclusions block', () => {
  it('checks each rule at load, like a custom metric', () => {
    const s = metricSettingsOf(parseIndicatorSystem(`${BASE}exclusions:\n  - {id: not_ours, name: 非本级职责, when: "d.category === '市政设施'"}\n`, 'sys.yaml'));
    expect(s.exclusions).toEqual([{ id: 'not_ours', name: { zh: '非本级职责', en: '非本级职责' }, when: "d.category === '市政设施'" }]);
    const e = errorOf(`${BASE}exclusions:\n  - {id: bad, when: "d.caller === '1'"}\n`);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.location.path).toBe('exclusions[0].when');
    expect(e.message).toMatch(/exclusion rule "bad".*unknown field "caller"/);
    expect(errorOf(`${BASE}exclusions:\n  - {id: x, when: "fetch('http://x')"}\n`).location.path).toBe('exclusions[0].when');
  });
});
