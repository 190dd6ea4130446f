// Monte Carlo robustness benchmark (issue 6): 10,000 draws for 300 units and 40 indicators must take under 2 s.
// Plain ESM over the built code (npm run bench builds first); perf/run.js imports this file and calls run().
import { performance } from 'node:perf_hooks';
import { monteCarloRobustness } from '../dist/robustness/monte-carlo.js';
import { syntheticAssessment } from '../dist-support/test/support/synthetic-assessment.js';
import { runUncertaintyDraws } from '../dist/robustness/uncertainty/analysis.js';
import { buildUncertaintyModel } from '../dist/robustness/uncertainty/model.js';
import { resolveUncertainty } from '../dist/robustness/uncertainty/settings.js';
import { scoreAssessment } from '../dist/scoring/score-assessment.js';
import { syntheticSystem } from '../dist-support/test/support/synthetic-system.js';

const DRAWS = 10_000;

function time(label, result) {
  const opts = { draws: DRAWS, seed: 20260930, perturbation: 0.2, topK: 10 };
  monteCarloRobustness(result, { ...opts, draws: 200 }); // warm-up so the JIT has compiled the draw loop
  const t0 = performance.now();
  const out = monteCarloRobustness(result, opts);
  const ms = performance.now() - t0;
  const leaves = result.indicators.filter((i) => i.leaf).length;
  console.log(
    `robustness ${label}: ${DRAWS} draws × ${result.units.length} units × ${leaves} leaf indicators in ` +
      `${ms.toFixed(0)} ms (${Math.round(DRAWS / (ms / 1000)).toLocaleString('en')} draws/s; ` +
      `mean Spearman ${out.mean_spearman.toFixed(4)}) — target < 2000 ms`,
  );
  return ms;
}

// Uncertainty analysis (issue 16 item 5): 10,000 draws of the whole model for 300 units × 40 leaves must take ≤ 10 s.
// Six uncertain inputs (weights, two leaves' methods, aggregation, missing values, data-driven weighting): k = 6,
// N = 1250 base samples, N(k + 2) = 10,000 draws; 10 % of the leaf values missing; one entropy-weighted group.
function uncertainty() {
  const { system, metrics } = syntheticSystem({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1, missingShare: 0.1 });
  const result = scoreAssessment({ system, systemFile: { path: 'synthetic.yaml', sha256: '' }, assessment: null, metrics, version: 'bench', generatedAt: 'bench' });
  const raw = {
    samples: 1250,
    seed: 20261128,
    weights: 0.2,
    leaf_methods: { L1_0: ['minmax', 'rank'], L3_4: ['zscore'] },
    aggregation: ['arithmetic', 'geometric'],
    missing: ['renormalize', 'zero', 'average'],
    weighting: ['entropy', 'critic', 'stdev'],
  };
  const settings = resolveUncertainty(raw, system, 'bench.yaml', { seed: 1, weights: null });
  const model = buildUncertaintyModel(system, metrics, result, settings.leafMethods);
  runUncertaintyDraws(model, { ...settings, samples: 50 }); // warm-up
  const t0 = performance.now();
  const out = runUncertaintyDraws(model, settings);
  const ms = performance.now() - t0;
  console.log(
    `uncertainty: ${out.draws} draws (N = ${settings.samples}, k = ${out.plans.length}) × 300 units × 40 leaf indicators in ` +
      `${ms.toFixed(0)} ms (${Math.round(out.draws / (ms / 1000)).toLocaleString('en')} draws/s) — target ≤ 10000 ms`,
  );
  return ms;
}

export default async function run() {
  // 5 level-1 indicators × 8 leaves = 40 leaf indicators (45 weights perturbed per draw).
  time('complete data', syntheticAssessment({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1 }));
  // Every unit missing some leaves takes the slower renormalising tree walk: the worst case.
  time('10 % leaves missing', syntheticAssessment({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1, missingShare: 0.1 }));
  uncertainty();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
