/**
 * The street as a whole (issue 11): grade distribution and totals for the summary, experiences (the units that led
 * each dimension and what their leaves show, case metrics the street does well on), problems with their causes
 * drawn from the breakdowns (urgency classes, departments, categories), suggestions tied to the leaves that cost
 * the units most points together, and the limitations (limitations.ts). Numbers only; the sentences are in
 * src/report/sentences.ts.
 *
 * Causes are reported only when the breakdown shows them clearly:
 * - an urgency class whose on-time rate is ≥ 2 points below general cases' (classes with ≥ 20 cases);
 * - departments ≥ 2 points below the pooled on-time rate (≥ 20 cases; the two lowest);
 * - categories whose return (repeat) rate is ≥ 1 point and ≥ 30 % above the pooled rate (≥ 20 cases; the two highest).
 * Suggestions: the (up to four) leaves with the largest sum over units of global_weight × (100 − score), each > 0.
 * @example overallFindings(result, units, pooled).problems[0] // → { kind: 'low_grade', grade: '不合格', units: [...] }
 */
import type { BreakdownRow, CaseCounts, CaseMetricId, CaseMetrics } from '../types.js';
import type { AssessmentResult } from '../model/result.js';
import type { Experience, GroupRate, OverallFindings, Problem, Suggestion, SuggestionKind, UnitFindings } from '../model/findings.js';
import { limitationsOf } from './limitations.js';

const MIN_GROUP = 20;

/** The kind of suggestion a leaf's metric calls for. @example suggestionKind('cases.return_rate') // → 'returns' */
export function suggestionKind(metric: string | null): SuggestionKind {
  if (!metric) return 'generic';
  const m = metric.replace(/^cases\./, '');
  if (m === 'on_time_close_rate' || m === 'mean_close_workdays') return 'on_time';
  if (m === 'first_contact_rate') return 'contact';
  if (m === 'resolution_rate' || m === 'reopen_rate') return 'resolution';
  if (m === 'return_rate') return 'returns';
  if (m === 'repeat_rate' || m === 'merged_share') return 'repeats';
  if (m === 'verification_rate') return 'verification';
  if (m === 'satisfaction_rate' || m === 'satisfaction_score' || metric.startsWith('survey.')) return 'satisfaction';
  if (metric.startsWith('ratings.')) return 'rating';
  return 'generic';
}

function group(row: BreakdownRow, rate: number, count: number): GroupRate {
  return { key: row.key, cases: row.counts.cases, rate, count };
}

function urgencyProblem(rows: BreakdownRow[]): Problem | null {
  const general = rows.find((r) => r.key === 'general');
  const g = general?.metrics.on_time_close_rate;
  if (!general || g === null || g === undefined) return null;
  let slow: GroupRate | null = null;
  for (const r of rows) {
    const rate = r.metrics.on_time_close_rate;
    if (r.key === 'general' || rate === null || r.counts.cases < MIN_GROUP || rate > g - 0.02) continue;
    if (!slow || rate < slow.rate) slow = group(r, rate, r.counts.closedLate + r.counts.openOverdue);
  }
  return slow ? { kind: 'urgency_on_time', slow, reference: group(general, g, general.counts.closedLate + general.counts.openOverdue) } : null;
}

function departmentProblem(rows: BreakdownRow[], overall: number | null | undefined): Problem | null {
  if (overall === null || overall === undefined) return null;
  const groups = rows
    .filter((r) => r.counts.cases >= MIN_GROUP && r.metrics.on_time_close_rate !== null && r.metrics.on_time_close_rate <= overall - 0.02)
    .map((r) => group(r, r.metrics.on_time_close_rate!, r.counts.closedLate + r.counts.openOverdue))
    .sort((a, b) => a.rate - b.rate || (a.key < b.key ? -1 : 1))
    .slice(0, 2);
  return groups.length ? { kind: 'department_on_time', groups, overall } : null;
}

function highRateProblem(kind: 'category_returns' | 'category_repeats', rows: BreakdownRow[], metric: CaseMetricId, overall: number | null | undefined): Problem | null {
  if (overall === null || overall === undefined) return null;
  const count = (r: BreakdownRow) => (metric === 'return_rate' ? r.counts.returned : r.counts.repeat);
  const groups = rows
    .filter((r) => {
      const v = r.metrics[metric];
      return r.counts.cases >= MIN_GROUP && v !== null && v >= overall + 0.01 && v >= overall * 1.3;
    })
    .map((r) => group(r, r.metrics[metric]!, count(r)))
    .sort((a, b) => b.rate - a.rate || (a.key < b.key ? -1 : 1))
    .slice(0, 2);
  return groups.length ? { kind, groups, overall } : null;
}

export function overallFindings(result: AssessmentResult, units: UnitFindings[], caseOverall: CaseMetrics | null, pooled: CaseCounts | null = null): OverallFindings {
  const totals = units.map((u) => u.total);
  const sortedTotals = [...totals].sort((a, b) => a - b);
  const mid = sortedTotals.length >> 1;
  const bands = [...result.grades].sort((a, b) => b.min - a.min);
  const gradeCounts = bands.map((b) => ({ grade: b.label.zh, units: units.filter((u) => u.grade === b.label.zh || u.grade === b.label.en).map((u) => u.unit) }));
  const notAssessed = result.units.filter((u) => u.total === null || u.total === undefined).map((u) => u.unit);
  const leaves = result.indicators.filter((i) => i.leaf);
  const byId = new Map(result.units.map((u) => [u.unit, u]));

  // ── experiences: per leading unit, the dimensions it leads (a leader only when 5 points above the median unit)
  const leaders = new Map<string, { dims: { indicator: string; score: number; median: number; gap: number }[]; below: Set<string> }>();
  for (const d of result.indicators.filter((i) => i.level === 1)) {
    let best: UnitFindings | null = null;
    let bestScore = -Infinity;
    const scores: number[] = [];
    for (const u of units) {
      const s = byId.get(u.unit)?.indicators[d.id]?.score;
      if (s === null || s === undefined) continue;
      scores.push(s);
      if (s > bestScore) {
        bestScore = s;
        best = u;
      }
    }
    if (!best || scores.length < 2) continue;
    const med = [...scores].sort((a, b) => a - b);
    const median = med.length % 2 ? med[med.length >> 1] : (med[(med.length >> 1) - 1] + med[med.length >> 1]) / 2;
    if (bestScore - median < 5) continue;
    const entry = leaders.get(best.unit) ?? { dims: [], below: new Set<string>() };
    entry.dims.push({ indicator: d.id, score: bestScore, median, gap: bestScore - median });
    for (const i of result.indicators) if (isBelow(result, i.id, d.id)) entry.below.add(i.id);
    leaders.set(best.unit, entry);
  }
  const experiences: Experience[] = [...leaders.entries()]
    .map(([unit, e]) => {
      const dims = e.dims.sort((a, b) => b.gap - a.gap);
      const leaves = units.find((u) => u.unit === unit)!.leads.filter((l) => e.below.has(l.indicator));
      // Case metrics first: their raw rates say most about the practice behind the score.
      leaves.sort((a, b) => Number(b.metric?.startsWith('cases.') ?? false) - Number(a.metric?.startsWith('cases.') ?? false));
      return { kind: 'dimension_leader' as const, unit, dimensions: dims, leaves: leaves.slice(0, 3) };
    })
    .sort((a, b) => b.dimensions[0].gap - a.dimensions[0].gap);
  if (caseOverall) {
    const strengths: Experience[] = [];
    for (const leaf of leaves) {
      const metric = leaf.metric?.startsWith('cases.') ? (leaf.metric.slice(6) as CaseMetricId) : null;
      if (!metric || !(metric in caseOverall) || caseOverall[metric] === null) continue;
      const scores = units.map((u) => byId.get(u.unit)?.indicators[leaf.id]?.score).filter((s): s is number => s !== null && s !== undefined);
      if (scores.length < 2) continue;
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      if (mean < 75) continue;
      strengths.push({ kind: 'street_strength', metric, indicator: leaf.id, value: caseOverall[metric]!, mean_score: mean, units_at_target: scores.filter((s) => s >= 99.995).length, units: scores.length });
    }
    strengths.sort((a, b) => (b.kind === 'street_strength' && a.kind === 'street_strength' ? b.mean_score - a.mean_score : 0));
    experiences.push(...strengths.slice(0, 2));
  }

  // ── problems
  const problems: Problem[] = [];
  const worst = bands[bands.length - 1];
  if (worst && bands.length > 1) {
    const low = units.filter((u) => (u.grade === worst.label.zh || u.grade === worst.label.en) && !u.grade_before_veto);
    if (low.length) problems.push({ kind: 'low_grade', grade: worst.label.zh, units: low.map((u) => ({ unit: u.unit, total: u.total, weakest: u.weakest?.side === 'below' ? u.weakest.indicator : null })) });
  }
  const vetoed = units.filter((u) => u.vetoes.length > 0);
  if (vetoed.length) {
    problems.push({ kind: 'veto', units: vetoed.map((u) => ({ unit: u.unit, grade_before: u.grade_before_veto ?? u.grade, grade: u.grade, rules: [...u.vetoes] })) });
  }
  const weakCount = new Map<string, { unit: string; score: number; gap: number }[]>();
  for (const u of units) {
    if (!u.weakest || u.weakest.side !== 'below') continue;
    const list = weakCount.get(u.weakest.indicator) ?? [];
    list.push({ unit: u.unit, score: u.weakest.score, gap: u.weakest.gap });
    weakCount.set(u.weakest.indicator, list);
  }
  const common = [...weakCount.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (common && common[1].length >= 2) {
    const med = units.find((u) => u.weakest?.indicator === common[0])!.weakest!.median;
    problems.push({ kind: 'weak_dimension', indicator: common[0], median: med, units: common[1] });
  }
  const b = result.metrics.breakdowns;
  const causes = [
    urgencyProblem(b.urgency),
    departmentProblem(b.department, caseOverall?.on_time_close_rate),
    highRateProblem('category_returns', b.category, 'return_rate', caseOverall?.return_rate),
    caseOverall && caseOverall.repeat_rate ? highRateProblem('category_repeats', b.category, 'repeat_rate', caseOverall.repeat_rate) : null,
  ];
  for (const p of causes) if (p) problems.push(p);
  const hot = repeatHotSpots(result);
  if (hot) problems.push(hot);

  // ── suggestions
  const lost = leaves
    .map((leaf) => {
      const scored = units
        .map((u) => ({ unit: u.unit, score: byId.get(u.unit)?.indicators[leaf.id]?.score }))
        .filter((x): x is { unit: string; score: number } => x.score !== null && x.score !== undefined);
      const points = scored.reduce((s, x) => s + leaf.global_weight * (100 - x.score), 0);
      return { leaf, scored, points };
    })
    .filter((x) => x.scored.length > 0 && x.points > 1e-9)
    .sort((a, b) => b.points - a.points)
    .slice(0, 4);
  const findProblem = <K extends Problem['kind']>(k: K) => problems.find((p): p is Extract<Problem, { kind: K }> => p.kind === k) ?? null;
  const suggestions: Suggestion[] = lost.map(({ leaf, scored, points }) => {
    const kind = suggestionKind(leaf.metric);
    let groupRate: GroupRate | null = null;
    if (kind === 'on_time') groupRate = findProblem('department_on_time')?.groups[0] ?? findProblem('urgency_on_time')?.slow ?? null;
    if (kind === 'returns') groupRate = findProblem('category_returns')?.groups[0] ?? null;
    if (kind === 'repeats') groupRate = findProblem('category_repeats')?.groups[0] ?? null;
    let item: Suggestion['item'] = null;
    const survey = result.metrics.survey;
    if (kind === 'satisfaction' && survey) {
      for (const it of survey.items) {
        const mean = survey.overall.items[it.id];
        if (mean !== null && mean !== undefined && (!item || mean < item.mean)) item = { id: it.id, mean };
      }
    }
    const lowest = [...scored].sort((a, b) => a.score - b.score || (a.unit < b.unit ? -1 : 1)).slice(0, 3);
    return { kind, indicator: leaf.id, mean_score: scored.reduce((s, x) => s + x.score, 0) / scored.length, lost_points: points, lowest, group: groupRate, item };
  });

  // A street-wide strength is not claimed for a metric whose breakdown shows a problem (repeats piling up in a
  // category, returns in a category, delays in a department or urgency class): the two would read as a contradiction.
  const troubled = new Set<string>();
  for (const p of problems) {
    if (p.kind === 'category_repeats') troubled.add('repeat_rate');
    if (p.kind === 'category_returns') troubled.add('return_rate');
    if (p.kind === 'department_on_time' || p.kind === 'urgency_on_time') troubled.add('on_time_close_rate');
  }
  const shownExperiences = experiences.filter((e) => e.kind !== 'street_strength' || !troubled.has(e.metric));

  return {
    assessed: units.length,
    not_assessed: notAssessed,
    mean_total: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : null,
    median_total: totals.length ? (sortedTotals.length % 2 ? sortedTotals[mid] : (sortedTotals[mid - 1] + sortedTotals[mid]) / 2) : null,
    grade_counts: gradeCounts,
    case_overall: caseOverall ? (Object.fromEntries(Object.entries(caseOverall).filter(([, v]) => v !== null)) as Partial<Record<CaseMetricId, number>>) : null,
    case_pooled: pooled,
    experiences: shownExperiences,
    problems,
    suggestions,
    limitations: limitationsOf(result, units, notAssessed),
  };
}

/** Whether `id` lies below `ancestor` in the tree. */
function isBelow(result: AssessmentResult, id: string, ancestor: string): boolean {
  let p = result.indicators.find((i) => i.id === id)?.parent ?? null;
  while (p) {
    if (p === ancestor) return true;
    p = result.indicators.find((i) => i.id === p)?.parent ?? null;
  }
  return false;
}

/** Fewest repeats a unit × category pair needs to be a hot spot. */
const MIN_HOT_SPOT_REPEATS = 3;

/**
 * Repeat hot spots (issue 14): among the unit × category pairs of repeat detection (metrics.repeats.hot_spots), those
 * with at least MIN_HOT_SPOT_REPEATS repeats whose share of repeats is ≥ 1.5 × and ≥ 5 points above the share over
 * all counted cases of the assessed units; the three with most repeats. Null without detection or without a pair.
 */
function repeatHotSpots(result: AssessmentResult): Problem | null {
  const r = result.metrics.repeats;
  if (!r?.settings) return null;
  const assessed = new Set(result.units.filter((u) => u.total !== null).map((u) => u.unit));
  let repeats = 0;
  let cases = 0;
  for (const [unit, c] of Object.entries(r.units)) {
    if (!assessed.has(unit)) continue;
    repeats += c.repeats;
    cases += c.case_count;
  }
  if (cases === 0) return null;
  const overall = repeats / cases;
  const spots = r.hot_spots
    .filter((s) => assessed.has(s.unit) && s.category !== '' && s.repeats >= MIN_HOT_SPOT_REPEATS)
    .map((s) => ({ ...s, rate: s.repeats / s.cases }))
    .filter((s) => s.rate >= 1.5 * overall && s.rate - overall >= 0.05)
    .slice(0, 3);
  return spots.length ? { kind: 'repeat_hot_spots', spots, overall } : null;
}
