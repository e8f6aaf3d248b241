// Jest for the TypeScript side: service unit + integration tests, the org emulator's own tests, the release test, and
// the proof that npm run check:salesforce bites (project `checks`: Java-heavy, so npm test runs it on its own).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: require('./tests/support/pathAliases').jestModuleNameMapper,
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...base, displayName: 'emulator', testMatch: ['<rootDir>/packages/org-emulator/test/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...base, displayName: 'release', testMatch: ['<rootDir>/tests/release/**/*.test.ts'] },
    { ...base, displayName: 'checks', testMatch: ['<rootDir>/tests/checks/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
