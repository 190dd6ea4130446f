/**
 * A synthetic indicator system with its metrics, for the uncertainty analysis's tests and benchmark: `groups`
 * level-1 groups of `leavesPerGroup` leaves, each leaf reading a rating `r<g>_<l>` scored by threshold (floor 40,
 * target 95), seeded random ratings in [30, 100] with an optional share missing. Group weights are direct (random),
 * the first group's children weighted by entropy, so that data-driven weighting is exercised. Not used by any command.
 * @example syntheticSystem({ units: 10, groups: 2, leavesPerGroup: 3, seed: 1 }).system.indicators.length // → 2
 */
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import type { IndicatorSystem } from '../../src/model/indicator-system.js';
import { Xoshiro128 } from '../../src/robustness/prng.js';
import type { MetricsResult, RatingCell } from '../../src/types.js';
import { emptyMetrics } from './synthetic-assessment.js';

export interface SyntheticSystemOptions {
  units: number;
  groups: number;
  leavesPerGroup: number;
  seed: number;
  missingShare?: number;
  /** Extra YAML for the group nodes (e.g. `aggregation: geometric`), by group index. */
  groupExtra?: (g: number) => string;
}

export function syntheticSystem(opts: SyntheticSystemOptions): { system: IndicatorSystem; metrics: MetricsResult; yaml: string } {
  const rng = new Xoshiro128(opts.seed);
  const lines = ['name: 合成指标体系', 'indicators:'];
  for (let g = 0; g < opts.groups; g++) {
    lines.push(`  - id: G${g}`, `    name: 组${g}`, `    weight: ${(1 + rng.uniform()).toFixed(3)}`);
    if (g === 0) lines.push('    weights: entropy');
    const extra = opts.groupExtra?.(g);
    if (extra) lines.push(`    ${extra}`);
    lines.push('    children:');
    for (let l = 0; l < opts.leavesPerGroup; l++) {
      lines.push(
        `      - id: L${g}_${l}`,
        `        name: 指标${g}_${l}`,
        `        metric: ratings.r${g}_${l}`,
        ...(g === 0 ? [] : [`        weight: ${(1 + rng.uniform()).toFixed(3)}`]),
        '        scoring: {method: threshold, floor: 40, target: 95}',
      );
    }
  }
  const yaml = lines.join('\n') + '\n';
  const system = parseIndicatorSystem(yaml, 'synthetic.yaml');
  const metrics = emptyMetrics({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' });
  const units = Array.from({ length: opts.units }, (_, i) => `U${String(i + 1).padStart(4, '0')}`);
  metrics.units = units.map((unit) => ({ unit, name: null, parent: null, population: null }));
  const cells: Record<string, Record<string, RatingCell>> = {};
  for (let g = 0; g < opts.groups; g++) {
    for (let l = 0; l < opts.leavesPerGroup; l++) {
      const id = `r${g}_${l}`;
      cells[id] = {};
      for (const u of units) {
        if (rng.uniform() < (opts.missingShare ?? 0)) continue;
        const value = 30 + 70 * rng.uniform();
        cells[id][u] = { n: 5, value, min: value, max: value, distribution: {} };
      }
    }
  }
  metrics.ratings = { cells, indicators: {} };
  return { system, metrics, yaml };
}
