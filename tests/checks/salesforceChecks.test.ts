// `npm run check:salesforce` on copies of the project: the clean package passes, and each check fails on a defect
// planted in the copy (an unknown Apex method, a bad enumeration value in a meta.xml, a SOQL injection, a window.open
// in an LWC), naming it under its own heading. Slow and CPU-heavy (two runs of the Java tools), so there are only two
// runs, in Jest project `checks`, which npm test runs right after npm run check:salesforce and not beside the
// timing-sensitive service and emulator tests.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@test-support/repoRoot';

const TIMEOUT_MS = 300_000;

interface Run {
  code: number;
  output: string;
}

async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grax-sf-checks-'));
  await cp(path.join(REPO_ROOT, 'force-app'), path.join(dir, 'force-app'), { recursive: true });
  for (const file of ['sfdx-project.json', '.forceignore']) {
    await cp(path.join(REPO_ROOT, file), path.join(dir, file));
  }
  return dir;
}

function checkSalesforce(projectDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/check-salesforce.ts', '--project', projectDir],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The lines printed under the check whose heading starts with `--- name`. */
function section(output: string, name: string): string {
  const start = output.indexOf(`--- ${name}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = output.indexOf('\n--- ', start + 1);
  return output.slice(start, end < 0 ? undefined : end);
}

async function replaceIn(projectDir: string, file: string, search: string, replacement: string): Promise<void> {
  const target = path.join(projectDir, 'force-app', 'main', 'default', file);
  const source = await readFile(target, 'utf8');
  expect(source).toContain(search);
  await writeFile(target, source.replace(search, replacement));
}

describe('npm run check:salesforce', () => {
  const copies: string[] = [];
  afterAll(async () => {
    await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(
    'passes the clean package with no finding in any of its four checks',
    async () => {
      const projectDir = await copyProject();
      copies.push(projectDir);

      const run = await checkSalesforce(projectDir);

      expect(run.output).toContain(
        'Salesforce checks: ApexLink ok, PMD ok, Metadata schema ok, Lightning Web Security ok',
      );
      expect(run.code).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'fails on an unknown method, a bad enumeration value, a SOQL injection and window.open, each named by its check',
    async () => {
      const projectDir = await copyProject();
      copies.push(projectDir);
      // HttpRequest has setTimeout(Integer) but no setTimeoutSeconds: Prettier's parser accepts it, Salesforce does not.
      await replaceIn(
        projectDir,
        'classes/GraxServiceClient.cls',
        'request.setTimeout(timeoutMs);',
        'request.setTimeoutSeconds(timeoutMs);',
      );
      await replaceIn(
        projectDir,
        'objects/GRAX_Settings__c/GRAX_Settings__c.object-meta.xml',
        '<visibility>Public</visibility>',
        '<visibility>Everyone</visibility>',
      );
      // The user's input concatenated into a dynamic query.
      await replaceIn(
        projectDir,
        'classes/GraxSetupController.cls',
        '  private static void requireManagePermission() {',
        [
          '  @AuraEnabled',
          '  public static List<User> findUsers(String name) {',
          '    requireManagePermission();',
          "    return Database.query('SELECT Id FROM User WHERE Name = \\'' + name + '\\' WITH USER_MODE');",
          '  }',
          '',
          '  private static void requireManagePermission() {',
        ].join('\n'),
      );
      await replaceIn(
        projectDir,
        'lwc/graxSetup/graxSetup.js',
        '      this.connectUrl = link.url;',
        "      this.connectUrl = link.url;\n      window.open(link.url, '_blank');",
      );

      const run = await checkSalesforce(projectDir);

      expect(run.code).toBe(1);
      expect(section(run.output, 'ApexLink')).toMatch(
        /GraxServiceClient\.cls:\d+:\d+ \[Missing\] No matching method found for 'setTimeoutSeconds' on 'System\.HttpRequest'/,
      );
      expect(section(run.output, 'PMD')).toMatch(/GraxSetupController\.cls:\d+:\d+ \[PMD\.ApexSOQLInjection\]/);
      expect(section(run.output, 'Metadata schema')).toContain(
        'GRAX_Settings__c.object-meta.xml [metadata-schema] /CustomObject/visibility[1]: "Everyone" is not a SetupObjectVisibility value',
      );
      expect(section(run.output, 'Lightning Web Security')).toMatch(
        /graxSetup\.js:\d+:\d+ \[@locker\/locker\/distorted-xml-http-request-window-open\]/,
      );
      expect(run.output).toContain(
        'Salesforce checks: ApexLink 1 finding(s), PMD 1 finding(s), Metadata schema 1 finding(s), Lightning Web Security 1 finding(s)',
      );
    },
    TIMEOUT_MS,
  );
});
