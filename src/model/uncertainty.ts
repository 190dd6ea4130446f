/**
 * The uncertainty and sensitivity analysis as the JSON result carries it (issue 16 item 2; computed by
 * src/robustness/uncertainty/analysis.ts, shown on the robustness sheet).
 */

/** One uncertain input of the analysis. */
export interface UncertainInput {
  /** `weights`, `leaf_method:<leaf id>`, `aggregation`, `missing` or `weighting`. */
  id: string;
  kind: 'weights' | 'leaf_method' | 'aggregation' | 'missing' | 'weighting';
  /** The leaf of a leaf_method input, else null. */
  indicator: string | null;
  /** The choices sampled among (uniformly); for weights, the range of the factor, e.g. `×[0.8, 1.2]`. */
  alternatives: string[];
}

export interface UncertaintyUnit {
  unit: string;
  base_rank: number;
  median_rank: number;
  p05_rank: number;
  p95_rank: number;
  /** Input id → first-order index of the unit's rank (null: the rank never moved). */
  first_order: Record<string, number | null>;
  total_order: Record<string, number | null>;
}

export interface RemoveOneRow {
  indicator: string;
  level: number;
  /** Mean over the ranked units of |rank without it − base rank|. */
  mean_abs_rank_change: number;
  max_abs_rank_change: number;
  /** Per ranked unit: the rank without the indicator and the change (positive: falls behind). */
  units: { unit: string; base_rank: number; rank: number; change: number }[];
}

/** `uncertainty` of the JSON result (issue 16 item 2). */
export interface UncertaintyResult {
  /** N base samples of the Saltelli design. */
  samples: number;
  /** Model evaluations: N(k + 2). */
  draws: number;
  seed: number;
  /** p of the weights input (each local weight times U[1 − p, 1 + p]); 0 when the weights were not varied. */
  weight_perturbation: number;
  scheme: string;
  inputs: UncertainInput[];
  units: UncertaintyUnit[];
  /** The mean over ranked units of |rank − base rank| in a draw: its mean over the 2N A/B draws and its indices. */
  mean_rank_shift: { mean: number; first_order: Record<string, number | null>; total_order: Record<string, number | null> };
  remove_one: RemoveOneRow[];
}

