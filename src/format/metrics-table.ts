/** The terminal rendering of `govscore metrics` without --json. */
import { CASE_METRICS, CASE_METRIC_IDS, type CaseMetricFormat } from '../model/case-metrics.js';
import type { MetricsResult } from '../types.js';
import { fmt, fmtPct, renderTable } from './table.js';

/** How the terminal shows each kind of case metric (the case-metric table's `format`). */
const TEXT_FORMAT: Record<CaseMetricFormat, (x: number | null | undefined) => string> = {
  count: (x) => String(x ?? 0),
  percent: (x) => fmtPct(x),
  days: (x) => fmt(x, 2),
  per_10k: (x) => fmt(x),
  score: (x) => fmt(x),
};

export function renderMetricsTable(m: MetricsResult, periodKnown = true): string {
  // One column per case metric of the table, headed by its short name.
  const header = ['unit', ...CASE_METRIC_IDS.map((id) => CASE_METRICS[id].short)];
  const rows = m.units.map((u) => {
    const c = m.cases[u.unit];
    return [u.unit, ...CASE_METRIC_IDS.map((id) => TEXT_FORMAT[CASE_METRICS[id].format](c?.[id]))];
  });
  const period = periodKnown ? `period ${m.period.from}..${m.period.to}, cut-off ${m.period.as_of}` : 'no period (no --period and no case log)';
  const hasCaseLog = m.dataQuality.files.some((f) => f.kind === 'cases');
  let out = `${period}\n\n` + (hasCaseLog ? renderTable(header, rows) : 'no case log: no case metrics\n');
  if (m.survey) {
    out += '\nsurvey\n';
    out += renderTable(
      ['unit', 'n', 'index', 'rate', '±95%', 'alpha', 'low n'],
      Object.entries(m.survey.units).map(([unit, s]) => [unit, String(s.n), fmt(s.index), fmtPct(s.rate), fmt(s.moe), fmt(s.alpha, 3), s.lowN ? 'yes' : '']),
    );
  }
  if (m.ratings) {
    out += '\nratings\n';
    const rows2: string[][] = [];
    for (const [ind, byUnit] of Object.entries(m.ratings.cells)) {
      for (const [unit, cell] of Object.entries(byUnit)) {
        rows2.push([ind, unit, String(cell.n), fmt(cell.value), fmt(cell.min), fmt(cell.max)]);
      }
    }
    out += renderTable(['indicator', 'unit', 'raters', 'value', 'min', 'max'], rows2);
  }
  const dq = m.dataQuality;
  out += '\ndata quality\n';
  out += renderTable(
    ['file', 'rows', 'accepted', 'rejected', 'outside period'],
    dq.files.map((f) => [f.path, String(f.rows), String(f.accepted), String(f.rejected), String(f.out_of_period)]),
  );
  const reasons = Object.entries(dq.by_reason);
  if (reasons.length) {
    out += '\n' + renderTable(['reason', 'count'], reasons.map(([r, n]) => [r, String(n)]));
  }
  return out;
}
