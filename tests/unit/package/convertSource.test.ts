// `sf project convert source` turns the whole package into Metadata API format without an org: it fails on
// malformed metadata, unknown folders and broken bundles. It parses Apex but does not compile it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@test-support/packageFiles';

const run = promisify(execFile);
const SF = path.join(REPO_ROOT, 'node_modules', '.bin', 'sf');

describe('sf project convert source', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'grax-convert-'));
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('converts the whole package and lists every GRAX component in package.xml', async () => {
    const outputDir = path.join(workDir, 'mdapi');
    const { stdout } = await run(
      SF,
      ['project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', outputDir, '--json'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          HOME: workDir,
          PATH: `${path.dirname(SF)}${path.delimiter}${process.env.PATH ?? ''}`,
          SF_DISABLE_TELEMETRY: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_DISABLE_AUTOUPDATE: 'true',
          SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
        },
        timeout: 120_000,
      },
    );

    expect((JSON.parse(stdout) as { status: number }).status).toBe(0);
    const manifest = readFileSync(path.join(outputDir, 'package.xml'), 'utf8');
    for (const [type, member] of [
      ['ApexClass', 'GraxSetupController'],
      ['ApexClass', 'GraxServiceClient'],
      ['ApexClass', 'GraxNamedCredentials'],
      ['ApexClass', 'GraxRules'],
      ['CustomLabel', 'Grax_Title'],
      ['NamedCredential', 'GRAX_Service'],
      ['ExternalCredential', 'GRAX_Service'],
      ['CustomPermission', 'GRAX_Manage_Connection'],
      ['CustomPermission', 'GRAX_View'],
      ['PermissionSet', 'GRAX_Setup_Admin'],
      ['PermissionSet', 'GRAX_Viewer'],
      ['CustomObject', 'GRAX_Settings__c'],
      ['CustomTab', 'GRAX_Setup'],
      ['FlexiPage', 'GRAX_Setup'],
      ['LightningComponentBundle', 'graxSetup'],
      ['LightningComponentBundle', 'graxRules'],
    ]) {
      expect(manifest).toMatch(
        new RegExp(
          `<types>(?:(?!</types>)[\\s\\S])*<members>${member}</members>(?:(?!</types>)[\\s\\S])*<name>${type}</name>`,
        ),
      );
    }
  });
});
