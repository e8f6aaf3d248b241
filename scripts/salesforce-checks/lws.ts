// Lightning Web Security lint for the LWC: the rules of lwsRules.js (all of @locker/eslint-config-locker's base and
// recommended rules, as errors) run alone over the components' JavaScript. A rule marks code that LWS blocks or
// distorts, such as `window.open`, whose returned window LWS replaces. A deliberate use carries an
// `eslint-disable-next-line` comment with its reason.
import path from 'node:path';
import lwcConfig from '@salesforce/eslint-config-lwc';
import { ESLint } from 'eslint';
import type { Finding } from './findings';
import lwsRules from './lwsRules';

/** Lints the project's LWC JavaScript with the LWS rules only. */
export async function checkLightningWebSecurity(projectDir: string): Promise<{ findings: Finding[]; notes: string[] }> {
  const eslint = new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...lwsRules,
        // The LWC parser (Babel with decorators), without the LWC style rules: `npm run lint` runs those.
        languageOptions: lwcConfig.configs.recommended[0]!.languageOptions,
        linterOptions: { reportUnusedDisableDirectives: 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(lwsRules.files as string[]);
  const findings = results.flatMap((result) =>
    result.messages
      // Disable comments that also name LWC style rules (unknown to this config) are not findings.
      .filter((message) => !/^Definition for rule '@lwc\/.+' was not found/.test(message.message))
      .map((message) => ({
        file: path.relative(projectDir, result.filePath),
        line: message.line,
        column: message.column,
        rule: message.ruleId ?? 'eslint',
        message: message.message,
      })),
  );
  const suppressed = results.reduce((sum, result) => sum + result.suppressedMessages.length, 0);
  return {
    findings,
    notes: [
      `${results.length} LWC file(s), ${Object.keys(lwsRules.rules).length} LWS rules` +
        (suppressed ? `, ${suppressed} suppressed in the source with a reason` : ''),
    ],
  };
}
