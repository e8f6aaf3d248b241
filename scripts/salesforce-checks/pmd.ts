// PMD 7's Apex rules (security, best practices, error-prone, performance) with the committed ruleset
// tools/salesforce-checks/pmd-apex-ruleset.xml. PMD_APEX_ROOT_DIRECTORY points at the project so rules that resolve
// types across files can (PMD runs ApexLink for that).
import path from 'node:path';
import type { Finding } from './findings';
import { PMD_HOME, PMD_RULESET, ToolError, run } from './tools';

interface PmdReport {
  files: {
    filename: string;
    violations: { beginline: number; begincolumn: number; rule: string; description: string }[];
  }[];
  suppressedViolations?: { filename: string; violations: unknown[] }[];
  processingErrors?: { filename: string; message: string }[];
  configurationErrors?: { rule: string; message: string }[];
}

/** Runs PMD's Apex rules over the project's force-app folder. */
export async function checkApexRules(projectDir: string): Promise<{ findings: Finding[]; notes: string[] }> {
  const { code, stdout, stderr } = await run(
    'sh',
    [
      path.join(PMD_HOME, 'bin', 'pmd'),
      'check',
      '--no-cache',
      '--no-progress',
      '--show-suppressed',
      '--dir',
      path.join(projectDir, 'force-app'),
      '--rulesets',
      PMD_RULESET,
      '--format',
      'json',
    ],
    { cwd: projectDir, env: { PMD_APEX_ROOT_DIRECTORY: projectDir } },
  );
  // 0: clean, 4: violations, 5: files PMD could not process (reported below as findings).
  if (![0, 4, 5].includes(code)) {
    throw new ToolError(`PMD failed (exit ${code}): ${(stderr || stdout).trim().slice(0, 2000)}`);
  }
  const report = JSON.parse(stdout) as PmdReport;
  const findings: Finding[] = report.files.flatMap((file) =>
    file.violations.map((violation) => ({
      file: path.relative(projectDir, file.filename),
      line: violation.beginline,
      column: violation.begincolumn,
      rule: `PMD.${violation.rule}`,
      message: violation.description,
    })),
  );
  for (const error of report.processingErrors ?? []) {
    findings.push({
      file: path.relative(projectDir, error.filename),
      rule: 'PMD.ProcessingError',
      message: error.message,
    });
  }
  for (const error of report.configurationErrors ?? []) {
    findings.push({ file: path.relative(projectDir, PMD_RULESET), rule: error.rule, message: error.message });
  }
  const suppressed = (report.suppressedViolations ?? []).reduce((sum, file) => sum + file.violations.length, 0);
  return {
    findings,
    notes: suppressed ? [`${suppressed} finding(s) suppressed in the Apex source, each with its reason`] : [],
  };
}
