// Jest for Lightning Web Components (sfdx-lwc-jest preset) with shared lightning/* mocks.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  rootDir: __dirname,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    '^lightning/(.+)$': '<rootDir>/force-app/test/jest-mocks/lightning/$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
  testPathIgnorePatterns: ['/node_modules/', '/test/jest-mocks/'],
};
