import { competitionRanks } from './competition-rank.js';
import { isNegligibleSpread } from './negligible-spread.js';
import { checkDirections, checkUnitsMatrix, checkWeights, column } from './weights/matrix-checks.js';
import { MethodInputError } from './weights/method-error.js';

export interface VikorResult {
  /** Group utility S_i (smaller is better). */
  s: number[];
  /** Individual regret R_i (smaller is better). */
  r: number[];
  /** Compromise index Q_i ∈ [0, 1] (smaller is better). */
  q: number[];
  /** Competition ranks by Q, smallest first (ties share the best rank). */
  ranks: number[];
  v: number;
  /** DQ = 1/(m − 1), the least Q advantage the best unit needs over the second (condition C1). */
  dq: number;
  /** C1, acceptable advantage: Q(A⁽²⁾) − Q(A⁽¹⁾) ≥ DQ. True for a single unit (no rival). */
  acceptableAdvantage: boolean;
  /** C2, acceptable stability: A⁽¹⁾ is also best (or tied best) by S or by R. */
  acceptableStability: boolean;
  /** Row indices of the compromise solution(s), best Q first (step 5 of the method). */
  compromise: number[];
}

/**
 * VIKOR (Opricovic 1998; Opricovic & Tzeng 2004, EJOR 156:445–455) over a units × indicators matrix (rows = units).
 * 1. Per column j the best f*_j and worst f⁻_j value (max/min for benefit columns, min/max for cost).
 * 2. d_ij = w_j·(f*_j − x_ij)/(f*_j − f⁻_j), weights normalised to sum 1; a column whose spread is negligible
 *    (negligible-spread.ts) tells no unit apart and gives d_ij = 0.
 *    S_i = Σ_j d_ij (group utility), R_i = max_j d_ij (individual regret).
 * 3. Q_i = v·(S_i − S*)/(S⁻ − S*) + (1 − v)·(R_i − R*)/(R⁻ − R*), S* = min S, S⁻ = max S (likewise R); a term whose
 *    range is 0 (every unit alike on it) is 0 for every unit, so Q is never 0/0. v = 0.5 by default ("by consensus").
 * 4. Ranks by Q, smallest first.
 * 5. Compromise: A⁽¹⁾ (best Q) if C1 (Q(A⁽²⁾) − Q(A⁽¹⁾) ≥ DQ = 1/(m − 1)) and C2 (A⁽¹⁾ also best by S or R) hold;
 *    if only C2 fails, A⁽¹⁾ and A⁽²⁾; if C1 fails, A⁽¹⁾ … A⁽ᴹ⁾ for the largest M with Q(A⁽ᴹ⁾) − Q(A⁽¹⁾) < DQ.
 *    Units tied on Q keep their row order. A single unit is its own compromise (both conditions hold: no rival).
 * @throws MethodInputError for a ragged / non-finite matrix, weights / directions that do not match it, or v outside [0, 1]
 * @example vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], ['cost', 'benefit']).q // → [1, 0, 1]
 */
export function vikor(matrix: number[][], weights: number[], directions: ('benefit' | 'cost')[], v = 0.5): VikorResult {
  const { m, n } = checkUnitsMatrix(matrix, 'VIKOR');
  const w = checkWeights(weights, n, 'VIKOR');
  checkDirections(directions, n, 'VIKOR');
  if (!(typeof v === 'number' && v >= 0 && v <= 1)) {
    throw new MethodInputError(`VIKOR: v = ${String(v)} is not between 0 and 1`, undefined, undefined, 'v weighs group utility against individual regret; 0.5 is the usual choice');
  }
  const s = new Array<number>(m).fill(0);
  const r = new Array<number>(m).fill(0);
  for (let j = 0; j < n; j++) {
    const x = column(matrix, j);
    if (isNegligibleSpread(x)) continue;
    const hi = Math.max(...x);
    const lo = Math.min(...x);
    const best = directions[j] === 'benefit' ? hi : lo;
    const worst = directions[j] === 'benefit' ? lo : hi;
    for (let i = 0; i < m; i++) {
      const d = (w[j] * (best - x[i])) / (best - worst);
      s[i] += d;
      if (d > r[i]) r[i] = d;
    }
  }
  const scaled = (vals: number[]) => {
    const lo = Math.min(...vals);
    const range = Math.max(...vals) - lo;
    return vals.map((x) => (isNegligibleSpread(vals) || range === 0 ? 0 : (x - lo) / range));
  };
  const sScaled = scaled(s);
  const rScaled = scaled(r);
  const q = sScaled.map((x, i) => v * x + (1 - v) * rScaled[i]);
  const ranks = competitionRanks(q, 'asc');

  const order = q.map((_, i) => i).sort((a, b) => q[a] - q[b] || a - b);
  const dq = m > 1 ? 1 / (m - 1) : 0;
  const first = order[0];
  const acceptableAdvantage = m === 1 || q[order[1]] - q[first] >= dq - 1e-12;
  const minS = Math.min(...s);
  const minR = Math.min(...r);
  const acceptableStability = s[first] <= minS || r[first] <= minR;
  let compromise: number[];
  if (acceptableAdvantage && acceptableStability) compromise = [first];
  else if (acceptableAdvantage) compromise = [first, order[1]];
  else compromise = order.filter((i) => q[i] - q[first] < dq - 1e-12);
  return { s, r, q, ranks, v, dq, acceptableAdvantage, acceptableStability, compromise };
}
