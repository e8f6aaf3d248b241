/** Lints source texts with the repository's own ESLint config as if they were at the given paths (rule probes). */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './repoRoot';

/** Lints each source text as if it were at its path; returns the rule ids reported per path. */
export function lintAt(cases: Record<string, string>): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const cases = JSON.parse(process.argv[1]);
      const out = {};
      for (const [file, code] of Object.entries(cases)) {
        const [result] = await eslint.lintText(code, { filePath: require('node:path').join(process.cwd(), file) });
        out[file] = result.messages.map((m) => m.ruleId);
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: REPO_ROOT });
  return JSON.parse(output.toString()) as Record<string, string[]>;
}
