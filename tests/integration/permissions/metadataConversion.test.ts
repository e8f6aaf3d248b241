/**
 * The generated metadata passes the Salesforce CLI's own conversion: the packaged template converts from source to
 * metadata format (`sf project convert source`), and the Download org access ZIP converts from metadata to source
 * format (`sf project convert mdapi`), which is what `sf project deploy start --metadata-dir` reads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '@test-support/engine/harness';
import { unzip } from '@test-support/engine/unzip';
import { REPO_ROOT } from '@test-support/repoRoot';

const ROOT = REPO_ROOT;
const SF = path.join(ROOT, 'node_modules', '.bin', 'sf');
let tmp: string;

function sf(args: string[], cwd: string): string {
  return execFileSync(SF, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: tmp,
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      SF_DISABLE_AUTOUPDATE: 'true',
    },
    timeout: 120_000,
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'grax-sf-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('converts the deployable template with sf project convert source', () => {
  const out = path.join(tmp, 'mdapi-template');
  sf(
    [
      'project',
      'convert',
      'source',
      '--source-dir',
      'integration-user/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml',
      '--output-dir',
      out,
      '--json',
    ],
    ROOT,
  );
  const converted = readFileSync(path.join(out, 'permissionsets', 'GRAX_Integration_User.permissionset'), 'utf8');
  expect(converted).toContain('<label>GRAX Integration User</label>');
  expect(readFileSync(path.join(out, 'package.xml'), 'utf8')).toContain('<members>GRAX_Integration_User</members>');
}, 180_000);

describe('Download org access', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is a metadata-format ZIP that sf project convert mdapi reads', async () => {
    const download = await h.engine.buildOrgAccessMetadata({ connection: h.connect('integration') });
    expect(download.deployCommand).toBe(
      'sf project deploy start --metadata-dir grax-org-access.zip --single-package --target-org <your org>',
    );
    const dir = path.join(tmp, 'org-access');
    for (const [name, content] of unzip(download.body)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    const project = path.join(tmp, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      path.join(project, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }),
    );
    sf(
      ['project', 'convert', 'mdapi', '--root-dir', dir, '--output-dir', path.join(project, 'force-app'), '--json'],
      project,
    );
    const source = path.join(
      project,
      'force-app',
      'main',
      'default',
      'permissionsets',
      'GRAX_Integration_User_Access.permissionset-meta.xml',
    );
    expect(existsSync(source)).toBe(true);
    const xml = readFileSync(source, 'utf8');
    expect(xml).toContain('<label>GRAX Integration User - Org Access</label>');
    expect(xml).toMatch(/<object>Account<\/object>\s*<viewAllFields>true<\/viewAllFields>/);
    expect(xml).toContain('<field>Account.Rating</field>');
  }, 180_000);
});
