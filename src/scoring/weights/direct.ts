import type { WeightedChild, WeightMethod } from './weight-method.js';

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    direct: { role: 'subjective' };
  }
}

/**
 * Weights divided by their sum; all equal when they sum to 0 (no reason to prefer any).
 * @example normaliseWeights([3, 1]) // → [0.75, 0.25]
 */
export function normaliseWeights(v: number[]): number[] {
  const total = v.reduce((a, b) => a + b, 0);
  return total > 0 ? v.map((x) => x / total) : v.map(() => 1 / v.length);
}

/**
 * Direct weights (design §6.2): the children's `weight:` numbers divided by their sum; a scenario override
 * (indicator id → raw weight) replaces a child's number first.
 * @example directWeights([{ id: 'A', weight: 3 }, { id: 'B', weight: 1 }], { B: 3 }) // → [0.5, 0.5]
 */
export function directWeights(children: readonly WeightedChild[], overrides: Readonly<Record<string, number>>): number[] {
  return normaliseWeights(children.map((c) => overrides[c.id] ?? c.weight ?? 1));
}

/** `weights: direct`, the default: each child carries `weight:`. */
export const directMethod: WeightMethod<'direct'> = {
  id: 'direct',
  role: 'subjective',
  name: { zh: '直接赋权', en: 'direct weights' },
  fields: () => ({}),
  normalise: () => ({ method: 'direct' }),
  usesChildWeights: () => true,
  compute: (_spec, { children, overrides }) => ({ weights: directWeights(children, overrides), detail: { method: 'direct' } }),
};
