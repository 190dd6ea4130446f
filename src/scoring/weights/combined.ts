import { z } from 'zod';
import { MethodInputError } from './method-error.js';
import { checkWeights } from './matrix-checks.js';
import type { ObjectiveSpec, SubjectiveSpec } from '../../model/indicator-system.js';
import type { WeightMethod } from './weight-method.js';

/**
 * Combined (subjective + objective) weights: w_j = α·s_j + (1 − α)·o_j, after normalising s and o each to sum 1,
 * then renormalised (a no-op up to rounding). α = 1 keeps the subjective (e.g. AHP or direct) weights,
 * α = 0 the objective (entropy, CRITIC, stdev) ones.
 * @throws MethodInputError if the lengths differ, α is outside 0..1, or a vector has a negative, non-finite or
 *   all-zero entry set
 * @example combineWeights([0.6, 0.4], [0.2, 0.8], 0.5) // → [0.4, 0.6]
 */
export function combineWeights(subjective: number[], objective: number[], alpha: number): number[] {
  if (!(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) {
    throw new MethodInputError(`alpha ${String(alpha)} is not between 0 and 1`, undefined, undefined, 'alpha is the share of the subjective weights, e.g. 0.5');
  }
  if (subjective.length !== objective.length) {
    throw new MethodInputError(`${subjective.length} subjective weights but ${objective.length} objective weights`);
  }
  const s = checkWeights(subjective, subjective.length, 'subjective weights');
  const o = checkWeights(objective, objective.length, 'objective weights');
  const w = s.map((sj, j) => alpha * sj + (1 - alpha) * o[j]);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    combined: { role: 'combined'; params: { subjective: SubjectiveSpec; objective: ObjectiveSpec; alpha: number } };
  }
}

/**
 * `weights: {method: combined, subjective, objective, alpha}` (design §6.2): α·subjective + (1 − α)·objective, each
 * part weighted by its own method. Scenario overrides of a combined node whose subjective part is direct replace its
 * `weight:` numbers, i.e. act on the subjective part.
 */
export const combinedMethod: WeightMethod<'combined'> = {
  id: 'combined',
  role: 'combined',
  name: { zh: '组合赋权', en: 'combined weights' },
  fields: ({ specOf }) => ({ subjective: specOf('subjective'), objective: specOf('objective'), alpha: z.number().min(0).max(1).optional() }),
  normalise: (raw: { subjective: { method: string }; objective: { method: string }; alpha?: number }, { normalise }) => ({
    method: 'combined',
    subjective: normalise(raw.subjective, ['subjective']) as SubjectiveSpec,
    objective: normalise(raw.objective, ['objective']) as ObjectiveSpec,
    alpha: raw.alpha ?? 0.5,
  }),
  usesChildWeights: (spec) => spec.subjective.method === 'direct',
  check: (spec, _children, { checkNested }) => checkNested(spec.subjective, ['subjective']),
  label: (spec) => `combined (${spec.subjective.method} + ${spec.objective.method})`,
  compute: (spec, { nested }) => {
    const s = nested(spec.subjective);
    const o = nested(spec.objective);
    const notes = [s.detail.note, o.detail.note].filter(Boolean).join('; ');
    const d = s.detail;
    return {
      weights: combineWeights(s.weights, o.weights, spec.alpha),
      detail: {
        method: 'combined',
        ...(d.cr !== undefined
          ? {
              lambda_max: d.lambda_max,
              ci: d.ci,
              cr: d.cr,
              ri: d.ri,
              ...(d.experts ? { experts: d.experts, most_departing_expert: d.most_departing_expert } : {}),
              ...(d.repair ? { repair: d.repair } : {}),
            }
          : {}),
        note: `α = ${spec.alpha}: ${spec.alpha} × ${spec.subjective.method} + ${Number((1 - spec.alpha).toFixed(6))} × ${spec.objective.method}${notes ? `; ${notes}` : ''}`,
      },
    };
  },
};
