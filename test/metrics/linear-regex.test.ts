/**
 * Issue 12: custom metric patterns run on a linear-time engine (RE2 via re2js), with the same results as
 * arquero's own op.match / op.replace on JavaScript's RegExp; what RE2 cannot run is refused at load.
 */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { ConfigError } from '../../src/errors.js';
import { CaseMetricsAccumulator } from '../../src/metrics/cases.js';
import { compileCustomMetrics } from '../../src/metrics/custom.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { linearMatch, linearReplace } from '../../src/metrics/linear-regex.js';
import type { CustomMetricSpec } from '../../src/types.js';
import { PERIOD, kase } from './cases.fixture.js';

const calendar = await WorkCalendar.load({});
const count = (id: string, filter: string): CustomMetricSpec => ({ id, source: 'cases', filter, aggregate: 'count', expr: null });

describe('a catastrophic-backtracking pattern', () => {
  it("op.match(d.case_id, '^((\\\\w+)+)+X$') over 10,000 cases finishes well under a second with the right count", () => {
    // 30 word characters without the final X make a backtracking engine try ~2^30 ways per row; every 100th id ends in X.
    const acc = new CaseMetricsAccumulator({
      settings: { ...DEFAULT_METRIC_SETTINGS, custom: [count('x_ids', "op.match(d.case_id, '^((\\\\w+)+)+X$')")] },
      calendar,
      period: PERIOD,
      units: null,
    });
    const received = Date.UTC(2026, 9, 9, 9);
    for (let i = 0; i < 10_000; i++) {
      const id = `${String(i).padStart(5, '0')}${'a'.repeat(25)}${i % 100 === 0 ? 'X' : '!'}`;
      acc.add(kase({ caseId: id, unit: i % 2 ? 'A' : 'B', urgency: 'general', receivedAt: received }));
    }
    const started = performance.now();
    const { custom } = acc.finish();
    const ms = performance.now() - started;
    // ids 0, 100, …, 9900 end in X: 100 of them, all even → unit B
    expect(custom.x_ids).toEqual({ A: 0, B: 100 });
    expect(ms).toBeLessThan(1000);
  });
});

describe('the same results as JavaScript for patterns both can run', () => {
  const texts = ['GD2026-0042', 'gd2026-7', '噪音扰民 夜间施工', '', 'a\nb', 'x1y22z333'];
  const patterns: (string | RegExp)[] = ['\\d+', '^GD(\\d{4})-(\\d+)$', /gd(\d+)/i, /\d+/g, /^b/m, /a.b/s, /(?<year>\d{4})-(?<n>\d+)/, '噪音|施工', /z$/];
  it('op.match without and with an index', () => {
    for (const t of texts) {
      for (const p of patterns) {
        const native = t.match(p);
        expect(linearMatch(t, p) === null ? null : [...(linearMatch(t, p) as string[])]).toEqual(native === null ? null : [...native]);
        expect(linearMatch(t, p, 1)).toEqual(native === null ? null : native[1]);
        if (native && native.groups) expect(linearMatch(t, p, 'year')).toBe(native.groups.year);
        if (native && !p.toString().includes('g')) expect((linearMatch(t, p) as RegExpMatchArray).index).toBe(native.index);
      }
    }
    expect(linearMatch(null, '\\d')).toBeNull();
    expect(linearMatch(undefined, '\\d')).toBeUndefined();
  });
  it('op.replace: a text pattern is literal, a regex replaces first or all, with $& $1 $<name> $$', () => {
    expect(linearReplace('a.b.c', '.', '-')).toBe('a.b.c'.replace('.', '-'));
    expect(linearReplace('x1y22', /(\d+)/g, '[$1|$&|$$]')).toBe('x1y22'.replace(/(\d+)/g, '[$1|$&|$$]'));
    expect(linearReplace('x1y22', /\d/, '#')).toBe('x1y22'.replace(/\d/, '#'));
    expect(linearReplace('2026-07', /(?<y>\d+)-(?<m>\d+)/, '$<m>/$<y>')).toBe('2026-07'.replace(/(?<y>\d+)-(?<m>\d+)/, '$<m>/$<y>'));
    expect(linearReplace(null, /x/, 'y')).toBeNull();
  });
});

describe('patterns refused at load', () => {
  const refuses = (filter: string, pattern: RegExp) => {
    let err: unknown;
    try {
      compileCustomMetrics([count('p', filter)]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(pattern);
    expect((err as ConfigError).location.path).toBe('custom[0].filter');
  };
  it('backreferences, lookaround, unknown flags, patterns not written out, regex separators of op.split', () => {
    refuses("op.match(d.case_id, '(a)\\\\1')", /cannot run/);
    refuses('op.match(d.case_id, /^(?=GD)/)', /cannot run/);
    refuses('op.replace(d.case_id, /(?<!x)y/, "z")', /cannot run/);
    refuses('op.match(d.case_id, /GD/y)', /flag "y"/);
    refuses('op.match(d.case_id, d.category)', /not written out/);
    refuses("op.split(d.category, /[,，]/).length > 1", /plain text/);
  });
  it('accepts what runs: text and literal patterns, a literal op.replace text, op.split by a text', () => {
    expect(() =>
      compileCustomMetrics([
        count('a', "op.match(d.case_id, '^GD\\\\d+$')"),
        count('b', 'op.match(d.category, /噪音|施工/i) != null'),
        count('c', "op.replace(d.category, '(', '') === 'x'"),
        count('d', "op.split(d.category, ',').length > 1"),
      ]),
    ).not.toThrow();
  });
});
