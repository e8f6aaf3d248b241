// What the package gives an org is what a package install keeps: every packaged permission set must list only entries
// the install keeps (the org emulator's install rules, from Salesforce's packaging guide), since the version builds
// without a warning and the install drops the rest without a word (ADR 11). The system-permission template lives in
// the deploy-only directory, which `sf project deploy start` deploys and a package version never contains.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { convertPackage, entryFate, readPackageMetadata, type PackageMetadata } from '@grax-connect/org-emulator';
import { REPO_ROOT } from '@test-support/repoRoot';

let metadata: PackageMetadata;

beforeAll(async () => {
  const { metadataDir, packageName } = await convertPackage(REPO_ROOT);
  metadata = readPackageMetadata(metadataDir, packageName);
}, 120_000);

afterAll(() => rmSync(path.dirname(metadata.dir), { recursive: true, force: true }));

describe('the packaged permission sets', () => {
  it('rely on nothing a package install drops', () => {
    expect(metadata.permissionSets.map((s) => s.name).sort()).toEqual(['GRAX_Setup_Admin', 'GRAX_Viewer']);
    const dropped = metadata.permissionSets.flatMap((set) =>
      set.entries
        .map(entryFate)
        .filter((fate) => !fate.kept)
        .map((fate) => `${set.name}: ${fate.key} (${fate.kept ? '' : fate.reason})`),
    );
    expect(dropped).toEqual([]);
  });

  it('leave the system-permission template to the deploy-only directory', () => {
    const project = JSON.parse(readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string; package?: string }[];
    };
    expect(project.packageDirectories.map((d) => [d.path, d.package ?? null])).toEqual([
      ['force-app', 'GRAX Connect'],
      ['integration-user', null],
    ]);
    const template = readFileSync(
      path.join(REPO_ROOT, 'integration-user/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml'),
      'utf8',
    );
    expect(template).toContain('<name>ApiEnabled</name>');
    expect(metadata.members.PermissionSet).not.toContain('GRAX_Integration_User');
  });
});
