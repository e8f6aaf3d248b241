// Jest for Lightning Web Components (sfdx-lwc-jest preset). sfdx-lwc-jest's stubs serve the lightning/* base
// components; a module mocked in force-app/test/jest-mocks/lightning/ would be mapped here (none is needed yet:
// the GRAX components use no lightning/* JavaScript module that the stubs do not cover). Custom Labels resolve to
// their packaged text (jest-setup/customLabels.js).
// Run it with `jest --config jest.config.lwc.js`: the sfdx-lwc-jest CLI rejects `--config` and, without a root
// jest.config.js, always runs its built-in configuration instead.
const path = require('path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// The installed @lwc/jest-transformer compiles with the @lwc/compiler that `lwc` ships, while the hoisted
// @lwc/engine-dom is older; run components on the engine that matches their compiler.
const lwcPackage = path.dirname(require.resolve('lwc'));
const matchingEngine = require.resolve('@lwc/engine-dom', { paths: [lwcPackage] }).replace(/index\.js$/, 'index.cjs');

module.exports = {
  ...jestConfig,
  rootDir: __dirname,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    '^lwc$': matchingEngine,
  },
  setupFilesAfterEnv: [
    ...(jestConfig.setupFilesAfterEnv || []),
    '<rootDir>/force-app/test/jest-setup/toBeAccessible.js',
    '<rootDir>/force-app/test/jest-setup/customLabels.js',
  ],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
  testPathIgnorePatterns: ['/node_modules/', '/test/jest-mocks/'],
};
