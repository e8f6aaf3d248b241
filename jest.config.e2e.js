// Jest for browser end-to-end tests in real Chromium (playwright-core + Debian chromium).
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: require('./tests/support/pathAliases').jestModuleNameMapper,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testTimeout: 180000,
};
