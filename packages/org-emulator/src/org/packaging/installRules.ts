/**
 * What a package install keeps of a packaged permission set, as Salesforce's packaging guide lists it ("Permission
 * Sets and Profile Settings in Packages"): assigned custom apps, custom object, external object, custom field, custom
 * metadata type and custom setting permissions, custom permissions, tab visibility, Apex class access, Visualforce
 * page access, external data source access and record types. User (system) permissions and standard-object
 * permissions are not on the list: the package version builds without a warning and the install drops them without
 * a word. Principal access to an external credential is kept (Named Credentials developer guide, "Package Named
 * Credentials"; no first-hand install report found). See docs/emulator-fidelity.md.
 */
import type { PermissionSetEntry } from './packageMetadata';

/** Why an entry does not survive the install. */
export type DropReason = 'userPermission' | 'standardObject' | 'standardField' | 'notPackageable';

/** An entry and what the install does with it. */
export type EntryFate = { kept: true; key: string } | { kept: false; key: string; reason: DropReason };

/** Entry elements the install keeps whatever they name. */
const ALWAYS_KEPT: Record<string, string> = {
  applicationVisibilities: 'application',
  classAccesses: 'apexClass',
  customMetadataTypeAccesses: 'name',
  customPermissions: 'name',
  customSettingAccesses: 'name',
  externalCredentialPrincipalAccesses: 'externalCredentialPrincipal',
  externalDataSourceAccesses: 'externalDataSource',
  pageAccesses: 'apexPage',
  recordTypeVisibilities: 'recordType',
  tabSettings: 'tab',
};

/** Custom objects (`__c`), external objects (`__x`), custom metadata types (`__mdt`), namespaced or not. */
export function isCustomObjectName(name: string): boolean {
  return /__(c|x|mdt)$/i.test(name);
}

/** A field is custom when its own name ends in __c, whatever object it is on. */
export function isCustomFieldName(qualified: string): boolean {
  return /__c$/i.test(qualified.slice(qualified.indexOf('.') + 1));
}

/** The key an entry is tracked by across versions (element and the component it names). */
export function entryKey(entry: PermissionSetEntry): string {
  const subject =
    ALWAYS_KEPT[entry.element] !== undefined
      ? entry.values[ALWAYS_KEPT[entry.element] ?? '']
      : (entry.values.name ?? entry.values.object ?? entry.values.field);
  return `${entry.element}:${subject ?? ''}`;
}

/** What the install does with one entry of a packaged permission set. */
export function entryFate(entry: PermissionSetEntry): EntryFate {
  const key = entryKey(entry);
  if (entry.element in ALWAYS_KEPT) return { kept: true, key };
  switch (entry.element) {
    case 'userPermissions':
      return { kept: false, key, reason: 'userPermission' };
    case 'objectPermissions':
      return isCustomObjectName(entry.values.object ?? '')
        ? { kept: true, key }
        : { kept: false, key, reason: 'standardObject' };
    case 'fieldPermissions':
      return isCustomFieldName(entry.values.field ?? '')
        ? { kept: true, key }
        : { kept: false, key, reason: 'standardField' };
    default:
      // Anything else a PermissionSet file can hold (flow access, custom metadata records, emails, ...) is not on the
      // packaging guide's list.
      return { kept: false, key, reason: 'notPackageable' };
  }
}
