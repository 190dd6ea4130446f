/**
 * The metric stage's own decisions about a case log (issue 12, design §4, §7.5): a metric whose source column the
 * log does not have is missing with one warning per column, never 0; cases received after a cut-off inside the
 * period are left out with a warning that counts them; a period that holds no usable case stops the run (exit 3).
 * Expected values are counted by hand from the few rows written here.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { parsePeriod } from '../../src/period.js';
import { computeMetrics } from '../../src/pipeline/compute-metrics.js';
import { csv, tempFile } from '../io/helpers.js';

function metricsOf(path: string, period = parsePeriod('2026Q3'), mapping: Record<string, unknown> | null = null) {
  return computeMetrics({
    cases: { path, mapping },
    survey: null,
    ratings: null,
    units: null,
    period,
    calendar: {},
    settings: DEFAULT_METRIC_SETTINGS,
    maxRejectShare: 1,
  });
}

describe('a metric whose source column is absent', () => {
  // Only the required columns and closed_at: no first_contact_at, verified_at, resolved, satisfaction,
  // returned_count or repeat. Unit 东湖: C1 closed Tue 07-14 (on time), C2 open (received 07-01, long overdue).
  const path = tempFile(
    'no-optional.csv',
    csv([
      ['工单编号', '所属社区', '受理时间', '紧急程度', '办结时间'],
      ['C1', '东湖社区', '2026-07-13 09:00', '一般', '2026-07-14 10:00'],
      ['C2', '东湖社区', '2026-07-01 09:00', '一般', ''],
    ]),
  );

  it('is null for every unit and breakdown group, not 0', async () => {
    const m = await metricsOf(path);
    expect(m.cases['东湖社区']).toMatchObject({
      case_count: 2,
      on_time_close_rate: 0.5, // closed_at is present: C1 on time ÷ (C1 + C2 overdue)
      mean_close_workdays: 1,
      first_contact_rate: null,
      resolution_rate: null,
      satisfaction_rate: null,
      satisfaction_score: null,
      verification_rate: null,
      return_rate: null,
      repeat_rate: null,
    });
    expect(m.breakdowns.urgency[0].metrics).toMatchObject({ return_rate: null, repeat_rate: null, first_contact_rate: null, verification_rate: null });
  });

  it('gives one metric_column_absent warning per absent column, naming the column and its metrics', async () => {
    const m = await metricsOf(path);
    const absent = m.warnings.filter((w) => w.code === 'metric_column_absent');
    expect(absent.map((w) => w.params?.column)).toEqual(['first_contact_at', 'verified_at', 'resolved', 'satisfaction', 'returned_count', 'repeat']);
    expect(absent.find((w) => w.params?.column === 'returned_count')).toEqual({
      code: 'metric_column_absent',
      message: expect.stringContaining('cases.return_rate'),
      where: path,
      params: { column: 'returned_count', metrics: 'cases.return_rate' },
    });
    expect(absent.find((w) => w.params?.column === 'satisfaction')?.params?.metrics).toBe('cases.satisfaction_rate, cases.satisfaction_score');
  });

  it('treats a closing column that is absent the same way: no on-time rate from cases that merely look open', async () => {
    const p = tempFile('no-closed.csv', csv([['工单编号', '所属社区', '受理时间', '紧急程度'], ['C1', '东湖社区', '2026-07-01 09:00', '一般']]));
    const m = await metricsOf(p);
    expect(m.cases['东湖社区'].on_time_close_rate).toBeNull();
    expect(m.warnings.find((w) => w.params?.column === 'closed_at')?.params?.metrics).toBe(
      'cases.on_time_close_rate, cases.resolution_rate, cases.verification_rate, cases.mean_close_workdays',
    );
  });

  it('counts a column given by a constant in the mapping as present', async () => {
    const m = await metricsOf(path, parsePeriod('2026Q3'), { constants: { returned_count: 0, repeat: '否' } });
    expect(m.cases['东湖社区']).toMatchObject({ return_rate: 0, repeat_rate: 0 });
    expect(m.warnings.map((w) => w.params?.column)).not.toContain('returned_count');
  });

  it('still gives a rate for a present column with blank cells (returned_count empty: 0; repeat empty: false)', async () => {
    // C1 returned once, C2 and C3 blank → 1/3; repeat: C3 yes, the others blank → 1/3. No first-contact column
    // value either, but the column is there: contact falls back to closed_at (C1 closed the next working day → in time).
    const p = tempFile(
      'blanks.csv',
      csv([
        ['工单编号', '所属社区', '受理时间', '紧急程度', '首次联系时间', '办结时间', '退单次数', '是否重复诉求'],
        ['C1', '东湖社区', '2026-07-13 09:00', '一般', '', '2026-07-14 10:00', '1', ''],
        ['C2', '东湖社区', '2026-07-13 09:00', '一般', '', '', '', ''],
        ['C3', '东湖社区', '2026-07-13 09:00', '一般', '', '', '', '是'],
      ]),
    );
    const m = await metricsOf(p);
    expect(m.cases['东湖社区'].return_rate).toBeCloseTo(1 / 3, 12);
    expect(m.cases['东湖社区'].repeat_rate).toBeCloseTo(1 / 3, 12);
    // C1 contacted (via closed_at) in time; C2 and C3 never contacted, their 1-working-day limit long passed → 1/3.
    expect(m.cases['东湖社区'].first_contact_rate).toBeCloseTo(1 / 3, 12);
    expect(m.warnings.map((w) => w.params?.column)).toEqual(['verified_at', 'resolved', 'satisfaction']);
  });
});

describe('a cut-off inside the period', () => {
  // Period 2026Q3 with the cut-off 2026-08-31 12:00: S1 and S2 are counted, S3 (08-31 12:00:01) and S4 (09-10) are
  // received after it and left out, S5 is outside the period.
  const path = tempFile(
    'cutoff.csv',
    csv([
      ['工单编号', '所属社区', '受理时间', '紧急程度', '首次联系时间', '办结时间', '退单次数', '是否重复诉求', '核实反馈时间', '是否解决', '回访满意度'],
      ['S1', '东湖社区', '2026-08-20 09:00', '一般', '', '2026-08-21 10:00', '1', '', '', '', ''],
      ['S2', '东湖社区', '2026-08-31 12:00', '一般', '', '', '', '', '', '', ''],
      ['S3', '东湖社区', '2026-08-31 12:00:01', '一般', '', '2026-08-31 13:00', '1', '是', '', '', ''],
      ['S4', '西湖社区', '2026-09-10 09:00', '一般', '', '2026-09-10 10:00', '', '', '', '', ''],
      ['S5', '东湖社区', '2026-10-02 09:00', '一般', '', '', '', '', '', '', ''],
    ]),
  );

  it('leaves out the cases received after it, from every metric and from case_count', async () => {
    const m = await metricsOf(path, parsePeriod('2026Q3', '2026-08-31 12:00'));
    expect(Object.keys(m.cases)).toEqual(['东湖社区']); // 西湖 has only S4, received after the cut-off
    expect(m.cases['东湖社区']).toMatchObject({ case_count: 2, return_rate: 0.5, repeat_rate: 0, on_time_close_rate: 1 });
    expect(m.dataQuality.files[0]).toMatchObject({ rows: 5, accepted: 2, rejected: 0, out_of_period: 3, after_cutoff: 2 });
  });

  it('warns with their count', async () => {
    const m = await metricsOf(path, parsePeriod('2026Q3', '2026-08-31 12:00'));
    expect(m.warnings).toEqual([
      {
        code: 'cases_after_cutoff',
        message: expect.stringMatching(/^2 cases of .* after the cut-off 2026-08-31T12:00:00/),
        where: path,
        params: { count: 2, as_of: '2026-08-31T12:00:00' },
      },
    ]);
  });

  it('does not warn when the cut-off is the end of the period', async () => {
    const m = await metricsOf(path);
    expect(m.warnings).toEqual([]);
    expect(m.cases['东湖社区'].case_count).toBe(3);
  });
});

describe('a period that holds no case of the case log', () => {
  const path = tempFile('q2.csv', csv([['工单编号', '所属社区', '受理时间', '紧急程度', '办结时间'], ['C1', '东湖社区', '2026-05-13 09:00', '一般', '2026-05-14 10:00']]));

  it('stops with a DataError (exit 3) naming the case log and the period', async () => {
    const e = await metricsOf(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).exitCode).toBe(3);
    expect((e as DataError).location.file).toBe(path);
    expect((e as DataError).message).toContain('2026-07-01..2026-09-30');
  });

  it('names the cut-off too when every case of the period came after it', async () => {
    const p = tempFile('late.csv', csv([['工单编号', '所属社区', '受理时间', '紧急程度'], ['C1', '东湖社区', '2026-09-13 09:00', '一般']]));
    const e = await metricsOf(p, parsePeriod('2026Q3', '2026-08-31')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toContain('up to the cut-off 2026-08-31T23:59:59');
  });
});
