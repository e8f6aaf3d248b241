/**
 * Field paths (`Name`, `Profile.Name`, `Parent.Profile.Name`, `Owner.Type`): resolution against the schema the
 * running user can see, and reading their values from rows. Reference: SOQL and SOSL Reference, "Relationship
 * Queries" and "Understanding Relationship Fields and Polymorphic Fields".
 */
import type { FieldDef, ObjectDef, SfRecord } from '../org/types';
import { recordTypeOf, type SoqlEngineDataSource } from './dataSource';
import { noSuchColumn, unknownRelationship } from './errors';
import { NAME_ENTITY, nameField } from './nameEntity';

/** One parent-relationship step: the reference field followed and what it points to. */
export interface Hop {
  /** The reference field on the object the step starts from (e.g. User.ProfileId). */
  field: FieldDef;
  /** Canonical relationship name (e.g. Profile). */
  relationshipName: string;
  /** Possible target objects; several make the relationship polymorphic (target entity Name). */
  targets: string[];
  /** Entity name of the target as SOQL sees it: the object, or 'Name' when polymorphic. */
  entity: string;
  /** The reference's optional `namePointing` flag (see primaryTarget). */
  namePointing?: boolean;
}

/** A resolved field path. */
export interface FieldPath {
  hops: Hop[];
  field: FieldDef;
  /** Entity that owns the final field (canonical name, or 'Name'). */
  entity: string;
  /** Canonical dotted path, e.g. Profile.Name. */
  canonical: string;
}

/** Where a path appears, so that errors can point at it. */
export interface PathSite {
  query: string;
  /** Offset of the first segment of the path in the query text. */
  offset: number;
}

/** Where a path stands between hops: a real object, or the Name entity over several possible objects. */
interface Step {
  entity: string;
  targets: string[];
  namePointing?: boolean;
}

/** A field of a real object, if the user can see it at this API version. */
function visibleField(ds: SoqlEngineDataSource, objectName: string, name: string): FieldDef | undefined {
  const found = ds.getField(objectName, name);
  return found && (found.minApiVersion ?? 0) <= ds.apiVersion ? found : undefined;
}

/**
 * What a polymorphic step offers beyond the Name entity. A reference marked `namePointing` (an optional flag the
 * shared FieldDef does not declare yet) offers nothing more, as in Salesforce (Case.Owner -> User or Group: only
 * Name-entity fields). Without the flag, the first referenced object is taken as the primary target, so that
 * references whose extra targets are variants of it (ObjectPermissions.Parent and PermissionSetAssignment
 * .PermissionSet -> PermissionSet or MutingPermissionSet) keep `Parent.IsOwnedByProfile` working as it does in
 * Salesforce.
 */
function primaryTarget(step: Step): string | undefined {
  return step.namePointing ? undefined : step.targets[0];
}

function lookupField(ds: SoqlEngineDataSource, step: Step, name: string): FieldDef | undefined {
  if (step.entity !== NAME_ENTITY) return visibleField(ds, step.entity, name);
  const primary = primaryTarget(step);
  return nameField(name) ?? (primary ? visibleField(ds, primary, name) : undefined);
}

/** The visible reference field of an object whose relationship name is `name`. */
function relationshipField(ds: SoqlEngineDataSource, objectName: string, name: string): FieldDef | undefined {
  const upper = name.toUpperCase();
  const declared = ds
    .getObject(objectName)
    ?.fields.find((f) => f.relationshipName?.toUpperCase() === upper && f.referenceTo.length > 0);
  return declared && visibleField(ds, objectName, declared.name);
}

/** The relationship named `name` from a step, if the user can see it and at least one of its targets. */
function lookupRelationship(ds: SoqlEngineDataSource, step: Step, name: string): Hop | undefined {
  const upper = name.toUpperCase();
  const field =
    step.entity !== NAME_ENTITY
      ? relationshipField(ds, step.entity, name)
      : (['ProfileId', 'RecordTypeId', 'UserRoleId']
          .map((f) => nameField(f) as FieldDef)
          .find((f) => f.relationshipName?.toUpperCase() === upper) ??
        relationshipField(ds, primaryTarget(step) ?? '', name));
  if (!field) return undefined;
  const targets = field.referenceTo.flatMap((t) => ds.getObject(t)?.name ?? []);
  if (targets.length === 0) return undefined;
  return {
    field,
    relationshipName: field.relationshipName as string,
    targets,
    entity: field.referenceTo.length > 1 ? NAME_ENTITY : (targets[0] as string),
    namePointing: (field as FieldDef & { namePointing?: boolean }).namePointing,
  };
}

/**
 * Resolves a dotted path from an object, or throws Salesforce's INVALID_FIELD ("Didn't understand relationship" for
 * a bad relationship, "No such column" for a bad or hidden field).
 */
export function resolvePath(ds: SoqlEngineDataSource, root: ObjectDef, segments: string[], site: PathSite): FieldPath {
  const hops: Hop[] = [];
  let step: Step = { entity: root.name, targets: [root.name] };
  for (const segment of segments.slice(0, -1)) {
    const hop = lookupRelationship(ds, step, segment);
    if (!hop) throw unknownRelationship(site.query, site.offset, segment);
    hops.push(hop);
    step = { entity: hop.entity, targets: hop.targets, namePointing: hop.namePointing };
  }
  const last = segments[segments.length - 1] ?? '';
  const field = lookupField(ds, step, last);
  if (!field) throw noSuchColumn(site.query, site.offset, last, step.entity);
  const canonical = [...hops.map((h) => h.relationshipName), field.name].join('.');
  return { hops, field, entity: step.entity, canonical };
}

/** The parent record a hop leads to from a row, with its sObject type, or undefined (null lookup, not visible). */
export function followHop(
  ds: SoqlEngineDataSource,
  row: SfRecord,
  hop: Hop,
): { record: SfRecord; type: string } | undefined {
  const id = row[hop.field.name];
  if (typeof id !== 'string' || id === '') return undefined;
  const record = ds.getRecord(id);
  if (!record) return undefined;
  const type = recordTypeOf(ds, record.Id, hop.targets);
  return type ? { record, type } : undefined;
}

/** A field's value on a record of a given type; Name-entity fields are mapped onto the real record. */
export function fieldValue(
  ds: SoqlEngineDataSource,
  record: SfRecord,
  type: string,
  entity: string,
  field: FieldDef,
): unknown {
  if (entity !== NAME_ENTITY) return record[field.name] ?? null;
  // Owner.Type reads 'User' for users and the group's own type ('Queue') for queues.
  if (field.name === 'Type') return type === 'Group' ? (record.Type ?? type) : type;
  // Name-entity fields carry a value only when the real object has that field and the user can see it.
  const real = ds.getField(type, field.name);
  return real ? (record[real.name] ?? null) : null;
}

/** A function reading a path's value from rows of the root object (null when any step is null). */
export function pathReader(ds: SoqlEngineDataSource, rootType: string, path: FieldPath): (row: SfRecord) => unknown {
  const { hops, field, entity } = path;
  if (hops.length === 0) {
    const name = field.name;
    return (row) => row[name] ?? null;
  }
  return (row) => {
    let current: SfRecord = row;
    let type = rootType;
    for (const hop of hops) {
      const next = followHop(ds, current, hop);
      if (!next) return null;
      current = next.record;
      type = next.type;
    }
    return fieldValue(ds, current, type, entity, field);
  };
}
