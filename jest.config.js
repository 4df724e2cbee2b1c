/** Jest runs the TypeScript sources as native ESM (Probot 14 is ESM-only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // The CLI tests run the built binary: compile dist/ once per run when it is stale.
  globalSetup: '<rootDir>/test/helpers/build.ts',
};
