import { defineConfig } from 'vitest/config';

// Results must not depend on the machine's time zone; date tests additionally run under several TZ values
// (see test/tz.test.ts), and the default run pins one that is not UTC to catch accidental local-time use.
process.env.TZ = process.env.TZ ?? 'America/New_York';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
