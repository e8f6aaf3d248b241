/**
 * Key prefixes (the first three characters of an id) of the standard and setup objects the emulator models, and the
 * allocator for custom object prefixes. Prefixes marked UNCONFIRMED in docs/emulator-fidelity.md could not be checked
 * against a public source.
 */
import { base62 } from '../ids';

/** Standard key prefixes by object API name. */
export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  Organization: '00D',
  User: '005',
  Profile: '00e',
  UserRole: '00E',
  UserLicense: '100',
  PermissionSet: '0PS',
  PermissionSetGroup: '0PG',
  PermissionSetGroupComponent: '0PH',
  MutingPermissionSet: '0QM',
  PermissionSetAssignment: '0Pa',
  PermissionSetLicense: '0PL',
  PermissionSetLicenseAssign: '2LA',
  ObjectPermissions: '110',
  FieldPermissions: '01k',
  SetupEntityAccess: '0J0',
  CustomPermission: '0CP',
  LoginHistory: '0Ya',
  ApexClass: '01p',
  NamedCredential: '0XA',
  ExternalCredential: '0pt',
  ExternalCredentialParameter: '0pu',
  PermissionDependency: '2Pd',
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Case: '500',
  Lead: '00Q',
  Campaign: '701',
  Task: '00T',
  Event: '00U',
  Note: '002',
  Attachment: '00P',
  ContentVersion: '068',
  ContentDocument: '069',
  Product2: '01t',
  Pricebook2: '01s',
  Order: '801',
  Contract: '800',
  Asset: '02i',
};

/** Allocates key prefixes for custom objects (a00, a01, ... like a real org) and custom metadata types (m00...). */
export class CustomPrefixAllocator {
  private nextObject = 0;
  private nextMetadata = 0;

  /** The next free prefix for a custom object or custom setting. */
  nextCustomObject(): string {
    return `a${base62(this.nextObject++, 2)}`;
  }

  /** The next free prefix for a custom metadata type. */
  nextCustomMetadata(): string {
    return `m${base62(this.nextMetadata++, 2)}`;
  }
}
