// Type of lwsRules.js, a CommonJS module so that eslint.config.js can load it too.
import type { Linter } from 'eslint';

declare const lwsRules: Linter.Config & { rules: Linter.RulesRecord };
export = lwsRules;
