// Lint runs before the tests (npm test): recommended rules for TypeScript, type-aware checks kept light for speed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-support/**', 'node_modules/**', 'out/**', 'coverage/**', 'perf/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // Plain JavaScript run by Node (the executable, benchmarks, the sample generator): Node's globals.
    files: ['bin/**', 'perf/**/*.js', 'samples/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
