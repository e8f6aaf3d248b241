// The tests' path aliases for Jest, kept in step with `compilerOptions.paths` in tsconfig.json (a unit test compares
// them). Only tests use them: service code, scripts and the emulator import with relative paths, because `tsc` does
// not rewrite aliases in the built service.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const aliases = {
  '@service/': 'service/src/',
  '@test-support/': 'tests/support/',
  '@scripts/': 'scripts/',
};

module.exports = {
  aliases,
  jestModuleNameMapper: Object.fromEntries(
    Object.entries(aliases).map(([alias, target]) => [`^${alias}(.*)$`, path.join(root, target, '$1')]),
  ),
};
