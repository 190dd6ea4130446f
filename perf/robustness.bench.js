// Monte Carlo robustness benchmark (issue 6): 10,000 draws for 300 units and 40 indicators must take under 2 s.
// Plain ESM over the built code (npm run bench builds first); perf/run.js imports this file and calls run().
import { performance } from 'node:perf_hooks';
import { monteCarloRobustness } from '../dist/robustness/monte-carlo.js';
import { syntheticAssessment } from '../dist-support/test/support/synthetic-assessment.js';

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

export default async function run() {
  // 5 level-1 indicators × 8 leaves = 40 leaf indicators (45 weights perturbed per draw).
  time('complete data', syntheticAssessment({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1 }));
  // Every unit missing some leaves takes the slower renormalising tree walk: the worst case.
  time('10 % leaves missing', syntheticAssessment({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1, missingShare: 0.1 }));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
