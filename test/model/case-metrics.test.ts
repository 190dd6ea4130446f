// The case-metric table (issue 13 item 1): every list of the case metrics derives from it, and what it derives is
// what the hand-written lists said before (metrics/cases.ts METRIC_SOURCE_COLUMNS, report/sheets/case-metrics.ts
// column numbers, format/metrics-table.ts header, report/labels.ts caseMetricNames, model/findings.ts COST_CASE_METRICS,
// all as of main 6ccb3ea).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_METRICS,
  CASE_METRIC_IDS,
  CASE_SOURCE_COLUMNS,
  CASE_TALLIES,
  caseMetricDefinition,
  caseMetricValue,
  tallyOf,
  type CaseCounts,
  type CaseMetricDefinition,
} from '../../src/model/case-metrics.js';
import { COST_CASE_METRICS } from '../../src/model/findings.js';
import { renderMetricsTable } from '../../src/format/metrics-table.js';
import { METRIC_SOURCE_COLUMNS, caseMetricsOf, emptyCaseCounts } from '../../src/metrics/cases.js';
import { labels } from '../../src/report/labels.js';
import { caseTableColumns } from '../../src/report/sheets/case-metrics.js';
import type { MetricsResult } from '../../src/types.js';
import { propertyParams } from '../helpers/property-params.js';
import { UNIT_A_COUNTS, UNIT_A_METRICS } from '../metrics/cases.fixture.js';

const defs = CASE_METRICS as Record<string, CaseMetricDefinition>;

describe('the case-metric table', () => {
  it('lists the metrics of design §4 in the JSON contract order', () => {
    expect(CASE_METRIC_IDS).toEqual([
      'case_count',
      'on_time_close_rate',
      'first_contact_rate',
      'resolution_rate',
      'satisfaction_rate',
      'satisfaction_score',
      'verification_rate',
      'return_rate',
      'repeat_rate',
      'mean_close_workdays',
      'cases_per_10k',
      // Issue 14 (design §4, §4.1): after the metrics of issue 13's table, in the order they were added.
      'reopen_rate',
      'merged_share',
    ]);
    expect(caseMetricDefinition('on_time_close_rate')?.format).toBe('percent');
    expect(caseMetricDefinition('toString')).toBeUndefined();
    expect(caseMetricDefinition('speed')).toBeUndefined();
  });

  it('names only tallies it defines, and only tallies with a head as sheet columns', () => {
    for (const id of CASE_METRIC_IDS) {
      const d = defs[id];
      const used = 'tally' in d.value ? [d.value.tally] : 'ratio' in d.value ? [...d.value.ratio] : [d.value.perPopulation];
      for (const t of used) expect(CASE_TALLIES, `${id} reads ${t}`).toHaveProperty(t);
      for (const t of d.sheet?.columns ?? []) expect(CASE_TALLIES[t].head, `${id} shows ${t}`).not.toBeNull();
      for (const c of d.sourceColumns) expect(CASE_SOURCE_COLUMNS).toContain(c);
    }
  });

  it('computes design §4 from the counts (the per-case table of test/metrics/cases.fixture.ts, unit A)', () => {
    const a: CaseCounts = UNIT_A_COUNTS;
    expect(tallyOf(a, 'due')).toBe(8);
    // The table computes from counts alone: unit A has nothing reopened or merged, so 0 of 6 closed and 0 of 10
    // cases. UNIT_A_METRICS has null for both because the metric stage leaves them missing without a repeats: block.
    expect(Object.fromEntries(CASE_METRIC_IDS.map((id) => [id, caseMetricValue(id, a, 20_000)]))).toEqual({ ...UNIT_A_METRICS, reopen_rate: 0, merged_share: 0 });
    expect(caseMetricValue('cases_per_10k', a, 0)).toBeNull();
    expect(caseMetricValue('cases_per_10k', a, null)).toBeNull();
  });

  it('gives null, never NaN, for an empty denominator', () => {
    const counter = fc.nat({ max: 3 });
    const counts = fc.record(Object.fromEntries(Object.keys(emptyCaseCounts()).map((k) => [k, counter])) as Record<keyof CaseCounts, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(counts, fc.option(fc.nat({ max: 50_000 })), (c, pop) => {
        for (const id of CASE_METRIC_IDS) {
          const v = caseMetricValue(id, c, pop);
          const d = defs[id].value;
          if ('ratio' in d && tallyOf(c, d.ratio[1]) === 0) expect(v).toBeNull();
          else if (v !== null) expect(Number.isFinite(v)).toBe(true);
        }
      }),
      propertyParams(100),
    );
  });
});

describe('what derives from the table', () => {
  it('the metric_column_absent rule: the column list of metrics/cases.ts before issue 13', () => {
    expect(METRIC_SOURCE_COLUMNS).toEqual([
      { column: 'closed_at', metrics: ['on_time_close_rate', 'resolution_rate', 'verification_rate', 'mean_close_workdays'] },
      { column: 'first_contact_at', metrics: ['first_contact_rate'] },
      { column: 'verified_at', metrics: ['verification_rate'] },
      { column: 'resolved', metrics: ['resolution_rate'] },
      { column: 'satisfaction', metrics: ['satisfaction_rate', 'satisfaction_score'] },
      { column: 'returned_count', metrics: ['return_rate'] },
      { column: 'repeat', metrics: ['repeat_rate'] },
    ]);
  });

  it('a group’s metrics: one key per entry, in the table’s order, null for a metric whose column is absent', () => {
    const m = caseMetricsOf({ ...emptyCaseCounts(), cases: 4, returned: 1 }, 20_000, new Set(['repeat_rate']));
    expect(Object.keys(m)).toEqual([...CASE_METRIC_IDS]);
    expect(m.return_rate).toBe(0.25);
    expect(m.repeat_rate).toBeNull();
  });

  it('the report’s metric names in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(Object.keys(labels(lang).caseMetricNames)).toEqual([...CASE_METRIC_IDS]);
    }
    expect(labels('zh').caseMetricNames.verification_rate).toBe('核实反馈率');
    expect(labels('en').caseMetricNames.mean_close_workdays).toBe('Mean working days to close');
  });

  it('the cost metrics of the findings: direction cost', () => {
    expect([...COST_CASE_METRICS]).toEqual(['return_rate', 'repeat_rate', 'mean_close_workdays', 'reopen_rate']);
  });

  it('the header of `govscore metrics`: one column per metric, by its short name', () => {
    const m = { period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T24:00:00' }, units: [], cases: {}, dataQuality: { files: [{ kind: 'cases' }], by_reason: {} } };
    const header = renderMetricsTable(m as unknown as MetricsResult).split('\n')[2].trim().split(/\s{2,}/);
    expect(header).toEqual(['unit', 'cases', 'on-time', 'contact', 'resolved', 'satisf.', 'sat.score', 'verified', 'returned', 'repeat', 'workdays', 'per 10k', 'reopen', 'merged']);
  });

  it('the case-metrics sheet’s columns, numerator and denominator columns as the sheet numbered them by hand', () => {
    const name = (id: string) => labels('zh').caseMetricNames[id];
    const timeliness = caseTableColumns('timeliness', 'zh', name, () => true);
    expect(timeliness.map((c) => c.head)).toEqual(['工单数', '已办结', '按时办结', '超时办结', '超期未办结', '在办未超期', '应办结', '按时办结率', '应联系', '按时联系', '先行联系率', '平均办结工作日']);
    expect(timeliness.filter((c) => c.rate).map((c) => [c.rate!.metric, c.rate!.num, c.rate!.den])).toEqual([
      ['on_time_close_rate', 4, 8],
      ['first_contact_rate', 11, 10],
    ]);
    // Mean working days: weighted by closed cases, column 3 (C).
    expect(timeliness.at(-1)).toMatchObject({ total: 'weighted', weightedBy: 3, fmt: '0.0' });

    const quality = caseTableColumns('quality', 'en', (id) => labels('en').caseMetricNames[id], () => true);
    expect(quality.map((c) => c.head)).toEqual([
      'Cases',
      'With outcome',
      'Resolved',
      'Resolution rate',
      'Rated',
      'Satisfied',
      'Callback satisfaction rate',
      'Closed',
      'Verified',
      'Verification rate',
      'Returned',
      'Return rate',
      'Repeat',
      'Repeat rate',
      'Cases per 10,000',
      'Reopened',
      'Reopen rate',
      'Merged',
      'Merged share',
    ]);
    expect(quality.filter((c) => c.rate).map((c) => [c.rate!.metric, c.rate!.num, c.rate!.den])).toEqual([
      ['resolution_rate', 4, 3],
      ['satisfaction_rate', 7, 6],
      ['verification_rate', 10, 9],
      ['return_rate', 12, 2],
      ['repeat_rate', 14, 2],
      // Reopened (column 17) over closed (column 9); merged share has no live formula: under basis: events its
      // denominator (every case, merged children included) is not a column of the sheet.
      ['reopen_rate', 17, 9],
    ]);
    expect(quality[14]).toMatchObject({ head: 'Cases per 10,000', total: 'none', fmt: '0.0' });
    expect(quality.at(-1)).toMatchObject({ head: 'Merged share', total: 'none', fmt: '0.0%' });
    // A metric the caller does not show (cases per 10 000 without any population) leaves no column.
    expect(caseTableColumns('quality', 'en', (id) => id, (id) => id !== 'cases_per_10k')).toHaveLength(18);
  });
});
