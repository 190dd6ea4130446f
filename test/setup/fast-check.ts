/**
 * Every property test (fast-check) runs with the seed vitest.config.ts chose: a fixed one by default, so that CI
 * is deterministic and a failure reproduces on any machine, or FC_SEED's (issue 12). fast-check prints the seed and
 * the shrunk counterexample on a failure; rerun with `FC_SEED=<seed> npx vitest run <file>`.
 * Under `npm run test:explore` (FC_EXPLORE=1) the seed is random and the default number of runs of a property
 * that does not set its own is 10× fast-check's 100 (propertyParams scales those that do).
 */
import fc from 'fast-check';
import { runsFactor } from '../helpers/property-params.js';

const seed = Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, got "${process.env.FC_SEED}" (set by vitest.config.ts)`);
fc.configureGlobal({ seed, numRuns: 100 * runsFactor() });
