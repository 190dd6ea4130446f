/**
 * Side-by-side comparison of alternative weightings (design §6.5): the base run and each scenario's rescored
 * result, unit by unit, with rank correlations between every pair of rankings.
 *
 * Per unit: base total, rank and grade; per scenario total, rank, rank_change = base rank − scenario rank
 * (positive = moved up, as in period comparisons), grade and whether it differs from the base grade.
 * Per pair of rankings (base included, each pair once, in file order): Spearman's ρ and Kendall's τ-b of the
 * ranks over the units ranked in both (null when undefined, e.g. every total tied). Ranks, not totals, so that a
 * vetoed unit ranked last (veto_rank: last) counts where it is ranked; without vetoes this is the same as
 * correlating the totals rounded as ranks round them. A unit without a rank (not assessed, or vetoed under
 * veto_rank: none) is left out of the correlations and has null base cells.
 * Units are matched by id; a unit missing from a scenario (possible with an alternative indicator system and
 * registry) has null cells there and is not counted in that scenario's correlations.
 * @example compareScenarios(base, [{ name: '重满意度', result }]).correlations[0] // → { a: 'base', b: '重满意度', spearman: 0.9…, kendall_tau_b: 0.8…, n: 12 }
 */
import { kendallTauB, spearman } from '../stats/rank-correlation.js';
import type { AssessmentResult } from '../model/result.js';
import { BASE_SCENARIO } from './scenarios-file.js';

export interface ScenarioCell {
  total: number | null;
  rank: number | null;
  rank_change: number | null;
  grade: string | null;
  grade_changed: boolean | null;
}

export interface ScenarioUnitRow {
  unit: string;
  name: string | null;
  base_total: number | null;
  base_rank: number | null;
  base_grade: string | null;
  /** Scenario name → its cell. */
  scenarios: Record<string, ScenarioCell>;
}

export interface ScenarioCorrelation {
  a: string;
  b: string;
  spearman: number | null;
  kendall_tau_b: number | null;
  /** Units present in both rankings. */
  n: number;
}

export interface GradeChange {
  unit: string;
  scenario: string;
  /** null: not assessed. */
  from: string | null;
  to: string | null;
}

export interface ScenarioComparison {
  /** The base first, then the scenarios in file order. */
  scenarios: { name: string; description: string | null; indicator_system: string; overrides: Record<string, number> }[];
  units: ScenarioUnitRow[];
  correlations: ScenarioCorrelation[];
  grade_changes: GradeChange[];
}

export interface NamedResult {
  name: string;
  description?: string | null;
  /** The weight overrides the scenario applied (for the report), empty for an alternative system alone. */
  overrides?: Record<string, number>;
  result: AssessmentResult;
}

export function compareScenarios(base: AssessmentResult, scenarios: NamedResult[]): ScenarioComparison {
  const runs: NamedResult[] = [{ name: BASE_SCENARIO, description: null, overrides: {}, result: base }, ...scenarios];
  const lookups = runs.map((r) => new Map(r.result.units.map((u) => [u.unit, u])));

  const units: ScenarioUnitRow[] = base.units.map((u) => {
    const cells: Record<string, ScenarioCell> = {};
    scenarios.forEach((s, i) => {
      const other = lookups[i + 1].get(u.unit);
      cells[s.name] = other
        ? {
            total: other.total,
            rank: other.rank,
            rank_change: u.rank !== null && other.rank !== null ? u.rank - other.rank : null,
            grade: other.grade,
            grade_changed: other.grade !== u.grade,
          }
        : { total: null, rank: null, rank_change: null, grade: null, grade_changed: null };
    });
    return { unit: u.unit, name: u.name, base_total: u.total, base_rank: u.rank, base_grade: u.grade, scenarios: cells };
  });

  const correlations: ScenarioCorrelation[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const x: number[] = [];
      const y: number[] = [];
      for (const u of runs[i].result.units) {
        const other = lookups[j].get(u.unit);
        if (!other || u.rank === null || other.rank === null) continue;
        // Negated so that the values point the way totals do (larger is better); ties stay ties.
        x.push(-u.rank);
        y.push(-other.rank);
      }
      correlations.push({ a: runs[i].name, b: runs[j].name, spearman: spearman(x, y), kendall_tau_b: kendallTauB(x, y), n: x.length });
    }
  }

  const grade_changes: GradeChange[] = [];
  for (const row of units) {
    for (const s of scenarios) {
      const cell = row.scenarios[s.name];
      if (cell.grade_changed) grade_changes.push({ unit: row.unit, scenario: s.name, from: row.base_grade, to: cell.grade });
    }
  }

  return {
    scenarios: runs.map((r) => ({
      name: r.name,
      description: r.description ?? null,
      indicator_system: r.result.config.indicator_system.path,
      overrides: r.overrides ?? {},
    })),
    units,
    correlations,
    grade_changes,
  };
}
