// One flat ESLint config with a block per area: service/emulator TypeScript (strict), LWC (+ Lightning Web Security),
// LWC tests, scripts.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const lwsRules = require('./scripts/salesforce-checks/lwsRules');
const importPlugin = require('eslint-plugin-import');

// The service's layers (docs/architecture.md draws the same picture): routes and views on top, then the use cases,
// then the adapters, with the domain kernel at the bottom. Each zone forbids imports from a layer above.
const SRC = './service/src';
const USE_CASES = ['connection', 'auth', 'permissions', 'orgApi', 'jobs', 'monitoring'];
const ADAPTERS = ['salesforce', 'store', 'crypto'];
const ENTRY_POINTS = ['http', 'web', 'composition', 'app.ts', 'main.ts'];
const from = (folders) => folders.map((f) => `${SRC}/${f}`);
const LAYER_ZONES = [
  {
    target: `${SRC}/domain`,
    from: SRC,
    except: ['./domain'],
    message: 'The domain kernel depends on nothing else in the service.',
  },
  ...ADAPTERS.map((adapter) => ({
    target: `${SRC}/${adapter}`,
    from: from([...USE_CASES, ...ENTRY_POINTS]),
    message: 'Adapters never import use cases, routes or views: pass what they need in.',
  })),
  ...USE_CASES.map((useCase) => ({
    target: `${SRC}/${useCase}`,
    from: from(['http', 'web', 'app.ts', 'main.ts', 'composition/composeFeatures.ts', 'composition/orgApiFeature.ts']),
    message: 'Use cases never import routes or views (no req/res, no HTTP status codes): routes call use cases.',
  })),
  {
    target: `${SRC}/web`,
    from: from(['http', 'composition', 'app.ts', 'main.ts']),
    message: 'Views render what routes give them; they never import routes.',
  },
  {
    target: SRC,
    from: ['./packages', './tests', './scripts', './force-app'],
    message: 'Service code never imports the emulator, tests or scripts.',
  },
];

// The path aliases only tests may use (tsconfig.json `paths`, tests/support/pathAliases.js).
const TEST_ALIASES = {
  group: ['@service/*', '@test-support/*', '@scripts/*'],
  message: 'Path aliases are for tests only: tsc does not rewrite them in the built service. Import relatively.',
};

/** Imports service code must not use. */
const SERVICE_IMPORT_RULES = {
  patterns: [{ group: ['@grax-connect/*'], message: 'Service code never imports the org emulator.' }, TEST_ALIASES],
  paths: [
    {
      name: 'express',
      importNames: ['Router'],
      message: 'Use caseSensitiveRouter() from service/src/http/router.ts: paths match only in their own letter case.',
    },
  ],
};

// How tests import: service code as @service/..., shared helpers as @test-support/..., scripts as @scripts/....
const TEST_IMPORT_RULES = [
  { group: ['**/service/src/**'], message: 'Import service code as @service/... (tsconfig.json paths).' },
  {
    group: ['../../*', '../../**'],
    message: 'No ../../ chains in tests: use @service/..., @test-support/... or @scripts/....',
  },
];

module.exports = [
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      '.sfdx/**',
      '.sf/**',
      'tests/lwc-preview/build/**',
    ],
  },
  // TypeScript: service, emulator, tests, scripts.
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Command-line entry points and tests may print to the console.
    files: ['scripts/**/*.ts', 'tests/**/*.ts', 'packages/*/test/**/*.ts', 'packages/org-emulator/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The layer rule of docs/architecture.md, enforced.
    files: ['service/src/**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'no-restricted-imports': ['error', SERVICE_IMPORT_RULES],
    },
  },
  {
    // The one case-sensitive router factory (service/src/http/router.ts) is the only place that calls Router().
    files: ['service/src/http/router.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVICE_IMPORT_RULES.patterns }] },
  },
  {
    // The built service, the scripts and the emulator run without the tests' path aliases.
    files: ['scripts/**/*.ts', 'packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_ALIASES] }] },
  },
  {
    // Tests import service code and shared helpers through the aliases, never through ../../ chains.
    files: ['tests/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: TEST_IMPORT_RULES }] },
  },
  {
    // Unit tests stand alone: no integration worlds, no servers (tests/support holds what both share).
    files: ['tests/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...TEST_IMPORT_RULES,
            {
              group: ['**/integration/**', '**/e2e/**', '@test-support/worlds/*', '@test-support/engine/*'],
              message:
                'Unit tests never import integration or browser test helpers, nor the worlds that start servers.',
            },
          ],
        },
      ],
    },
  },
  // Lightning Web Components.
  ...lwcConfig.configs.recommended.map((c) => ({ ...c, files: ['force-app/**/lwc/**/*.js'] })),
  // Lightning Web Security: what LWS blocks or distorts (npm run check:salesforce runs these rules alone too).
  lwsRules,
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  // Plain JS config and helper files.
  {
    files: ['*.js', 'scripts/**/*.js', 'tests/**/*.js'],
    ...js.configs.recommended,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
];
