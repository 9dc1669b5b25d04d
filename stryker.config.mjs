// Mutation testing of the core (`npm run mutate`, not part of `npm test` or CI).
// scripts/mutate.ts picks what to mutate and where the incremental report of that scope lives.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // MUT_VITEST_CONFIG: a narrower vitest config (only the tests of one module) makes a scoped run much faster.
  vitest: { configFile: process.env.MUT_VITEST_CONFIG ?? 'vitest.config.ts', related: true },
  // Each mutant runs only the unit tests that cover it.
  coverageAnalysis: 'perTest',
  // Module-level constants (rule tables, regexes) would rerun every related test file per mutant; they are listed as ignored.
  ignoreStatic: true,
  incremental: true,
  // Two cores shared with the rest of the machine.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // The text-map unit test draws its drafts from the editor-pages generator, so that one file stays in the sandbox.
  ignorePatterns: ['.output', 'test-results', 'reports', 'tests/e2e', 'tests/editor-pages', '!tests/editor-pages/draft-arbitrary.ts', 'tests/demo', 'docs', 'assets', 'public'],
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: 'always',
  // The sandbox is a full copy, so tsconfig.json needs no rewriting; and Stryker's rewriter needs the TypeScript 5 JS API, which TypeScript 7 does not ship.
  tsconfigFile: 'tsconfig.stryker-skip.json',
};
