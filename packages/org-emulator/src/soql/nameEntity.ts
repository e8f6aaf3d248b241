/**
 * The `Name` entity: what a polymorphic relationship (a reference field whose referenceTo lists several objects,
 * such as Case.Owner -> User or Group) points to in SOQL without TYPEOF. Only its fields can follow such a
 * relationship (`Owner.Name`, `Owner.Type`, `Owner.Profile.Name`); anything else is "No such column ... on entity
 * 'Name'". Reference: Object Reference, "Name" (sforce_api_objects_name.htm).
 */
import type { FieldDef, FieldType } from '../org/types';

/** The entity name Salesforce reports for polymorphic relationship targets. */
export const NAME_ENTITY = 'Name';

/** A read-only, filterable, sortable field definition for entities the engine defines itself. */
export function syntheticField(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label: name,
    type,
    length: type === 'string' ? 255 : 0,
    custom: false,
    nillable: true,
    createable: false,
    updateable: false,
    permissionable: false,
    calculated: false,
    autoNumber: false,
    defaultedOnCreate: false,
    filterable: true,
    sortable: true,
    groupable: type !== 'datetime',
    aggregatable: true,
    unique: false,
    externalId: false,
    idLookup: false,
    referenceTo: [],
    relationshipName: null,
    cascadeDelete: false,
    picklistValues: [],
    ...extra,
  };
}

/** The Name entity's fields (Object Reference, API 62). */
export const NAME_FIELDS: readonly FieldDef[] = [
  syntheticField('Id', 'id', { nillable: false }),
  syntheticField('Alias', 'string'),
  syntheticField('Email', 'email'),
  syntheticField('FirstName', 'string'),
  syntheticField('IsActive', 'boolean', { nillable: false }),
  syntheticField('LastName', 'string'),
  syntheticField('LastReferencedDate', 'datetime'),
  syntheticField('LastViewedDate', 'datetime'),
  syntheticField('Name', 'string', { nameField: true }),
  syntheticField('NameOrAlias', 'string'),
  syntheticField('Phone', 'phone'),
  syntheticField('ProfileId', 'reference', { referenceTo: ['Profile'], relationshipName: 'Profile' }),
  syntheticField('RecordTypeId', 'reference', { referenceTo: ['RecordType'], relationshipName: 'RecordType' }),
  syntheticField('Title', 'string'),
  syntheticField('Type', 'picklist'),
  syntheticField('UserRoleId', 'reference', { referenceTo: ['UserRole'], relationshipName: 'UserRole' }),
  syntheticField('Username', 'string'),
];

/** A Name entity field by name, case-insensitively. */
export function nameField(name: string): FieldDef | undefined {
  const upper = name.toUpperCase();
  return NAME_FIELDS.find((f) => f.name.toUpperCase() === upper);
}
