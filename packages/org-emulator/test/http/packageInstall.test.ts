/**
 * Installing a package version into an emulated org, over the control API and startEmulator's option, read back
 * through the REST API with jsforce as the org's administrator: packaged permission sets keep only what the packaging
 * rules keep (no user permissions, no standard-object or standard-field access), an upgrade replaces the packaged
 * entries and leaves what the admin added afterwards, and bad input says what to send instead.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import type { InstallReport, RunningEmulator } from '../../src/index';
import { API_VERSION, DEMO_ORGS, DEMO_USERS, startTestEmulator, TEST_APP } from './support/emulator';

const GLOBEX = DEMO_ORGS.globex;
let workDir: string;
let emulator: RunningEmulator;

/** Writes a Metadata API folder: package.xml plus the given files (path below the folder -> content). */
function metadataDir(name: string, files: Record<string, string>): string {
  const dir = path.join(workDir, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const members = new Map<string, string[]>();
  for (const file of Object.keys(files)) {
    const [folder = '', base = ''] = file.split('/');
    const type = { classes: 'ApexClass', customPermissions: 'CustomPermission', permissionsets: 'PermissionSet' }[
      folder
    ];
    if (type && !base.endsWith('-meta.xml'))
      members.set(type, [...(members.get(type) ?? []), base.split('.')[0] ?? '']);
  }
  const types = [...members]
    .map(
      ([type, names]) => `<types>${names.map((n) => `<members>${n}</members>`).join('')}<name>${type}</name></types>`,
    )
    .join('');
  writeFileSync(
    path.join(dir, 'package.xml'),
    `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata">${types}<types><members>Demo_Tab</members><name>CustomTab</name></types><version>66.0</version></Package>`,
  );
  return dir;
}

const xml = (root: string, body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">${body}</${root}>`;

const customPermission = (label: string): string => xml('CustomPermission', `<label>${label}</label>`);

/** Version 1: a set with a class, a custom permission, a tab, two user permissions and Read on Account. */
function version1(): string {
  return metadataDir('v1', {
    'classes/DemoController.cls': 'public with sharing class DemoController {}',
    'classes/DemoController.cls-meta.xml': xml('ApexClass', '<apiVersion>66.0</apiVersion><status>Active</status>'),
    'classes/DemoHelper.cls': 'public with sharing class DemoHelper {}',
    'customPermissions/Demo_Manage.customPermission': customPermission('Demo: Manage'),
    'permissionsets/Demo_Admin.permissionset': xml(
      'PermissionSet',
      [
        '<classAccesses><apexClass>DemoController</apexClass><enabled>true</enabled></classAccesses>',
        '<classAccesses><apexClass>DemoHelper</apexClass><enabled>true</enabled></classAccesses>',
        '<customPermissions><enabled>true</enabled><name>Demo_Manage</name></customPermissions>',
        '<fieldPermissions><editable>false</editable><field>Account.Industry</field><readable>true</readable></fieldPermissions>',
        '<label>Demo Admin</label>',
        '<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Account</object><viewAllFields>false</viewAllFields><viewAllRecords>false</viewAllRecords></objectPermissions>',
        '<tabSettings><tab>Demo_Tab</tab><visibility>Visible</visibility></tabSettings>',
        '<userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions>',
        '<userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>',
      ].join(''),
    ),
  });
}

/** Version 2: DemoHelper's access removed from the set, a second custom permission added. */
function version2(): string {
  return metadataDir('v2', {
    'classes/DemoController.cls': 'public with sharing class DemoController { }',
    'classes/DemoHelper.cls': 'public with sharing class DemoHelper {}',
    'customPermissions/Demo_Manage.customPermission': customPermission('Demo: Manage'),
    'customPermissions/Demo_View.customPermission': customPermission('Demo: View'),
    'permissionsets/Demo_Admin.permissionset': xml(
      'PermissionSet',
      [
        '<classAccesses><apexClass>DemoController</apexClass><enabled>true</enabled></classAccesses>',
        '<customPermissions><enabled>true</enabled><name>Demo_Manage</name></customPermissions>',
        '<customPermissions><enabled>true</enabled><name>Demo_View</name></customPermissions>',
        '<label>Demo Admin</label>',
        '<userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions>',
      ].join(''),
    ),
  });
}

async function control(pathname: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emulator.controlUrl}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function install(dir: string, orgIds: string[] = [GLOBEX.id]): Promise<InstallReport[]> {
  const res = await control('/package/install', { orgIds, metadataDir: dir, packageName: 'Demo' });
  expect(res.status).toBe(200);
  return res.json as InstallReport[];
}

function globexAdmin(): Connection {
  const token = emulator.control.issueToken({
    username: DEMO_USERS.globex.admin.username,
    clientId: TEST_APP.clientId,
  });
  return new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: API_VERSION });
}

/** What the set grants, as the admin reads it: user permissions on, setup entities, object and field rows. */
async function grants(
  conn: Connection,
): Promise<{ id: string; flags: string[]; entities: string[]; objects: string[]; fields: string[] }> {
  const [set] = (
    await conn.query<Record<string, unknown>>(
      "SELECT Id, PermissionsApiEnabled, PermissionsViewSetup, PermissionsViewAllData FROM PermissionSet WHERE Name = 'Demo_Admin'",
    )
  ).records;
  const id = String(set?.Id);
  const flags = Object.entries(set ?? {})
    .filter(([k, v]) => k.startsWith('Permissions') && v === true)
    .map(([k]) => k.slice('Permissions'.length));
  const entities = (
    await conn.query<{ SetupEntityId: string; SetupEntityType: string }>(
      `SELECT SetupEntityId, SetupEntityType FROM SetupEntityAccess WHERE ParentId = '${id}'`,
    )
  ).records;
  const names: string[] = [];
  for (const e of entities) {
    const nameField = e.SetupEntityType === 'ApexClass' ? 'Name' : 'DeveloperName';
    const [row] = (
      await conn.query<Record<string, string>>(
        `SELECT ${nameField} FROM ${e.SetupEntityType} WHERE Id = '${e.SetupEntityId}'`,
      )
    ).records;
    names.push(`${e.SetupEntityType}:${row?.[nameField] ?? '?'}`);
  }
  const objects = (
    await conn.query<{ SobjectType: string }>(`SELECT SobjectType FROM ObjectPermissions WHERE ParentId = '${id}'`)
  ).records.map((r) => r.SobjectType);
  const fields = (
    await conn.query<{ Field: string }>(`SELECT Field FROM FieldPermissions WHERE ParentId = '${id}'`)
  ).records.map((r) => r.Field);
  return { id, flags, entities: names.sort(), objects, fields };
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'emulator-install-'));
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
  rmSync(workDir, { recursive: true, force: true });
});
beforeEach(() => emulator.control.reset());

describe('a package install', () => {
  it('keeps Apex class access and custom permissions and drops user permissions and standard-object access', async () => {
    const [report] = await install(version1());
    expect(report).toMatchObject({ orgId: GLOBEX.id, upgrade: false });
    expect(report?.dropped).toEqual([
      { permissionSet: 'Demo_Admin', entry: 'fieldPermissions:Account.Industry', reason: 'standardField' },
      { permissionSet: 'Demo_Admin', entry: 'objectPermissions:Account', reason: 'standardObject' },
      { permissionSet: 'Demo_Admin', entry: 'userPermissions:ApiEnabled', reason: 'userPermission' },
      { permissionSet: 'Demo_Admin', entry: 'userPermissions:ViewSetup', reason: 'userPermission' },
    ]);
    expect(report?.notEmulated).toEqual(['CustomTab:Demo_Tab']);

    const set = await grants(globexAdmin());
    expect(set.flags).toEqual([]);
    expect(set.entities).toEqual(['ApexClass:DemoController', 'ApexClass:DemoHelper', 'CustomPermission:Demo_Manage']);
    expect(set.objects).toEqual([]);
    expect(set.fields).toEqual([]);
  });

  it('on upgrade replaces the packaged entries and keeps what the admin added to the packaged set', async () => {
    await install(version1());
    const admin = globexAdmin();
    const before = await grants(admin);
    await admin.sobject('PermissionSet').update({ Id: before.id, PermissionsViewSetup: true });
    await admin
      .sobject('ObjectPermissions')
      .create({ ParentId: before.id, SobjectType: 'Account', PermissionsRead: true });

    const [report] = await install(version2());
    expect(report).toMatchObject({
      upgrade: true,
      removed: [{ permissionSet: 'Demo_Admin', entry: 'classAccesses:DemoHelper' }],
    });
    const after = await grants(admin);
    expect(after.id).toBe(before.id);
    expect(after.flags).toEqual(['ViewSetup']);
    expect(after.objects).toEqual(['Account']);
    expect(after.entities).toEqual([
      'ApexClass:DemoController',
      'CustomPermission:Demo_Manage',
      'CustomPermission:Demo_View',
    ]);
  });

  it('is gone after a reset unless startEmulator installed it', async () => {
    await install(version1());
    emulator.control.reset();
    const sets = await globexAdmin().query("SELECT Id FROM PermissionSet WHERE Name = 'Demo_Admin'");
    expect(sets.totalSize).toBe(0);

    const started = await startTestEmulator({ installPackage: { metadataDir: version1(), orgIds: [GLOBEX.id] } });
    try {
      expect(started.packageInstalls.map((r) => r.orgId)).toEqual([GLOBEX.id]);
      started.control.reset();
      const token = started.control.issueToken({
        username: DEMO_USERS.globex.admin.username,
        clientId: TEST_APP.clientId,
      });
      const conn = new Connection({
        instanceUrl: token.instance_url,
        accessToken: token.access_token,
        version: API_VERSION,
      });
      expect((await grants(conn)).entities).toContain('CustomPermission:Demo_Manage');
    } finally {
      await started.close();
    }
  });

  it('refuses a folder without package.xml and an unknown org, saying what to send', async () => {
    const empty = path.join(workDir, 'empty');
    mkdirSync(empty, { recursive: true });
    const noManifest = await control('/package/install', { orgIds: [GLOBEX.id], metadataDir: empty });
    expect(noManifest.status).toBe(400);
    expect((noManifest.json as { error: string }).error).toContain(
      'holds no package.xml: give the folder that "sf project convert source --root-dir force-app --output-dir <folder>" writes.',
    );
    const unknownOrg = await control('/package/install', { orgIds: ['00D000000000001AAA'], metadataDir: empty });
    expect(unknownOrg.status).toBe(400);
    expect((unknownOrg.json as { error: string }).error).toMatch(/^Unknown orgId '00D000000000001AAA'\. Known orgs: /);
    const noOrgs = await control('/package/install', { orgIds: [], metadataDir: empty });
    expect(noOrgs.status).toBe(400);
  });
});
