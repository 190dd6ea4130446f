/**
 * Parameters for a property test's fc.assert (issue 12). The seed is not set here: test/setup/fast-check.ts sets
 * it globally (fixed in CI, random under `npm run test:explore`) and fast-check prints it on a failure. This only
 * scales the number of runs: the given count normally, FC_RUNS_FACTOR times it (default 10) when exploring.
 * @example fc.assert(fc.property(arb, check), propertyParams(150)) // 150 runs in CI, 1500 under test:explore
 */
import type fc from 'fast-check';

export function propertyParams<Ts>(numRuns = 100, extra: fc.Parameters<Ts> = {}): fc.Parameters<Ts> {
  return { ...extra, numRuns: numRuns * runsFactor() };
}

/** How many times the usual number of runs a property test makes: 1, or FC_RUNS_FACTOR (default 10) when exploring. */
export function runsFactor(): number {
  if (process.env.FC_EXPLORE !== '1') return 1;
  const factor = Number(process.env.FC_RUNS_FACTOR ?? 10);
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`FC_RUNS_FACTOR must be a whole number ≥ 1, got ${process.env.FC_RUNS_FACTOR}`);
  return factor;
}
