import { defineConfig } from 'vitest/config';

// Results must not depend on the machine's time zone; date tests additionally run under several TZ values
// (see test/tz.test.ts), and the default run pins one that is not UTC to catch accidental local-time use.
process.env.TZ = process.env.TZ ?? 'America/New_York';

// Property tests (fast-check) use one seed for the whole run (issue 12): FC_SEED if given, else a fixed default so
// that CI is deterministic; `npm run test:explore` (FC_EXPLORE=1) draws a random one and prints it here, once.
const FIXED_FC_SEED = 20261128;
const explore = process.env.FC_EXPLORE === '1';
const fcSeed = process.env.FC_SEED ?? String(explore ? Math.floor(Math.random() * 2 ** 31) : FIXED_FC_SEED);
if (explore) console.log(`fast-check seed ${fcSeed} (reproduce a failure: FC_SEED=${fcSeed} npm run test:explore)`);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    env: { FC_SEED: fcSeed },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
