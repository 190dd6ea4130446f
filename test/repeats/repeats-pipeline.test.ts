/**
 * Repeat requests, merged events and exclusions through the metric stage (issue 14, design §4.1, §4.2): hand-built
 * case logs, every expected number counted by hand from the rows written here (the comments give the count).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { parsePeriod } from '../../src/period.js';
import { computeMetrics } from '../../src/pipeline/compute-metrics.js';
import type { MetricSettings, RepeatSettings } from '../../src/types.js';
import { csv, tempFile } from '../io/helpers.js';

const REPEATS: RepeatSettings = {
  keys: ['caller', 'category'],
  window: { amount: 30, unit: 'days' },
  mergeKeys: ['address', 'category'],
  mergeWindow: { amount: 72, unit: 'hours' },
  basis: 'cases',
  salt: 'test-salt',
};

function metricsOf(path: string, settings: Partial<MetricSettings> = {}, opts: { fastLines?: boolean; threads?: number } = {}) {
  return computeMetrics({
    cases: { path, mapping: null },
    survey: null,
    ratings: null,
    units: null,
    period: parsePeriod('2026Q3'),
    calendar: {},
    settings: { ...DEFAULT_METRIC_SETTINGS, repeats: REPEATS, ...settings },
    maxRejectShare: 1,
    threads: opts.threads ?? 1,
  });
}

const HEADER = ['工单编号', '所属社区', '受理时间', '紧急程度', '办结时间', '诉求类别', '来电号码', '诉求地址', '主工单编号', '剔除原因', '是否重复诉求'];

describe('repeats through the metric stage', () => {
  // Caller 138 0013 8000 about 噪音扰民: P0 before the period (06-20, closed 06-21), A 07-10 closed 07-11,
  // B 08-09 09:00 (exactly 30 days after A: a repeat of A, and a reopen: A closed 07-11 < B ≤ 07-11 + 30 d),
  // C 08-20 (links to B only: the chain A←B←C; B closed 08-10, so a reopen of B). A is a repeat of P0 (P0 before the period, 20 days earlier).
  // Three residents report one 路灯 fault at 幸福路12号 within 72 h: L1 07-05 08:00, L2 (full-width ／ spaced
  // address) 07-06, L3 07-08 08:00 (exactly 72 h: a child), L4 07-08 09:00 (past 72 h from L1: a new group).
  // X1 excluded by its cell; M1 names parent L1 (the data's merge); U1 names an unknown parent.
  const rows = [
    HEADER,
    ['P0', '东湖社区', '2026-06-20 09:00', '一般', '2026-06-21 09:00', '噪音扰民', '+86 138-0013-8000', '', '', '', ''],
    ['A', '东湖社区', '2026-07-10 09:00', '一般', '2026-07-11 09:00', '噪音扰民', '13800138000', '', '', '', ''],
    ['B', '西湖社区', '2026-08-09 09:00', '一般', '2026-08-10 09:00', '噪音扰民', '138 0013 8000', '', '', '', ''],
    ['C', '东湖社区', '2026-08-20 09:00', '一般', '', '噪音扰民', '13800138000', '', '', '', '是'],
    ['L1', '东湖社区', '2026-07-05 08:00', '一般', '2026-07-06 08:00', '路灯', '13900000001', '幸福路12号', '', '', ''],
    ['L2', '东湖社区', '2026-07-06 10:00', '一般', '2026-07-07 08:00', '路灯', '13900000002', '幸福路 １２号', '', '', ''],
    ['L3', '西湖社区', '2026-07-08 08:00', '一般', '2026-07-09 08:00', '路灯', '13900000003', '幸福路12号。', '', '', ''],
    ['L4', '东湖社区', '2026-07-08 09:00', '一般', '2026-07-09 08:00', '路灯', '13900000004', '幸福路12号', '', '', ''],
    ['X1', '东湖社区', '2026-07-15 09:00', '一般', '2026-07-16 09:00', '市政设施', '', '', '', '非本级职责', ''],
    ['M1', '东湖社区', '2026-07-05 09:00', '一般', '2026-07-06 09:00', '路灯', '', '幸福路12号', 'L1', '', ''],
    ['U1', '西湖社区', '2026-07-20 09:00', '一般', '2026-07-21 09:00', '其他', '', '', 'Z9', '', ''],
  ];
  const path = tempFile('repeats-edges.csv', csv(rows));

  for (const fastLines of [true, false]) {
    it(`links, counts and rates (${fastLines ? 'fast' : 'general'} read path)`, async () => {
      const m = await metricsOf(path, {}, { fastLines });
      const r = m.repeats!;
      const links = r.links.map((l) => `${l.case}→${l.linked_case}:${l.rule}${l.reopen ? ':reopen' : ''}`);
      expect(links.sort()).toEqual(
        ['A→P0:repeat:reopen', 'B→A:repeat:reopen', 'C→B:repeat:reopen', 'L2→L1:merge', 'L3→L1:merge', 'M1→L1:parent_case_id', 'U1→Z9:parent_case_id'].sort(),
      );
      const ab = r.links.find((l) => l.case === 'B')!;
      expect(ab.gap_hours).toBe(720); // exactly 30 days
      expect(ab.keys.category).toBe('噪音扰民');
      expect(ab.keys.caller).toMatch(/^[0-9a-f]{16}$/);
      expect(JSON.stringify(m)).not.toContain('13800138000');
      expect(r.links.find((l) => l.case === 'U1')!.gap_hours).toBeNull();
      // 东湖: counted A, C, L1, L2, L4, M1 (X1 excluded) = 6; all 7.
      expect(r.units['东湖社区']).toMatchObject({ case_count_all: 7, case_count: 6, excluded: 1, excluded_by_reason: { 非本级职责: 1 } });
      // repeats in 东湖: A (detected), C (detected and flagged) → 2; reopens: A (reopened by B) of closed A, L1, L2, L4, M1.
      expect(r.units['东湖社区']).toMatchObject({ repeats: 2, repeats_detected: 2, repeats_flagged: 1, repeats_both: 1, reopens: 1, closed: 5, merged: 2, events: 4 });
      // 西湖: B (repeat, reopened by C), L3 (merged child), U1 (merged, unknown parent); all three closed.
      expect(r.units['西湖社区']).toMatchObject({ case_count: 3, repeats: 1, merged: 2, events: 1, reopens: 1, closed: 3 });
      expect(m.cases['东湖社区'].case_count).toBe(6);
      expect(m.cases['东湖社区'].repeat_rate).toBeCloseTo(2 / 6, 12);
      expect(m.caseCounts['东湖社区']).toMatchObject({ reopened: 1, merged: 2, closed: 5 });
      // reopen_rate = reopened ÷ closed counted cases; merged_share = merged ÷ cases (design §4).
      expect(m.cases['东湖社区'].reopen_rate).toBeCloseTo(1 / 5, 12);
      expect(m.cases['东湖社区'].merged_share).toBeCloseTo(2 / 6, 12);
      expect(m.cases['西湖社区'].reopen_rate).toBeCloseTo(1 / 3, 12);
      expect(m.cases['西湖社区'].merged_share).toBeCloseTo(2 / 3, 12);
      expect(r.exclusions).toEqual([{ case: 'X1', unit: '东湖社区', rule: 'column', reason: '非本级职责', category: '市政设施', received_at: '2026-07-15T09:00:00', row: 10 }]);
      const w = m.warnings.find((x) => x.code === 'parent_case_unknown')!;
      expect(w.params).toMatchObject({ row: 12, case: 'U1', parent: 'Z9' });
      expect(r.hot_spots[0]).toEqual({ unit: '东湖社区', category: '噪音扰民', repeats: 2, cases: 2 });
    });
  }

  it('basis: events leaves merged children out of every rate, not out of case_count', async () => {
    const m = await metricsOf(path, { repeats: { ...REPEATS, basis: 'events' } });
    // 东湖 counted 6, children L2 and M1: rates over 4 events (A, C, L1, L4); repeats among them A, C.
    expect(m.cases['东湖社区'].case_count).toBe(6);
    expect(m.cases['东湖社区'].repeat_rate).toBeCloseTo(2 / 4, 12);
    // cases counts the 4 events; the 2 children are in mergedOut only, so case_count = 4 + 2 stays case-based.
    expect(m.caseCounts['东湖社区']).toMatchObject({ cases: 4, merged: 2, mergedOut: 2, closed: 3 });
    expect(m.cases['东湖社区'].merged_share).toBeCloseTo(2 / 6, 12);
    // Reopen: A (reopened by B) of the 3 closed events A, L1, L4.
    expect(m.cases['东湖社区'].reopen_rate).toBeCloseTo(1 / 3, 12);
  });

  it('an exclusion rule and the column together: the cell wins, then the first matching rule', async () => {
    const m = await metricsOf(path, {
      exclusions: [
        { id: 'municipal', name: { zh: '市政设施非本级', en: 'Municipal' }, when: "d.category === '市政设施' || d.category === '其他'" },
        { id: 'other', name: { zh: '其他', en: 'Other' }, when: "d.category === '其他'" },
      ],
    });
    const r = m.repeats!;
    expect(r.exclusions.map((e) => `${e.case}:${e.rule}:${e.reason}`)).toEqual(['X1:column:非本级职责', 'U1:municipal:市政设施非本级']);
    // Exclusions do not change detection: U1's link stays.
    expect(r.links.some((l) => l.case === 'U1')).toBe(true);
    expect(r.units['西湖社区']).toMatchObject({ case_count_all: 3, case_count: 2, excluded: 1 });
    expect(m.cases['西湖社区'].case_count).toBe(2);
  });

  it('reopen_rate and merged_share are missing without a repeats block, not 0', async () => {
    const m = await metricsOf(path, { repeats: null });
    expect(m.cases['东湖社区'].reopen_rate).toBeNull();
    expect(m.cases['东湖社区'].merged_share).toBeNull();
    // The exclusion column still applies.
    expect(m.cases['东湖社区'].case_count).toBe(6);
    expect(m.repeats?.settings).toBeNull();
  });

  it('a key naming a field the log lacks is a configuration error naming the field and the columns', async () => {
    const p = tempFile('no-grid.csv', csv(rows));
    await expect(metricsOf(p, { repeats: { ...REPEATS, mergeKeys: ['grid', 'category'] } })).rejects.toThrow(ConfigError);
    const e = await metricsOf(p, { repeats: { ...REPEATS, mergeKeys: ['grid', 'category'] } }).catch((x: ConfigError) => x);
    expect((e as ConfigError).location.path).toBe('repeats.merge_keys[0]');
    expect((e as ConfigError).message).toMatch(/"grid".*工单编号, 所属社区/);
  });
});
