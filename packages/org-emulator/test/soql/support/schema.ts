/**
 * Builders for object and field definitions in SOQL tests: describe-like defaults so that each fixture only states
 * what matters (type, reference targets, filterable/sortable flags).
 */
import type { ChildRelationshipDef, FieldDef, FieldType, ObjectDef } from '../../../src/org/types';

/** A field with describe-like defaults for its type. */
export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  const system = name === 'Id' || name === 'IsDeleted' || name === 'CreatedDate';
  return {
    name,
    label: name,
    type,
    length: type === 'string' ? 255 : 0,
    custom: name.endsWith('__c'),
    nillable: !system && type !== 'boolean',
    createable: !system,
    updateable: !system,
    permissionable: !system,
    calculated: false,
    autoNumber: false,
    defaultedOnCreate: system || type === 'boolean',
    filterable: true,
    sortable: type !== 'multipicklist',
    groupable: type !== 'double' && type !== 'datetime' && type !== 'currency',
    aggregatable: type !== 'boolean' && type !== 'multipicklist',
    unique: false,
    externalId: false,
    idLookup: name === 'Id',
    referenceTo: [],
    relationshipName: null,
    cascadeDelete: false,
    picklistValues: [],
    ...extra,
  };
}

/** A reference field (`AccountId` -> relationship `Account`). */
export function lookup(name: string, referenceTo: string[], relationshipName: string, extra: Partial<FieldDef> = {}) {
  return field(name, 'reference', { referenceTo, relationshipName, ...extra });
}

/** A long text area: neither filterable, sortable nor groupable, as Salesforce describes them. */
export function longText(name: string): FieldDef {
  return field(name, 'textarea', { length: 32768, filterable: false, sortable: false, groupable: false });
}

/** A child relationship entry for the parent's describe. */
export function childRelationship(
  childSObject: string,
  fieldName: string,
  relationshipName: string,
): ChildRelationshipDef {
  return { childSObject, field: fieldName, relationshipName, cascadeDelete: false };
}

/** An object with Id, IsDeleted and CreatedDate plus the given fields. */
export function object(name: string, keyPrefix: string, fields: FieldDef[], extra: Partial<ObjectDef> = {}): ObjectDef {
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: name.endsWith('__c'),
    accessModel: 'data',
    queryable: true,
    retrieveable: true,
    createable: true,
    updateable: true,
    deletable: true,
    searchable: true,
    layoutable: true,
    triggerable: true,
    masterObject: null,
    minApiVersion: 20,
    toolingOnly: false,
    fields: [field('Id', 'id'), field('IsDeleted', 'boolean'), field('CreatedDate', 'datetime'), ...fields],
    childRelationships: [],
    ...extra,
  };
}
