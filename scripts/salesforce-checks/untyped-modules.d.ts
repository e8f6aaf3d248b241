// Types for the JavaScript-only ESLint configuration that the LWS check reuses (it ships no declarations).
declare module '@salesforce/eslint-config-lwc' {
  import type { Linter } from 'eslint';
  const config: { configs: { recommended: Linter.Config[] } };
  export = config;
}
