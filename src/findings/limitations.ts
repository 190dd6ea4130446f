/**
 * 其他需要说明的问题 (design §7.1, §7.5): what limits the reading of the results — every warning of the run (by its
 * stable code), survey samples below the minimum, rated indicators where a unit had fewer raters than the panel,
 * leaves filled by the missing-value policy, rejected and out-of-period rows, units not assessed. Facts only.
 * @example limitationsOf(result, units, []) // → [{ kind: 'low_n', min_n: 30, units: [{ unit: '石榴社区', n: 24 }] }, …]
 */
import type { AssessmentResult } from '../model/result.js';
import type { Limitation, UnitFindings } from '../model/findings.js';

export function limitationsOf(result: AssessmentResult, units: UnitFindings[], notAssessed: string[]): Limitation[] {
  const out: Limitation[] = [];
  const seen = new Set<string>();
  for (const w of result.warnings ?? []) {
    // The same warning for the same place once (a pipeline may repeat it per part of a file).
    const key = `${w.code}\u0000${w.where ?? ''}\u0000${JSON.stringify(w.params ?? {})}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Units not assessed are one limitation below, whatever the pipeline's warnings say about them.
    if (w.code === 'unit_not_assessed' && notAssessed.length) continue;
    out.push({ kind: 'warning', code: w.code, where: w.where, params: { ...(w.params ?? {}) }, message: w.message });
  }
  if (notAssessed.length) out.push({ kind: 'not_assessed', units: notAssessed });

  const survey = result.metrics.survey;
  if (survey) {
    const low = units.filter((u) => u.survey?.low_n).map((u) => ({ unit: u.unit, n: u.survey!.n }));
    if (low.length) out.push({ kind: 'low_n', min_n: survey.minN, units: low });
  }

  const ratings = result.metrics.ratings;
  if (ratings) {
    const assessed = new Set(units.map((u) => u.unit));
    for (const [indicator, info] of Object.entries(ratings.indicators)) {
      const panel = info.raters.length;
      if (panel < 2) continue;
      const short = Object.entries(ratings.cells[indicator] ?? {})
        .filter(([unit, c]) => assessed.has(unit) && c.n < panel)
        .map(([unit, c]) => ({ unit, n: c.n }));
      if (short.length) out.push({ kind: 'rater_panel', indicator, panel, units: short });
    }
  }

  for (const leaf of result.indicators.filter((i) => i.leaf)) {
    const byPolicy = new Map<'renormalize' | 'zero' | 'average', string[]>();
    for (const u of units) {
      const policy = result.units.find((x) => x.unit === u.unit)?.indicators[leaf.id]?.imputed;
      if (policy) byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), u.unit]);
    }
    for (const [policy, list] of byPolicy) out.push({ kind: 'imputed', indicator: leaf.id, policy, units: list });
  }

  // Exclusions and the events basis (issue 14): what the rates leave out, with the counts.
  const repeats = result.metrics.repeats;
  if (repeats) {
    const reasons = new Map<string, number>();
    let excluded = 0;
    let received = 0;
    let cases = 0;
    let events = 0;
    for (const c of Object.values(repeats.units)) {
      excluded += c.excluded;
      received += c.case_count_all;
      cases += c.case_count;
      events += c.events;
      for (const [reason, n] of Object.entries(c.excluded_by_reason)) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    }
    if (excluded > 0) {
      const list = [...reasons.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, count]) => ({ reason, count }));
      out.push({ kind: 'excluded', excluded, received, reasons: list });
    }
    if (repeats.settings?.basis === 'events') out.push({ kind: 'events_basis', cases, events });
  }

  for (const f of result.data_quality.files) {
    if (f.rejected > 0) out.push({ kind: 'rejected_rows', file: f.path, rejected: f.rejected, rows: f.rows });
    if (f.out_of_period > 0) out.push({ kind: 'out_of_period', file: f.path, rows: f.out_of_period });
  }
  return out;
}
