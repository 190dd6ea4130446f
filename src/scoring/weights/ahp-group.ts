import { AHP_CR_LIMIT, ahp, combineExpertMatrices, type AhpMethod, type RiTable } from './ahp.js';

/** Saaty's 1–9 scale and its reciprocals, smallest first: the values a reviewer would write into a matrix. */
export const SAATY_SCALE: readonly number[] = [9, 8, 7, 6, 5, 4, 3, 2].map((x) => 1 / x).concat([1, 2, 3, 4, 5, 6, 7, 8, 9]);

export interface ConsistencyRepair {
  /** 0-based cell of the judgement to change (upper triangle: row < col). */
  row: number;
  col: number;
  given: number;
  crBefore: number;
  /** The scale value of that judgement that lowers CR most, and the CR it gives. */
  best: { value: number; cr: number };
  /** The scale value nearest the given one (in ratio) that brings CR under 0.10, or null if none does. */
  acceptable: { value: number; cr: number } | null;
}

/**
 * Which single judgement of a pairwise matrix to change to lower its consistency ratio most, and to what.
 * Every upper-triangle judgement a_ij (i < j) is tried at every value v of Saaty's scale (SAATY_SCALE: 1/9 … 9),
 * with a_ji = 1/v and the rest unchanged, and CR recomputed by `ahp` with the same method and RI table. The
 * judgement whose best value gives the lowest CR is chosen (on a tie the one changed least, then the first in row
 * order); besides that best
 * value, the value nearest the given one — smallest |ln v − ln a_ij| — among those that bring CR under 0.10 is
 * reported, the smallest change that makes the matrix acceptable through this judgement.
 * Cost: n(n − 1)/2 · 17 AHP evaluations (n ≤ 15).
 * @returns null for n ≤ 2 (every such matrix is consistent)
 * @throws MethodInputError as `ahp` does for a matrix it cannot read
 * @example consistencyRepair([[1, 2, 8], [1/2, 1, 2], [1/8, 1/2, 1]])?.best.value // → 4
 */
export function consistencyRepair(matrix: number[][], opts: { method?: AhpMethod; ri?: RiTable } = {}): ConsistencyRepair | null {
  const n = matrix.length;
  const before = ahp(matrix, opts);
  if (n <= 2) return null;
  let found: ConsistencyRepair | null = null;
  const trial = matrix.map((row) => [...row]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const given = matrix[i][j];
      let best = { value: given, cr: before.cr };
      let acceptable: ConsistencyRepair['acceptable'] = null;
      for (const v of SAATY_SCALE) {
        trial[i][j] = v;
        trial[j][i] = 1 / v;
        const cr = ahp(trial, opts).cr;
        if (cr < best.cr - 1e-12) best = { value: v, cr };
        if (cr < AHP_CR_LIMIT && (acceptable === null || Math.abs(Math.log(v / given)) < Math.abs(Math.log(acceptable.value / given)) - 1e-12)) {
          acceptable = { value: v, cr };
        }
      }
      trial[i][j] = matrix[i][j];
      trial[j][i] = matrix[j][i];
      const change = Math.abs(Math.log(best.value / given));
      const better =
        found === null ||
        best.cr < found.best.cr - 1e-12 ||
        (Math.abs(best.cr - found.best.cr) <= 1e-12 && change < Math.abs(Math.log(found.best.value / found.given)) - 1e-12);
      if (better) found = { row: i, col: j, given, crBefore: before.cr, best, acceptable };
    }
  }
  return found;
}

export interface ExpertConsistency {
  /** 1-based expert number, in the order of `matrices:`. */
  expert: number;
  lambdaMax: number;
  ci: number;
  cr: number;
  weights: number[];
  /**
   * How far the expert's judgements depart from the group's weights w: the mean over the judgements i < j of
   * (ln a_ij − ln(w_i/w_j))², the geometric compatibility of Aguarón & Moreno-Jiménez (2003, EJOR 147:137–145)
   * taken as a mean over the n(n − 1)/2 judgements. 0 when the expert's matrix is exactly the group's ratios.
   */
  departure: number;
  /** For an expert whose own CR ≥ 0.10: the judgement to change (consistencyRepair), else null. */
  repair: ConsistencyRepair | null;
}

export interface GroupAhpDetails {
  experts: ExpertConsistency[];
  /** 1-based number of the expert departing most from the group result (the first on a tie). */
  mostDeparting: number;
  /** The combined (element-wise geometric mean) matrix's weights and CR. */
  group: { weights: number[]; lambdaMax: number; ci: number; cr: number };
  /** For an inconsistent combined matrix (CR ≥ 0.10): the judgement of the combined matrix to change. */
  groupRepair: ConsistencyRepair | null;
}

/**
 * Group AHP (design §6.2) in detail: each expert's own λmax, CI and CR (Saaty's rule: CR < 0.10), how far each
 * expert departs from the group result (`departure`, above), the expert departing most, and for any matrix with
 * CR ≥ 0.10 — an expert's or the combined one — the judgement whose change lowers CR most (consistencyRepair).
 * The group result is that of the element-wise geometric mean of the matrices (combineExpertMatrices).
 * @throws MethodInputError as `ahp` and `combineExpertMatrices` do
 * @example groupAhpDetails([[[1, 2], [1/2, 1]], [[1, 3], [1/3, 1]], [[1, 9], [1/9, 1]]]).mostDeparting // → 3
 */
export function groupAhpDetails(matrices: number[][][], opts: { method?: AhpMethod; ri?: RiTable } = {}): GroupAhpDetails {
  const combined = ahp(combineExpertMatrices(matrices), opts);
  const w = combined.weights;
  const n = w.length;
  const pairs = (n * (n - 1)) / 2;
  const experts = matrices.map((a, k): ExpertConsistency => {
    const own = ahp(a, opts);
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += Math.log((a[i][j] * w[j]) / w[i]) ** 2;
    return {
      expert: k + 1,
      lambdaMax: own.lambdaMax,
      ci: own.ci,
      cr: own.cr,
      weights: own.weights,
      departure: pairs > 0 ? sum / pairs : 0,
      repair: own.cr >= AHP_CR_LIMIT ? consistencyRepair(a, opts) : null,
    };
  });
  let most = 0;
  experts.forEach((e, k) => {
    if (e.departure > experts[most].departure + 1e-12) most = k;
  });
  return {
    experts,
    mostDeparting: most + 1,
    group: { weights: w, lambdaMax: combined.lambdaMax, ci: combined.ci, cr: combined.cr },
    groupRepair: combined.cr >= AHP_CR_LIMIT ? consistencyRepair(combineExpertMatrices(matrices), opts) : null,
  };
}
