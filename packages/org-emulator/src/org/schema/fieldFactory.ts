/**
 * Builders for FieldDef and ObjectDef with Salesforce's describe defaults, so object definitions read like a field
 * list instead of repeating 25 attributes per field. Builders are cheap: generated orgs call them 200,000 times.
 */
import type { FieldDef, FieldType, ObjectDef } from '../types';

/** Shared empty arrays: field definitions are never mutated in place, so one instance serves every field. */
const NO_STRINGS = Object.freeze([]) as unknown as string[];
const NO_PICKLIST = Object.freeze([]) as unknown as FieldDef['picklistValues'];

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  multipicklist: 4099,
  combobox: 255,
  encryptedstring: 175,
};

const NOT_SORTABLE = new Set<FieldType>(['multipicklist', 'base64', 'address', 'location', 'anyType']);
const NOT_GROUPABLE = new Set<FieldType>([
  'textarea',
  'double',
  'currency',
  'percent',
  'datetime',
  'time',
  'multipicklist',
  'base64',
  'address',
  'location',
  'encryptedstring',
  'anyType',
]);
const NOT_AGGREGATABLE = new Set<FieldType>(['textarea', 'boolean', 'multipicklist', 'base64', 'address', 'location']);

/**
 * Options accepted by the field builders: any FieldDef attribute, plus the child relationship name for lookups and
 * `alsoAccepts`: objects a lookup takes ids of without describing them (ObjectPermissions.ParentId is described as a
 * PermissionSet lookup, yet muting permission sets hang their rows there too).
 */
export type FieldOptions = Partial<FieldDef> & { childRelationshipName?: string; alsoAccepts?: string[] };

const childNames = new WeakMap<FieldDef, string>();
const extraTargets = new WeakMap<FieldDef, string[]>();

/** Every object a lookup accepts ids of: its referenceTo plus undescribed extras. */
export function acceptedReferenceTargets(field: FieldDef): string[] {
  const extra = field.type === 'reference' ? extraTargets.get(field) : undefined;
  return extra ? [...field.referenceTo, ...extra] : field.referenceTo;
}

/** The name a lookup's parent uses for the child relationship (e.g. Account.Contacts), if any. */
export function childRelationshipNameOf(field: FieldDef): string | undefined {
  return field.type === 'reference' ? childNames.get(field) : undefined;
}

/** A copy of a field with some attributes changed, keeping its child relationship name. */
export function derive(def: FieldDef, overrides: Partial<FieldDef>): FieldDef {
  const copy = { ...def, ...overrides };
  if (def.type !== 'reference') return copy;
  const childName = childNames.get(def);
  if (childName) childNames.set(copy, childName);
  const extra = extraTargets.get(def);
  if (extra) extraTargets.set(copy, extra);
  return copy;
}

/** A field with describe defaults for its type; options override them. */
export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const { childRelationshipName, alsoAccepts, ...overrides } = options;
  const custom = name.endsWith('__c');
  const def: FieldDef = {
    name,
    label,
    type,
    length: DEFAULT_LENGTH[type] ?? 0,
    custom,
    nillable: type !== 'boolean',
    createable: true,
    updateable: true,
    permissionable: true,
    calculated: false,
    autoNumber: false,
    defaultedOnCreate: type === 'boolean',
    filterable: type !== 'textarea',
    sortable: !NOT_SORTABLE.has(type) && type !== 'textarea',
    groupable: !NOT_GROUPABLE.has(type),
    aggregatable: !NOT_AGGREGATABLE.has(type),
    unique: false,
    externalId: false,
    idLookup: false,
    referenceTo: NO_STRINGS,
    relationshipName: null,
    cascadeDelete: false,
    picklistValues: NO_PICKLIST,
    ...overrides,
  };
  if (childRelationshipName) childNames.set(def, childRelationshipName);
  if (alsoAccepts) extraTargets.set(def, alsoAccepts);
  return def;
}

/** The Id field every object has. */
export function idField(objectLabel: string): FieldDef {
  return field('Id', `${objectLabel} ID`, 'id', {
    nillable: false,
    createable: false,
    updateable: false,
    permissionable: false,
    defaultedOnCreate: true,
    idLookup: true,
  });
}

/** A required field: not nillable, so Salesforce gives it no field-level security (always readable and writable). */
export function required(def: FieldDef): FieldDef {
  return derive(def, { nillable: false, permissionable: false });
}

/** A read-only system field (no FLS, not createable or updateable). */
export function system(def: FieldDef): FieldDef {
  return derive(def, { createable: false, updateable: false, permissionable: false });
}

/** A lookup (or master-detail when `masterDetail`) to one or more objects. */
export function lookup(
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string,
  options: FieldOptions & { masterDetail?: boolean } = {},
): FieldDef {
  const { masterDetail, ...rest } = options;
  return field(name, label, 'reference', {
    referenceTo,
    relationshipName,
    ...(masterDetail ? { nillable: false, permissionable: false, cascadeDelete: true, updateable: false } : {}),
    ...rest,
  });
}

/** A picklist with the given values (the first is not a default unless `defaultValue` names it). */
export function picklist(name: string, label: string, values: string[], options: FieldOptions = {}): FieldDef {
  return field(name, label, 'picklist', {
    picklistValues: values.map((v) => ({ value: v, label: v, active: true, defaultValue: v === options.defaultValue })),
    defaultedOnCreate: options.defaultValue !== undefined,
    restrictedPicklist: false,
    ...options,
  });
}

/** A formula field: calculated, read only, still permissionable (Read only). */
export function formula(name: string, label: string, type: FieldType, expression: string): FieldDef {
  return field(name, label, type, {
    calculated: true,
    createable: false,
    updateable: false,
    calculatedFormula: expression,
    nillable: true,
    defaultedOnCreate: false,
  });
}

/** An auto-number field: read only, permissionable (Read only). */
export function autoNumber(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'string', {
    length: 30,
    autoNumber: true,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    nillable: false,
    ...options,
  });
}

/** CreatedDate/CreatedById/LastModifiedDate/LastModifiedById/SystemModstamp (+ IsDeleted when `withIsDeleted`). */
export function auditFields(withIsDeleted = true): FieldDef[] {
  const fields = [
    system(field('CreatedDate', 'Created Date', 'datetime', { nillable: false, defaultedOnCreate: true })),
    system(lookup('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { nillable: false, defaultedOnCreate: true })),
    system(field('LastModifiedDate', 'Last Modified Date', 'datetime', { nillable: false, defaultedOnCreate: true })),
    system(
      lookup('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', {
        nillable: false,
        defaultedOnCreate: true,
      }),
    ),
    system(field('SystemModstamp', 'System Modstamp', 'datetime', { nillable: false, defaultedOnCreate: true })),
  ];
  if (withIsDeleted) fields.push(system(field('IsDeleted', 'Deleted', 'boolean', { defaultedOnCreate: true })));
  return fields;
}

/** OwnerId: required (so not permissionable), defaulted to the running user. */
export function ownerField(referenceTo: string[] = ['User']): FieldDef {
  return lookup('OwnerId', 'Owner ID', referenceTo, 'Owner', {
    nillable: false,
    permissionable: false,
    defaultedOnCreate: true,
  });
}

/** The Name field of an object: required text (or auto-number), the object's name field. */
export function nameField(label: string, options: FieldOptions = {}): FieldDef {
  return required(field('Name', label, 'string', { length: 80, nameField: true, idLookup: true, ...options }));
}

/** Defaults for an ObjectDef; callers give name, label, prefix and fields. */
export function objectDef(
  spec: Pick<ObjectDef, 'name' | 'label' | 'labelPlural' | 'keyPrefix' | 'accessModel' | 'fields'> & Partial<ObjectDef>,
): ObjectDef {
  return {
    custom: spec.name.endsWith('__c') || spec.name.endsWith('__mdt'),
    queryable: true,
    retrieveable: true,
    createable: true,
    updateable: true,
    deletable: true,
    searchable: spec.accessModel === 'data',
    layoutable: spec.accessModel === 'data',
    triggerable: spec.accessModel === 'data',
    masterObject: null,
    minApiVersion: 20,
    toolingOnly: false,
    childRelationships: [],
    recycleBin: spec.accessModel === 'data',
    ...spec,
  };
}
