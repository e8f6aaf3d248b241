/**
 * Core types of the Salesforce org emulator: the contract between the org model (`org/`), the SOQL engine (`soql/`)
 * and the HTTP layer (`http/`). The org model owns this file; the other layers only consume it.
 */

/** Salesforce field types as describe reports them (`type`); a list so that input naming one can be checked. */
export const FIELD_TYPES = [
  'id',
  'string',
  'textarea',
  'boolean',
  'int',
  'long',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'time',
  'reference',
  'picklist',
  'multipicklist',
  'combobox',
  'email',
  'phone',
  'url',
  'encryptedstring',
  'base64',
  'address',
  'location',
  'anyType',
] as const;

/** One of FIELD_TYPES. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of an sObject, with the describe attributes the product and real clients read. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  custom: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Can carry FieldPermissions rows (false for required and system fields, which are always accessible). */
  permissionable: boolean;
  calculated: boolean;
  autoNumber: boolean;
  defaultedOnCreate: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  aggregatable: boolean;
  unique: boolean;
  externalId: boolean;
  idLookup: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** For master-detail fields. */
  cascadeDelete: boolean;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  /** Lowest API version at which the field exists (absent: as old as its object). */
  minApiVersion?: number;
  /** Value given to the field on create when the body omits it (describe `defaultValue`). */
  defaultValue?: string | boolean | number | null;
  /** Formula of a calculated field, as describe reports it. */
  calculatedFormula?: string | null;
  /** Numeric precision/scale (currency, double, percent) and digits (int). */
  precision?: number;
  scale?: number;
  digits?: number;
  /** The object's name field (Name, CaseNumber, Subject...). */
  nameField?: boolean;
  /** A restricted picklist refuses values outside picklistValues. */
  restrictedPicklist?: boolean;
}

/** A child relationship as describe reports it; also used by SOQL child subqueries. */
export interface ChildRelationshipDef {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
}

/**
 * How access to an object is governed:
 * - 'data': ordinary objects, governed by ObjectPermissions/FieldPermissions (and View All Fields);
 * - 'setup': setup objects (PermissionSet, ObjectPermissions, User, Profile...), governed by system permissions;
 * - 'customSetting' / 'customMetadata': no ObjectPermissions rows may exist for them.
 */
export type AccessModel = 'data' | 'setup' | 'customSetting' | 'customMetadata';

/** One sObject type. Names are canonical case; lookups are case-insensitive. */
export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  accessModel: AccessModel;
  queryable: boolean;
  retrieveable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  searchable: boolean;
  layoutable: boolean;
  triggerable: boolean;
  /** Master object for detail objects (master-detail): Read on the detail needs Read on the master. */
  masterObject: string | null;
  /** Lowest API version at which the object exists (e.g. PermissionSetGroup 45.0). */
  minApiVersion: number;
  /** Only served by the Tooling API (e.g. PermissionDependency). */
  toolingOnly: boolean;
  /** Served by the Tooling API as well as the data API (e.g. PermissionSet, User). */
  alsoInTooling?: boolean;
  /** Soft-deleted rows go to the recycle bin (queryAll sees them); setup objects are deleted outright. */
  recycleBin?: boolean;
  fields: FieldDef[];
  childRelationships: ChildRelationshipDef[];
}

/** A stored record: canonical field API names to JSON values. Always has Id. */
export type SfRecord = Record<string, unknown> & { Id: string };

/** A Salesforce REST error item: `{message, errorCode}`, plus `fields` when the error is about a record's fields. */
export interface SfErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A per-record save error as sObject Collections report it (statusCode, not errorCode). */
export interface SaveErrorItem {
  statusCode: string;
  message: string;
  fields: string[];
}

/** The result of saving one record (collections and composite report these). */
export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: SaveErrorItem[];
  created?: boolean;
}

/**
 * An error the HTTP layer turns into Salesforce's error response: status + body `[{message, errorCode}]` (with
 * `fields` only when given).
 * Thrown by the org model and the SOQL engine; never caught and swallowed.
 */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** The fields of the record the error is about; absent for errors about the request (no `fields` key). */
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SfApiError';
  }

  /** The REST body Salesforce sends for this error. */
  toBody(): SfErrorItem[] {
    const item = { message: this.message, errorCode: this.errorCode };
    return [this.fields === undefined ? item : { ...item, fields: this.fields }];
  }
}

/** Object-level access of one user (or one permission set) to one object. */
export interface ObjectAccess {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
  viewAllFields: boolean;
}

/** Field-level access: key of `fields` is `Object.Field` in canonical case. */
export interface FieldAccess {
  read: boolean;
  edit: boolean;
}

/**
 * Effective access of a user: union over the profile, active permission set assignments (not expired, not
 * session-based) and permission set groups minus their muting permission sets.
 */
export interface EffectiveAccess {
  userId: string;
  /** System permission names without the `Permissions` prefix, e.g. 'ApiEnabled', 'ViewAllData'. */
  systemPermissions: Set<string>;
  /** Keyed by lower-case object name. */
  objects: Map<string, ObjectAccess>;
  /** Keyed by lower-case `object.field`. */
  fields: Map<string, FieldAccess>;
  /** Custom permission DeveloperNames. */
  customPermissions: Set<string>;
}

/** Who is calling and how: built by the HTTP layer from the access token and the URL's API version. */
export interface CallContext {
  orgId: string;
  userId: string;
  apiVersion: number;
  /** True for /services/data/vXX.X/tooling/... */
  tooling: boolean;
}

/**
 * What the SOQL engine needs from an org. The org model implements it for a given CallContext, so that every
 * read the engine makes is already subject to the running user's effective access.
 */
export interface SoqlDataSource {
  readonly apiVersion: number;
  readonly tooling: boolean;
  /** Object visible to the running user, or undefined (the engine answers INVALID_TYPE). Case-insensitive. */
  getObject(name: string): ObjectDef | undefined;
  /** Field readable by the running user, or undefined (the engine answers INVALID_FIELD). Case-insensitive. */
  getField(objectName: string, fieldName: string): FieldDef | undefined;
  /** Live rows of an object (includeDeleted for queryAll). Rows the user may not see are already filtered out. */
  rows(objectName: string, includeDeleted: boolean): Iterable<SfRecord>;
  /** Any record by Id (for parent relationships), subject to the same visibility rules, or undefined. */
  getRecord(id: string): SfRecord | undefined;
  /** The sObject type of an id (for polymorphic relationships such as Owner or Parent), or undefined. */
  getRecordType?(id: string): string | undefined;
}

/** Time source for every expiry in the emulator; tests move it forward with advance(). */
export interface Clock {
  now(): Date;
  advance(ms: number): void;
}

/** An opaque marker returned by OrgModel.savepoint(); pass it to rollback() or release(). */
export interface Savepoint {
  readonly id: number;
}

/** One login as LoginHistory records it (the OAuth layer reports every attempt). */
export interface LoginEvent {
  /** e.g. the connected app name, 'Browser', 'Salesforce CLI'. */
  application: string;
  /** 'Success' or Salesforce's failure text, e.g. 'Invalid Password'. */
  status: string;
  /** e.g. 'Remote Access 2.0', 'Application', 'Remote Access Client'. */
  loginType: string;
  sourceIp: string;
  /** e.g. 'https://acme.my.salesforce.com'. */
  loginUrl?: string;
}

/** Connect REST principal types (`principalType`). */
export type CredentialPrincipalType = 'NamedPrincipal' | 'PerUserPrincipal' | 'AwsStsPrincipal';

/** Request body of POST/PUT/PATCH /named-credentials/credential. */
export interface CredentialInput {
  externalCredential: string;
  principalName?: string;
  principalType: CredentialPrincipalType;
  authenticationProtocol: string;
  credentials: Record<string, { value: string; encrypted: boolean }>;
}

/** Response body of the credential resource (ConnectApi.Credential); encrypted values are masked. */
export interface CredentialOutput {
  authenticationProtocol: string;
  authenticationProtocolVariant: string | null;
  authenticationStatus: 'Configured' | 'NotConfigured';
  credentials: Record<string, { value: string | null; encrypted: boolean }>;
  externalCredential: string;
  principalName: string | null;
  principalType: CredentialPrincipalType;
}
