/** Generated metadata: the template from the profile (with the committed-file drift test) and the org access ZIP. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { renderPackageXml, renderPermissionSetXml } from '@service/permissions/metadata/permissionSetXml';
import { templateContent, TEMPLATE_PATH } from '@service/permissions/metadata/template';
import { buildZip } from '@service/permissions/metadata/zipArchive';
import { templateSystemPermissions } from '@service/permissions/profile';
import { REPO_ROOT } from '@test-support/repoRoot';

const ROOT = REPO_ROOT;

describe('permission set XML', () => {
  it('matches the committed template exactly (run npm run generate:permissionset after changing the profile)', () => {
    // Prettier loads its plugins with dynamic import, which Jest's module system cannot run: use the real command.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/generate-permissionset.ts'), '--check'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const committed = readFileSync(path.join(ROOT, TEMPLATE_PATH), 'utf8');
    for (const rule of templateSystemPermissions()) expect(committed).toContain(`<name>${rule.name}</name>`);
  });

  it('puts only system permissions in the template: no objects, fields or license', () => {
    const content = templateContent();
    expect(content.objectPermissions).toEqual([]);
    expect(content.fieldPermissions).toEqual([]);
    const xml = renderPermissionSetXml(content);
    expect(xml).not.toContain('<license>');
    expect(xml).not.toContain('<objectPermissions>');
    for (const rule of templateSystemPermissions()) expect(xml).toContain(`<name>${rule.name}</name>`);
  });

  it('orders elements and entries the way sf project retrieve does, and escapes text', () => {
    const xml = renderPermissionSetXml({
      label: 'A & B',
      description: 'x < y',
      userPermissions: ['ViewSetup', 'ApiEnabled'],
      objectPermissions: [
        { object: 'Lead', verbs: new Set(['Read'] as const) },
        { object: 'Account', verbs: new Set(['Read', 'ViewAllFields', 'Edit'] as const) },
      ],
      fieldPermissions: [{ field: 'Account.Rating', readable: true, editable: true }],
    });
    const order = [
      '<description>',
      '<fieldPermissions>',
      '<hasActivationRequired>',
      '<label>',
      '<objectPermissions>',
      '<userPermissions>',
    ].map((t) => xml.indexOf(t));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(xml.indexOf('<object>Account</object>')).toBeLessThan(xml.indexOf('<object>Lead</object>'));
    expect(xml.indexOf('<name>ApiEnabled</name>')).toBeLessThan(xml.indexOf('<name>ViewSetup</name>'));
    expect(xml).toContain('<label>A &amp; B</label>');
    expect(xml).toContain('<description>x &lt; y</description>');
    expect(xml).toMatch(
      /<allowEdit>true<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Account<\/object>\s*<viewAllFields>true<\/viewAllFields>/,
    );
  });

  it('builds a ZIP whose entries read back intact', () => {
    const packageXml = renderPackageXml(['GRAX_Integration_User_Access'], '62.0');
    const zip = buildZip([{ path: 'package.xml', content: packageXml }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    const size = zip.readUInt32LE(18);
    expect(zip.toString('utf8', 30, 30 + nameLength)).toBe('package.xml');
    expect(inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + size)).toString('utf8')).toBe(packageXml);
    expect(packageXml).toContain('<members>GRAX_Integration_User_Access</members>');
    expect(packageXml).toContain('<version>62.0</version>');
  });
});
