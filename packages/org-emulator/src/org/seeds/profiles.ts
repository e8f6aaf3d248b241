/**
 * The standard profiles every seeded org has (System Administrator, Standard User, the two Minimum Access profiles)
 * with the object and field access they carry in real orgs, scaled down to the emulator's objects.
 */
import { SYSTEM_PERMISSIONS } from '../permissions/systemPermissions';
import type { ObjectVerb } from '../permissions/dependencies';
import type { SeedWriter } from './seedWriter';
import { CRED } from './seedWriter';

const NOT_FOR_ADMINS = [
  'ApiUserOnly',
  'PasswordNeverExpires',
  'ViewEncryptedData',
  'BulkApiHardDelete',
  'ManageSessionPermissionSets',
];

/** User permissions of the System Administrator profile. */
export const ADMIN_PERMISSIONS: readonly string[] = SYSTEM_PERMISSIONS.map((p) => p.name).filter(
  (n) => !NOT_FOR_ADMINS.includes(n),
);

/** User permissions of the Standard User profile. */
export const STANDARD_USER_PERMISSIONS: readonly string[] = [
  'ApiEnabled',
  'ConvertLeads',
  'EditEvent',
  'EditTask',
  'EmailSingle',
  'ExportReport',
  'ImportLeads',
  'LightningExperienceUser',
  'RunReports',
];

/** Object access of the Standard User profile. */
export const STANDARD_USER_OBJECTS: ReadonlyArray<readonly [string, readonly ObjectVerb[]]> = [
  ['Account', CRED],
  ['Contact', CRED],
  ['Opportunity', CRED],
  ['Case', CRED],
  ['Lead', CRED],
  ['Campaign', ['read']],
  ['Product2', ['read']],
  ['Pricebook2', ['read']],
  ['Order', CRED],
  ['Contract', ['read', 'create', 'update']],
  ['Asset', CRED],
  ['Project__c', ['read', 'create', 'update']],
  ['Invoice__c', ['read']],
  ['Invoice_Line__c', ['read']],
];

/** Objects without object permissions whose fields standard users still get field access to. */
const SHARED_OBJECTS = ['Task', 'Event', 'ContentDocument', 'ContentVersion', 'Attachment', 'Note'];

/** Fields standard users do not see (to exercise field-level security). */
const HIDDEN_FROM_STANDARD_USERS = new Set(['Project__c.Secret_Notes__c']);

/** Ids of the standard profiles and their permission sets. */
export interface StandardProfiles {
  admin: { profileId: string; setId: string };
  standard: { profileId: string; setId: string };
  minimumAccess: { profileId: string; setId: string };
  apiOnly: { profileId: string; setId: string };
}

/** Grants the Standard User's object and field access to a profile or permission set. */
export function grantStandardUserAccess(w: SeedWriter, setId: string): void {
  for (const [objectName, verbs] of STANDARD_USER_OBJECTS) w.grantObject(setId, objectName, verbs);
  for (const objectName of [...STANDARD_USER_OBJECTS.map(([name]) => name), ...SHARED_OBJECTS]) {
    const obj = w.core.object(objectName);
    for (const f of obj.fields) {
      const qualified = `${obj.name}.${f.name}`;
      if (f.permissionable && !HIDDEN_FROM_STANDARD_USERS.has(qualified)) w.grantField(setId, qualified, 'edit');
    }
  }
}

/** Creates the standard profiles. */
export function createStandardProfiles(w: SeedWriter): StandardProfiles {
  const admin = w.createProfile({
    name: 'System Administrator',
    license: 'salesforce',
    permissions: ADMIN_PERMISSIONS,
    custom: false,
  });
  w.grantEverything(admin.setId);
  const standard = w.createProfile({
    name: 'Standard User',
    license: 'salesforce',
    permissions: STANDARD_USER_PERMISSIONS,
    custom: false,
  });
  grantStandardUserAccess(w, standard.setId);
  const minimumAccess = w.createProfile({
    name: 'Minimum Access - Salesforce',
    license: 'salesforce',
    permissions: [],
    custom: false,
  });
  const apiOnly = w.createProfile({
    name: 'Minimum Access - API Only Integrations',
    license: 'integration',
    permissions: ['ApiEnabled', 'ApiUserOnly'],
    custom: false,
  });
  return { admin, standard, minimumAccess, apiOnly };
}
